/**
 * Display and parsing of dates in the Jalali calendar, at luxon's level.
 *
 * Odoo's formatDate/parseDate are ES module exports that other modules bind at load
 * time, so they cannot be patched; both go through luxon's DateTime.toFormat and
 * DateTime.fromFormat, which we patch instead. Only display formats are touched:
 * technical ones (yyyy-MM-dd..., or an explicit numbering system / calendar as
 * serializeDate passes) stay Gregorian, so what reaches the server never changes.
 * Inactive unless the user's language has the Jalali flag.
 */
import { patch } from "@web/core/utils/patch";
import { jalaliSettings } from "./jalali_settings";
import { isValidJalaliDate, toGregorian, toJalali } from "./jalaali";
import { latinDigits } from "./jalali_luxon";

const { DateTime } = luxon;

// yyyy-MM-dd (server, ISO, file names) and separator-less stamps with a time such as
// HHmmddMMyyyy are machine formats, never shown to a user as a date.
const TECHNICAL_FORMAT = /y+-[ML]+-d+|^(?=.*H)[HhmsSdMLy]+$/;
const QUOTED = /'[^']*'/g;

/**
 * Whether ``fmt`` writes a date for a person to read (and so follows their calendar).
 * @param {string} fmt a luxon format
 */
export function isDisplayDateFormat(fmt) {
    if (!jalaliSettings.calendar || typeof fmt !== "string") {
        return false;
    }
    const unquoted = fmt.replace(QUOTED, "");
    return /[yMLdD]/.test(unquoted) && !TECHNICAL_FORMAT.test(unquoted);
}

/**
 * The Jalali year for a parsed year token: two-digit years are this Jalali century's.
 */
function fullJalaliYear(year, tokens) {
    const yearToken = tokens.find((t) => !t.literal && t.val[0] === "y");
    if (yearToken && yearToken.val.length === 2) {
        return 1400 + (year % 100) - (year % 100 > 50 ? 100 : 0);
    }
    return year;
}

patch(DateTime.prototype, {
    toFormat(fmt, opts = {}) {
        // An explicit calendar or numbering system (serializeDate) is the caller's choice.
        if (opts.outputCalendar || opts.numberingSystem || !isDisplayDateFormat(fmt)) {
            return super.toFormat(fmt, opts);
        }
        const jalaliOpts = {
            ...opts,
            outputCalendar: "persian",
            numberingSystem: jalaliSettings.persianDigits ? "arabext" : "latn",
        };
        // Intl draws the calendar fields in the zone it is given; luxon gives it none for
        // the "system" zone, and the browser's zone may differ from luxon's (tests mock
        // it). The same wall-clock time in UTC makes Intl read exactly luxon's fields.
        // Offset tokens (Z, z) need the real zone: then the value is used as is.
        const wallClock = /[Zz]/.test(fmt.replace(QUOTED, ""))
            ? this
            : this.setZone("UTC", { keepLocalTime: true });
        return super.toFormat.call(wallClock, fmt, jalaliOpts);
    },
});

patch(DateTime, {
    fromFormat(text, fmt, opts = {}) {
        if (opts.outputCalendar || !isDisplayDateFormat(fmt) || typeof text !== "string") {
            return super.fromFormat(text, fmt, opts);
        }
        // luxon parses the fields; we read them as Jalali instead of letting luxon
        // validate them as Gregorian (1404/02/31 is a date, February 31 is not).
        const explained = this.fromFormatExplain(latinDigits(text), fmt, {
            ...opts,
            numberingSystem: "latn",
        });
        const fields = explained.result;
        // luxon explains a non-matching text with an empty result, not a null one.
        if (!fields || !Object.keys(fields).length || explained.invalidReason) {
            return this.invalid("unparsable", explained.invalidReason || "no match");
        }
        const now = DateTime.local({ zone: opts.zone });
        const today = toJalali(now.year, now.month, now.day);
        const hasYear = fields.year !== undefined;
        const hasMonth = fields.month !== undefined;
        const jy = hasYear ? fullJalaliYear(fields.year, explained.tokens) : today.year;
        const jm = hasMonth ? fields.month : hasYear ? 1 : today.month;
        const jd = fields.day ?? (hasYear || hasMonth ? 1 : today.day);
        if (!isValidJalaliDate(jy, jm, jd)) {
            return this.invalid("invalid Jalali date", `${jy}/${jm}/${jd}`);
        }
        const { year, month, day } = toGregorian(jy, jm, jd);
        return this.fromObject(
            {
                year,
                month,
                day,
                hour: fields.hour ?? 0,
                minute: fields.minute ?? 0,
                second: fields.second ?? 0,
                millisecond: fields.millisecond ?? 0,
            },
            {
                zone: explained.zone || opts.zone,
                locale: opts.locale,
                numberingSystem: opts.numberingSystem,
            }
        );
    },
});
