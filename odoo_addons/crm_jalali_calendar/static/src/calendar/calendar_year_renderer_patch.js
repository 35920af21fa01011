/**
 * The calendar's year view in Jalali for Jalali users: twelve small calendars, one per
 * Jalali month from Farvardin to Esfand, each titled with its Persian month and Jalali
 * year, its days numbered in Jalali.
 *
 * FullCalendar only knows Gregorian months, so each small calendar is a six-week grid
 * from the week of the Jalali month's 1st whose valid range is that Jalali month: days
 * outside it are drawn empty and hold no event, as Odoo's own year view draws the days
 * of the neighbouring months.
 */
import { CalendarYearRenderer } from "@web/views/calendar/calendar_year/calendar_year_renderer";
import { patch } from "@web/core/utils/patch";
import { jalaliSettings } from "../core/jalali_settings";
import { fromJalali, jalaliNumber, jalaliOf, plusJalaliMonths } from "../core/jalali_luxon";

const { DateTime } = luxon;

patch(CalendarYearRenderer.prototype, {
    /** @param {string} month a key of ``this.months``: its index is the Jalali month's */
    getOptionsForMonth(month) {
        const options = super.getOptionsForMonth(month);
        if (!jalaliSettings.calendar) {
            return options;
        }
        const { date } = this.props.model;
        const year = jalaliOf(date).year;
        const start = fromJalali(date, year, this.months.indexOf(month) + 1, 1);
        const end = plusJalaliMonths(start, 1);
        const title = `${start.toFormat("MMMM")} ${jalaliNumber(year)}`;
        return {
            ...options,
            initialDate: start.toISO(),
            views: { dayGridMonth: { duration: { weeks: 6 }, fixedWeekCount: false } },
            validRange: { start: start.toISODate(), end: end.toISODate() },
            titleFormat: () => title,
            dayCellContent: ({ date: day }) =>
                jalaliNumber(jalaliOf(DateTime.fromJSDate(day)).day),
        };
    },

    getDayCellClassNames(info) {
        const classNames = super.getDayCellClassNames(info);
        return jalaliSettings.calendar ? [...classNames, "o_jalali_day"] : classNames;
    },
});
