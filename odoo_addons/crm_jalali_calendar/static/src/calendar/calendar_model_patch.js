/**
 * The calendar's month scale covers the Jalali month (the six weeks from the week of
 * its 1st, weeks starting on the language's first day) and its year scale the Jalali
 * year (1 Farvardin to the end of Esfand) for Jalali users; week and day scales are
 * the same days in both calendars and stay Odoo's.
 */
import { CalendarModel } from "@web/views/calendar/calendar_model";
import { patch } from "@web/core/utils/patch";
import { jalaliSettings } from "../core/jalali_settings";
import { endOfJalaliYear, startOfJalaliMonth, startOfJalaliYear } from "../core/jalali_luxon";

patch(CalendarModel.prototype, {
    computeRange() {
        const { scale, date, firstDayOfWeek } = this.meta;
        if (!jalaliSettings.calendar || !["month", "year"].includes(scale)) {
            return super.computeRange();
        }
        if (scale === "year") {
            return { start: startOfJalaliYear(date), end: endOfJalaliYear(date) };
        }
        const monthStart = startOfJalaliMonth(date);
        const start = monthStart.minus({ days: (monthStart.weekday - firstDayOfWeek + 7) % 7 });
        return { start, end: start.plus({ weeks: 6, days: -1 }).endOf("day") };
    },
});
