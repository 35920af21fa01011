/**
 * The calendar's month scale covers the Jalali month (the six weeks from the week of
 * its 1st, weeks starting on the language's first day) for Jalali users; week and day
 * scales are the same days in both calendars and stay Odoo's.
 */
import { CalendarModel } from "@web/views/calendar/calendar_model";
import { patch } from "@web/core/utils/patch";
import { jalaliSettings } from "../core/jalali_settings";
import { startOfJalaliMonth } from "../core/jalali_luxon";

patch(CalendarModel.prototype, {
    computeRange() {
        const { scale, date, firstDayOfWeek } = this.meta;
        if (!jalaliSettings.calendar || scale !== "month") {
            return super.computeRange();
        }
        const monthStart = startOfJalaliMonth(date);
        const start = monthStart.minus({ days: (monthStart.weekday - firstDayOfWeek + 7) % 7 });
        return { start, end: start.plus({ weeks: 6, days: -1 }).endOf("day") };
    },
});
