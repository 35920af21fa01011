/**
 * The date picker in Jalali: months of the Solar Hijri calendar, weeks starting on the
 * language's first day (Saturday for Persian), Jalali years and decades. The items keep
 * Gregorian luxon DateTimes as their ranges, so what is picked is the right date.
 *
 * DateTimePicker reads its grids from a module-private map through the
 * ``activePrecisionLevel`` getter; we answer that getter with Jalali levels and move
 * the focus by Jalali months in ``adjustFocus``/``next``/``previous``.
 */
import { _t } from "@web/core/l10n/translation";
import { isInRange, today } from "@web/core/l10n/dates";
import { localization } from "@web/core/l10n/localization";
import { DateTimePicker } from "@web/core/datetime/datetime_picker";
import { patch } from "@web/core/utils/patch";
import { jalaliSettings } from "../core/jalali_settings";
import {
    endOfJalaliMonth,
    fromJalali,
    jalaliNumber,
    jalaliOf,
    plusJalaliMonths,
    startOfJalaliMonth,
} from "../core/jalali_luxon";

const { Info } = luxon;

const DAYS_PER_WEEK = 7;
const WEEKS_PER_MONTH = 6;
const GRID_COUNT = 10;
const GRID_MARGIN = 1;

/** Start of the Jalali year ``jy`` in the zone of ``like``. */
const yearStart = (like, jy) => fromJalali(like, jy, 1, 1);

/** Start of the (locale) week holding ``date``. */
const startOfWeek = (date) => {
    const { weekStart } = localization;
    return date.set({ weekday: date.weekday < weekStart ? weekStart - 7 : weekStart });
};

const toDateItem = ({ isOutOfRange = false, isValid = true, label, range, extraClass = "" }) => ({
    id: range[0].toISODate(),
    includesToday: isInRange(today(), range),
    isOutOfRange,
    isValid,
    label,
    range,
    extraClass,
});

/** One month grid: 6 weeks of 7 days around the Jalali month starting at ``start``. */
function monthItem(start, index, { maxDate, minDate, showWeekNumbers, isDateValid, dayCellClass }) {
    const monthRange = [start, endOfJalaliMonth(start)];
    const weeks = [];
    let day = startOfWeek(start);
    for (let w = 0; w < WEEKS_PER_MONTH; w++) {
        const days = [];
        for (let d = 0; d < DAYS_PER_WEEK; d++) {
            const range = [day, day.endOf("day")];
            days.push(
                toDateItem({
                    isOutOfRange: !isInRange(day, monthRange),
                    isValid:
                        isInRange(range, [minDate, maxDate]) && (isDateValid?.(day) ?? true),
                    label: jalaliNumber(jalaliOf(day).day),
                    range,
                    extraClass: dayCellClass?.(day) || "",
                })
            );
            day = day.plus({ day: 1 });
        }
        weeks.push({ number: days[3].range[0].weekNumber, days });
    }
    // A sixth week entirely outside the month is noise, as in Odoo's own picker.
    if (weeks[WEEKS_PER_MONTH - 1].days.every((d) => d.isOutOfRange)) {
        weeks.pop();
    }
    const daysOfWeek = weeks[0].days.map(({ range: [d] }) => [
        d.weekdayShort,
        d.weekdayLong,
        Info.weekdays("narrow", { locale: d.locale })[d.weekday - 1],
    ]);
    if (showWeekNumbers) {
        daysOfWeek.unshift(["#", _t("Week numbers"), "#"]);
    }
    return { id: `__month__${index}`, number: jalaliOf(start).month, daysOfWeek, weeks };
}

/** Items of consecutive Jalali years (or decades of ``span`` years). */
function yearItems(date, span, { maxDate, minDate }) {
    const first = Math.floor(jalaliOf(date).year / (span * GRID_COUNT)) * span * GRID_COUNT;
    return [...Array(GRID_COUNT + 2 * GRID_MARGIN).keys()].map((i) => {
        const offset = i - GRID_MARGIN;
        const jy = first + offset * span;
        const range = [yearStart(date, jy), yearStart(date, jy + span).minus({ millisecond: 1 })];
        return toDateItem({
            isOutOfRange: offset < 0 || offset >= GRID_COUNT,
            isValid: isInRange(range, [minDate, maxDate]),
            label: jalaliNumber(jy),
            range,
        });
    });
}

