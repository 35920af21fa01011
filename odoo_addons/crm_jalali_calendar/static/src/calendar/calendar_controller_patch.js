/**
 * The calendar's titles (month, week, day) and its previous/next buttons in Jalali
 * months and years for Jalali users.
 */
import { CalendarController } from "@web/views/calendar/calendar_controller";
import { patch } from "@web/core/utils/patch";
import { jalaliSettings } from "../core/jalali_settings";
import { jalaliNumber, jalaliOf, jalaliWeekOf, plusJalaliMonths } from "../core/jalali_luxon";

/** "آذر 1404" (or only "آذر" without the year). */
const monthTitle = (date, withYear = true) =>
    withYear ? `${date.toFormat("MMMM")} ${jalaliNumber(jalaliOf(date).year)}` : date.toFormat("MMMM");

patch(CalendarController.prototype, {
    get currentMonth() {
        return jalaliSettings.calendar ? monthTitle(this.date) : super.currentMonth;
    },

    get dayHeader() {
        return jalaliSettings.calendar
            ? `${jalaliNumber(jalaliOf(this.date).day)} ${monthTitle(this.date)}`
            : super.dayHeader;
    },

    get weekHeader() {
        if (!jalaliSettings.calendar) {
            return super.weekHeader;
        }
        const { rangeStart, rangeEnd } = this.model;
        const [first, last] = [jalaliOf(rangeStart), jalaliOf(rangeEnd)];
        if (first.year !== last.year) {
            return `${monthTitle(rangeStart)} - ${monthTitle(rangeEnd)}`;
        }
        if (first.month !== last.month) {
            return `${monthTitle(rangeStart, false)} - ${monthTitle(rangeEnd)}`;
        }
        return monthTitle(rangeStart);
    },

    get currentWeek() {
        return jalaliSettings.calendar
            ? jalaliNumber(jalaliWeekOf(this.model.rangeStart).week)
            : super.currentWeek;
    },

    async setDate(move) {
        const { scale } = this.model;
        if (!jalaliSettings.calendar || !["next", "previous"].includes(move)) {
            return super.setDate(move);
        }
        if (scale === "month") {
            // A Gregorian month on from Esfand 1 is still Esfand: move by Jalali months.
            const date = plusJalaliMonths(this.model.date, move === "next" ? 1 : -1);
            return this.model.load({ date });
        }
        return super.setDate(move);
    },
});
