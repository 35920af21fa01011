/**
 * Date filter periods (months, quarters, years relative to today) as Jalali ranges.
 *
 * Odoo builds these domains with module functions of @web/search/utils/dates, which
 * cannot be patched; the search model's ``_getDateFilterDomain`` is the one method that
 * calls them for filters, so it is patched (search_model_patch.js) to use this instead.
 */
import { Domain } from "@web/core/domain";
import { serializeDate, serializeDateTime } from "@web/core/l10n/dates";
import { QUARTERS } from "@web/search/utils/dates";
import { fromJalali, jalaliNumber, jalaliOf, plusJalaliMonths } from "../core/jalali_luxon";

const QUARTER_IDS = {
    first_quarter: 1,
    second_quarter: 2,
    third_quarter: 3,
    fourth_quarter: 4,
};

/** "month-2" -> ["month", -2] */
function parseGeneratorId(id) {
    const match = id.match(/^(month|year)([+-]\d+)?$/);
    return match ? [match[1], parseInt(match[2] || "0")] : [null, 0];
}

/**
 * @param {luxon.DateTime} referenceMoment now, in the user's zone
 * @param {string[]} generatorIds the selected period options of one date filter
 * @returns {{ jy: number, months: number[] | null, span: number }[]} the periods
 */
export function jalaliPeriods(referenceMoment, generatorIds) {
    const today = jalaliOf(referenceMoment);
    const years = [];
    const months = [];
    const quarters = [];
    for (const id of generatorIds) {
        const [unit, offset] = parseGeneratorId(id);
        if (unit === "year") {
            years.push(offset);
        } else if (unit === "month") {
            months.push(offset);
        } else if (id in QUARTER_IDS) {
            quarters.push(QUARTER_IDS[id]);
        }
    }
    const periods = [];
    for (const yearOffset of years) {
        for (const monthOffset of months) {
            const target = jalaliOf(plusJalaliMonths(referenceMoment, monthOffset));
            // Odoo pairs a month with the Gregorian year it falls in; the Jalali year
            // turns at Nowruz, so the year the search model added by default for this
            // month is read as "the Jalali year of that month".
            const gregorianYearOffset =
                referenceMoment.plus({ months: monthOffset }).year - referenceMoment.year;
            const jy =
                yearOffset === gregorianYearOffset ? target.year : today.year + yearOffset;
            periods.push({ jy, month: target.month, span: 1 });
        }
        for (const quarter of quarters) {
            periods.push({ jy: today.year + yearOffset, month: quarter * 3 - 2, span: 3 });
        }
        if (!months.length && !quarters.length) {
            periods.push({ jy: today.year + yearOffset, month: 1, span: 12 });
        }
    }
    return periods;
}

/**
 * The periods to compare ``periods`` with: the same Jalali periods a year earlier
 * ("previous_year"), or the whole selection moved back by its own length in Jalali
 * months ("previous_period": Azar -> Aban, Q1 -> Q4 of the year before, 1404 -> 1403),
 * as Odoo does with Gregorian ones.
 *
 * @param {{ jy: number, month: number, span: number }[]} periods
 * @param {"previous_period" | "previous_year"} comparisonOptionId
 */
export function jalaliComparisonPeriods(periods, comparisonOptionId) {
    if (!periods.length) {
        return periods;
    }
    const index = ({ jy, month }) => jy * 12 + month - 1;
    let shift = 12;
    if (comparisonOptionId === "previous_period") {
        const first = Math.min(...periods.map(index));
        const last = Math.max(...periods.map((period) => index(period) + period.span));
        shift = last - first;
    }
    return periods.map((period) => {
        const moved = index(period) - shift;
        return { jy: Math.floor(moved / 12), month: (moved % 12) + 1, span: period.span };
    });
}

function describe(start, span) {
    const year = jalaliNumber(jalaliOf(start).year);
    if (span === 12) {
        return year;
    }
    const label =
        span === 1
            ? start.toFormat("MMMM")
            : QUARTERS[Math.ceil(jalaliOf(start).month / 3)].description.toString();
    // Month before year, as Persian writes it ("آذر 1404") and as the group headers and
    // the calendar titles read; Odoo's right-to-left order would read "1404 آذر".
    return `${label} ${year}`;
}

/**
 * Same arguments and result shape as Odoo's constructDateDomain: ``{ domain,
 * description }``; with ``comparisonOptionId``, the range to compare with.
 */
export function constructJalaliDateDomain(
    referenceMoment,
    searchItem,
    generatorIds,
    comparisonOptionId
) {
    const { fieldName, fieldType } = searchItem;
    const serialize = fieldType === "date" ? serializeDate : serializeDateTime;
    const day = referenceMoment.startOf("day");
    let periods = jalaliPeriods(referenceMoment, generatorIds);
    if (comparisonOptionId) {
        periods = jalaliComparisonPeriods(periods, comparisonOptionId);
    }
    const ranges = periods.map(({ jy, month, span }) => {
        const start = fromJalali(day, jy, month, 1);
        const end = plusJalaliMonths(start, span).minus({ milliseconds: 1 });
        return {
            domain: new Domain([
                "&",
                [fieldName, ">=", serialize(start)],
                [fieldName, "<=", serialize(fieldType === "date" ? end.startOf("day") : end)],
            ]),
            description: describe(start, span),
        };
    });
    return {
        domain: Domain.and([
            Domain.combine(
                ranges.map((range) => range.domain),
                "OR"
            ),
            searchItem.domain,
        ]),
        description: ranges.map((range) => range.description).join("/"),
    };
}

/**
 * The label of a date filter's period option in Jalali: "month-1" is the Jalali month
 * before this one (Odoo names the Jalali month of the day one Gregorian month back,
 * which late in a Jalali month is still this month), "year-1" the Jalali year before.
 * @param {luxon.DateTime} referenceMoment now, in the user's zone
 * @param {string} optionId
 * @returns {string | null} null for options that are not months or years
 */
export function jalaliOptionDescription(referenceMoment, optionId) {
    const [unit, offset] = parseGeneratorId(optionId);
    if (unit === "month") {
        return plusJalaliMonths(referenceMoment, offset).toFormat("MMMM");
    }
    if (unit === "year") {
        return jalaliNumber(jalaliOf(referenceMoment).year + offset);
    }
    return null;
}
