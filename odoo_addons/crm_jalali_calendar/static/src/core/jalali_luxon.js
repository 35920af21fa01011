/**
 * Jalali views of luxon DateTimes: the Jalali fields of a (Gregorian) DateTime and
 * Jalali month/year arithmetic that returns ordinary DateTimes, so everything stored
 * or sent to the server stays Gregorian.
 */
import { jalaliSettings } from "./jalali_settings";
import { toGregorian, toJalali } from "./jalaali";

const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

/**
 * @param {luxon.DateTime} dt
 * @returns {{ year: number, month: number, day: number }}
 */
export function jalaliOf(dt) {
    return toJalali(dt.year, dt.month, dt.day);
}

/**
 * The DateTime (same zone, midnight) of a Jalali date.
 * @param {luxon.DateTime} like gives the zone and locale
 */
export function fromJalali(like, jy, jm, jd) {
    const { year, month, day } = toGregorian(jy, jm, jd);
    return like.set({ year, month, day }).startOf("day");
}

/** @param {luxon.DateTime} dt */
export function startOfJalaliMonth(dt) {
    const { year, month } = jalaliOf(dt);
    return fromJalali(dt, year, month, 1);
}

/** @param {luxon.DateTime} dt */
export function startOfJalaliYear(dt) {
    return fromJalali(dt, jalaliOf(dt).year, 1, 1);
}

/**
 * Start of the Jalali month ``months`` months after the one holding ``dt``.
 * @param {luxon.DateTime} dt
 * @param {number} months may be negative
 */
export function plusJalaliMonths(dt, months) {
    const { year, month } = jalaliOf(dt);
    const index = year * 12 + (month - 1) + months;
    return fromJalali(dt, Math.floor(index / 12), (index % 12 + 12) % 12 + 1, 1);
}

/** Last instant of the Jalali month holding ``dt``. */
export function endOfJalaliMonth(dt) {
    return plusJalaliMonths(dt, 1).minus({ milliseconds: 1 });
}

/** Last instant of the Jalali year holding ``dt``. */
export function endOfJalaliYear(dt) {
    return fromJalali(dt, jalaliOf(dt).year + 1, 1, 1).minus({ milliseconds: 1 });
}

/**
 * A number written with the digits the user's language asks for.
 * @param {number} value
 */
export function jalaliNumber(value) {
    const text = String(value);
    return jalaliSettings.persianDigits
        ? text.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[d])
        : text;
}

/**
 * Persian and Arabic-Indic digits as Latin ones, so typed dates parse whatever the
 * keyboard layout.
 * @param {string} text
 */
export function latinDigits(text) {
    return text
        .replace(/[۰-۹]/g, (d) => String(PERSIAN_DIGITS.indexOf(d)))
        .replace(/[٠-٩]/g, (d) => String(ARABIC_DIGITS.indexOf(d)));
}

/**
 * Jalali week of the week starting on ``weekStart`` (a DateTime at the first day of a
 * locale week): week 1 of a Jalali year is the week holding Nowruz, so a week across
 * the year boundary belongs to the new year. Same rule as the server's group by week.
 * @param {luxon.DateTime} weekStart
 * @returns {{ year: number, week: number }}
 */
export function jalaliWeekOf(weekStart) {
    const start = weekStart.startOf("day");
    const year = jalaliOf(start.plus({ days: 6 })).year;
    const nowruz = fromJalali(start, year, 1, 1);
    const days = (a, b) => Math.round(a.diff(b, "days").days);
    const offset = ((days(nowruz, start) % 7) + 7) % 7;
    const firstWeek = nowruz.minus({ days: offset });
    return { year, week: Math.floor(days(start, firstWeek) / 7) + 1 };
}
