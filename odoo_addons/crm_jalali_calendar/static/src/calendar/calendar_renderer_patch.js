/**
 * FullCalendar's grid in Jalali for Jalali users: the month view shows the six weeks of
 * the Jalali month (FullCalendar only knows Gregorian months, so the month view is given
 * a six-week duration starting at the model's range), its day cells carry Jalali day
 * numbers (with the month's name on its 1st) and grey out the days of the neighbouring
 * Jalali months; the week and day views' column headers carry Jalali day numbers, and
 * week numbers are Jalali weeks.
 */
import { CalendarCommonRenderer } from "@web/views/calendar/calendar_common/calendar_common_renderer";
import { patch } from "@web/core/utils/patch";
import { jalaliSettings } from "../core/jalali_settings";
import { jalaliNumber, jalaliOf, jalaliWeekOf } from "../core/jalali_luxon";

const { DateTime } = luxon;

/** A day cell's date, read in the user's zone as Odoo's own day cell classes do. */
const cellDate = (date) => DateTime.fromJSDate(date);

patch(CalendarCommonRenderer.prototype, {
    get options() {
        const options = super.options;
        if (!jalaliSettings.calendar) {
            return options;
        }
        options.weekNumberCalculation = (date) => {
            const weekStart = this.props.model.firstDayOfWeek;
            const day = DateTime.fromJSDate(date);
            const start = day.minus({ days: (day.weekday - weekStart + 7) % 7 });
            return jalaliWeekOf(start).week;
        };
        if (this.props.model.scale === "month") {
            options.initialDate = this.props.model.rangeStart.toISO();
            // fixedWeekCount would add weeks up to six rows after the last Gregorian month.
            options.views = { dayGridMonth: { duration: { weeks: 6 }, fixedWeekCount: false } };
            options.dayCellContent = ({ date }) => this.jalaliDayCellText(cellDate(date));
        }
        return options;
    },

    jalaliDayCellText(date) {
        const { day } = jalaliOf(date);
        return day === 1 ? `${jalaliNumber(day)} ${date.toFormat("MMMM")}` : jalaliNumber(day);
    },

    getDayCellClassNames(info) {
        const classNames = super.getDayCellClassNames(info);
        if (!jalaliSettings.calendar || this.props.model.scale !== "month") {
            return classNames;
        }
        const shown = jalaliOf(this.props.model.date);
        const { year, month, day } = jalaliOf(cellDate(info.date));
        const jalaliClasses = [...classNames, "o_jalali_day"];
        if (day === 1) {
            jalaliClasses.push("o_jalali_month_start");
        }
        if (year !== shown.year || month !== shown.month) {
            jalaliClasses.push("fc-day-other");
        }
        return jalaliClasses;
    },

    headerTemplateProps(date) {
        const props = super.headerTemplateProps(date);
        if (!jalaliSettings.calendar) {
            return props;
        }
        const options = props.scale === "month" ? { zone: "UTC" } : {};
        return { ...props, day: jalaliNumber(jalaliOf(DateTime.fromJSDate(date, options)).day) };
    },
});
