/**
 * The calendar's titles (year, month, week, day) and its previous/next buttons in Jalali
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
    get currentYear() {
        return jalaliSettings.calendar ? jalaliNumber(jalaliOf(this.date).year) : super.currentYear;
    },

    /** The small screens' title suffix (" - آذر 1404"). */
    get currentDate() {
        const { scale } = this.model.meta;
        if (!jalaliSettings.calendar || !this.env.isSmall || !["week", "month"].includes(scale)) {
            return super.currentDate;
        }
        return ` - ${scale === "week" ? this.weekHeader : monthTitle(this.date)}`;
    },

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
        if (["month", "year"].includes(scale)) {
            // A Gregorian month on from Esfand 1 is still Esfand, a Gregorian year on
            // from Esfand 29 may be Farvardin of the year after: move by Jalali months.
            const months = (move === "next" ? 1 : -1) * (scale === "year" ? 12 : 1);
            return this.model.load({ date: plusJalaliMonths(this.model.date, months) });
        }
        return super.setDate(move);
    },
});