const gridTitle = (date, span) => {
    const first = Math.floor(jalaliOf(date).year / (span * GRID_COUNT)) * span * GRID_COUNT;
    return `${jalaliNumber(first - span)} - ${jalaliNumber(first + span * GRID_COUNT)}`;
};

/** Same keys as Odoo's PRECISION_LEVELS; ``step`` is in Jalali months. */
export const JALALI_PRECISION_LEVELS = new Map()
    .set("days", {
        mainTitle: _t("Select month"),
        nextTitle: _t("Next month"),
        prevTitle: _t("Previous month"),
        jalaliMonths: 1,
        getTitle: (date, { additionalMonth }) => {
            const dates = additionalMonth ? [date, plusJalaliMonths(date, 1)] : [date];
            return dates.map((d) => d.toFormat("MMMM yyyy"));
        },
        getItems: (date, params) => {
            const starts = [startOfJalaliMonth(date)];
            if (params.additionalMonth) {
                starts.push(plusJalaliMonths(date, 1));
            }
            return starts.map((start, i) => monthItem(start, i, params));
        },
    })
    .set("months", {
        mainTitle: _t("Select year"),
        nextTitle: _t("Next year"),
        prevTitle: _t("Previous year"),
        jalaliMonths: 12,
        getTitle: (date) => jalaliNumber(jalaliOf(date).year),
        getItems: (date, { maxDate, minDate }) => {
            const start = yearStart(date, jalaliOf(date).year);
            return [...Array(12).keys()].map((i) => {
                const month = plusJalaliMonths(start, i);
                const range = [month, endOfJalaliMonth(month)];
                return toDateItem({
                    isValid: isInRange(range, [minDate, maxDate]),
                    label: month.toFormat("MMM"),
                    range,
                });
            });
        },
    })
    .set("years", {
        mainTitle: _t("Select decade"),
        nextTitle: _t("Next decade"),
        prevTitle: _t("Previous decade"),
        jalaliMonths: 12 * 10,
        getTitle: (date) => gridTitle(date, 1),
        getItems: (date, params) => yearItems(date, 1, params),
    })
    .set("decades", {
        mainTitle: _t("Select century"),
        nextTitle: _t("Next century"),
        prevTitle: _t("Previous century"),
        jalaliMonths: 12 * 100,
        getTitle: (date) => gridTitle(date, 10),
        getItems: (date, params) => yearItems(date, 10, params),
    });

patch(DateTimePicker.prototype, {
    get activePrecisionLevel() {
        if (!jalaliSettings.calendar) {
            return super.activePrecisionLevel;
        }
        return JALALI_PRECISION_LEVELS.get(this.state.precision);
    },

    adjustFocus(values, focusedDateIndex) {
        if (!jalaliSettings.calendar) {
            return super.adjustFocus(values, focusedDateIndex);
        }
        if (!this.shouldAdjustFocusDate && this.state.focusDate) {
            return;
        }
        let dateToFocus =
            values[focusedDateIndex] || values[focusedDateIndex === 1 ? 0 : 1] || today();
        if (
            this.additionalMonth &&
            focusedDateIndex === 1 &&
            values[0] &&
            values[1] &&
            jalaliOf(values[0]).month !== jalaliOf(values[1]).month
        ) {
            dateToFocus = plusJalaliMonths(dateToFocus, -1);
        }
        this.shouldAdjustFocusDate = false;
        this.state.focusDate = this.clamp(startOfJalaliMonth(dateToFocus));
    },

    next(ev) {
        if (!jalaliSettings.calendar) {
            return super.next(ev);
        }
        ev.preventDefault();
        const { jalaliMonths } = this.activePrecisionLevel;
        this.state.focusDate = this.clamp(plusJalaliMonths(this.state.focusDate, jalaliMonths));
    },

    previous(ev) {
        if (!jalaliSettings.calendar) {
            return super.previous(ev);
        }
        ev.preventDefault();
        const { jalaliMonths } = this.activePrecisionLevel;
        this.state.focusDate = this.clamp(plusJalaliMonths(this.state.focusDate, -jalaliMonths));
    },
});
