import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { click, queryAll, queryAllTexts } from "@odoo/hoot-dom";
import { animationFrame, mockDate } from "@odoo/hoot-mock";
import {
    defineParams,
    mountWithCleanup,
    patchTranslations,
    patchWithCleanup,
} from "@web/../tests/web_test_helpers";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { localization } from "@web/core/l10n/localization";
import { DateTimePicker } from "@web/core/datetime/datetime_picker";
import {
    deserializeDateTime,
    formatDate,
    formatDateTime,
    parseDate,
    parseDateTime,
    serializeDate,
    serializeDateTime,
} from "@web/core/l10n/dates";
import {
    isLeapJalaliYear,
    isValidJalaliDate,
    toGregorian,
    toJalali,
} from "@crm_jalali_calendar/core/jalaali";
import { jalaliSettings } from "@crm_jalali_calendar/core/jalali_settings";
import {
    constructJalaliDateDomain,
    jalaliOptionDescription,
} from "@crm_jalali_calendar/search/jalali_period";

const { DateTime, Settings } = luxon;

describe.current.tags("desktop");
// The addon depends on crm, so mail's services start with every mounted component.
defineMailModels();
// fa_IR's formats in Odoo, for the tests that start an environment (its localization
// service sets them); the others patch them below.
defineParams({
    lang_parameters: {
        date_format: "%Y/%m/%d",
        time_format: "%H:%M:%S",
        short_time_format: "%H:%M",
        week_start: 6,
    },
});

beforeEach(() => {
    patchTranslations();
    // fa_IR's formats in Odoo: %Y/%m/%d, %H:%M:%S, weeks from Saturday.
    patchWithCleanup(localization, {
        dateFormat: "yyyy/MM/dd",
        timeFormat: "HH:mm:ss",
        dateTimeFormat: "yyyy/MM/dd HH:mm:ss",
        shortTimeFormat: "HH:mm",
        weekStart: 6,
    });
});

/** Jalali on, as for a user whose language is Persian. */
function usePersian({ persianDigits = false } = {}) {
    patchWithCleanup(jalaliSettings, { calendar: true, persianDigits });
    patchWithCleanup(Settings, { defaultLocale: "fa-IR" });
}

const iso = (text) => DateTime.fromISO(text);

describe("Jalali conversion", () => {
    test("Jalali: Nowruz 1404 is 2025-03-21 and Esfand 30 of leap 1403 the day before", () => {
        expect(toGregorian(1404, 1, 1)).toEqual({ year: 2025, month: 3, day: 21 });
        expect(toJalali(2025, 3, 21)).toEqual({ year: 1404, month: 1, day: 1 });
        expect(isLeapJalaliYear(1403)).toBe(true);
        expect(isValidJalaliDate(1403, 12, 30)).toBe(true);
        expect(toGregorian(1403, 12, 30)).toEqual({ year: 2025, month: 3, day: 20 });
        expect(isLeapJalaliYear(1404)).toBe(false);
        expect(isValidJalaliDate(1404, 12, 30)).toBe(false);
        expect(isValidJalaliDate(1404, 2, 31)).toBe(true);
    });

    test("Jalali: every day of 1300-1500 agrees with the browser's persian calendar", () => {
        // Intl (ICU) is an independent implementation: any off-by-one in the
        // arithmetic, at a leap Esfand or a month edge, shows up as a mismatch.
        const intl = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", {
            timeZone: "UTC",
            year: "numeric",
            month: "numeric",
            day: "numeric",
        });
        const mismatches = [];
        const end = Date.UTC(2121, 2, 1);
        for (let t = Date.UTC(1921, 2, 21); t < end; t += 86400000) {
            const date = new Date(t);
            const parts = Object.fromEntries(
                intl.formatToParts(date).map((part) => [part.type, part.value])
            );
            const [gy, gm, gd] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
            const jalali = toJalali(gy, gm, gd);
            const back = toGregorian(jalali.year, jalali.month, jalali.day);
            if (
                jalali.year !== parseInt(parts.year) ||
                jalali.month !== parseInt(parts.month) ||
                jalali.day !== parseInt(parts.day) ||
                back.year !== gy ||
                back.month !== gm ||
                back.day !== gd
            ) {
                mismatches.push(date.toISOString());
            }
        }
        expect(mismatches).toEqual([]);
    });
});

describe("Jalali display and parsing", () => {
    test("Jalali: dates display in Jalali, serialize in Gregorian", () => {
        usePersian();
        const nowruz = iso("2025-03-21");
        expect(formatDate(nowruz)).toBe("1404/01/01");
        expect(formatDate(iso("2025-03-20"))).toBe("1403/12/30");
        expect(serializeDate(nowruz)).toBe("2025-03-21");
        expect(nowruz.toFormat("MMMM yyyy")).toBe("فروردین 1404");
    });

    test("Jalali: Persian digits when the language asks for them", () => {
        usePersian({ persianDigits: true });
        expect(formatDate(iso("2025-11-23"))).toBe("۱۴۰۴/۰۹/۰۲");
        expect(serializeDate(iso("2025-11-23"))).toBe("2025-11-23");
        expect(serializeDate(parseDate("۱۴۰۴/۰۹/۰۲"))).toBe("2025-11-23");
    });

    test("Jalali: a datetime across midnight in Asia/Tehran", () => {
        usePersian();
        // 21:00 UTC on Esfand 29 is 00:30 on Nowruz in Tehran (UTC+03:30).
        const value = deserializeDateTime("2025-03-20 21:00:00");
        expect(formatDateTime(value, { tz: "Asia/Tehran" })).toBe("1404/01/01 00:30:00");
        expect(formatDateTime(value, { tz: "UTC" })).toBe("1403/12/30 21:00:00");
        const parsed = parseDateTime("1404/01/01 00:30:00", { tz: "Asia/Tehran" });
        expect(serializeDateTime(parsed)).toBe("2025-03-20 21:00:00");
    });

    test("Jalali: typed dates are read in the user's calendar, without guessing", () => {
        usePersian();
        const typed = {
            "1404/01/01": "2025-03-21",
            "1403/12/30": "2025-03-20",
            // Ordibehesht has 31 days although Gregorian February does not.
            "1404/02/31": "2025-05-21",
            "1404/1/1": "2025-03-21",
            "14040101": "2025-03-21",
            // A small year is a Jalali year, not a Gregorian one below 1600.
            "1300/01/01": "1921-03-21",
        };
        for (const [text, stored] of Object.entries(typed)) {
            expect(serializeDate(parseDate(text))).toBe(stored, { message: text });
        }
        expect(() => parseDate("1404/12/30")).toThrow(/not a correct date/);
    });

    test("Jalali: other languages keep Gregorian dates", () => {
        patchWithCleanup(jalaliSettings, { calendar: false });
        expect(formatDate(iso("2025-03-21"))).toBe("2025/03/21");
        expect(serializeDate(parseDate("2025/03/21"))).toBe("2025-03-21");
    });
});

describe("Jalali picker", () => {
    beforeEach(() => mockDate("2025-03-25T10:00:00"));

    /** The in-month day labels and the out-of-month pattern of the first row. */
    const grid = () => ({
        days: queryAllTexts(".o_date_item_cell:not(.o_out_of_range)"),
        firstRowEmpty: queryAll(".o_date_item_cell")
            .slice(0, 7)
            .map((cell) => cell.classList.contains("o_out_of_range")),
    });

    test("Jalali: the picker shows Jalali months, Saturday first, and picks the Gregorian date", async () => {
        const picked = [];
        await mountWithCleanup(DateTimePicker, {
            props: {
                type: "date",
                value: iso("2025-03-25"),
                onSelect: (value) => picked.push(serializeDate(value)),
            },
        });
        // The environment's localization service has run (English): switch Jalali on
        // now; from 1 March 2025 (10 Esfand 1403) the next month is Farvardin 1404.
        usePersian();
        await click(".o_next");
        await animationFrame();
        expect(".o_datetime_picker_header").toHaveText(/^\S+ 1404$/);
        // Farvardin 1 1404 is a Friday: the last day of a week starting on Saturday.
        let { days, firstRowEmpty } = grid();
        expect(firstRowEmpty).toEqual([true, true, true, true, true, true, false]);
        expect(days.length).toBe(31);

        await click(".o_previous");
        await animationFrame();
        expect(".o_datetime_picker_header").toHaveText(/^\S+ 1403$/);
        ({ days } = grid());
        // 1403 is leap: Esfand has 30 days.
        expect(days.length).toBe(30);
        await click(".o_date_item_cell:not(.o_out_of_range):last");
        expect(picked).toEqual(["2025-03-20"]);
    });

    test("Jalali: zooming out lists Jalali months and years", async () => {
        // 1 May 2025, the Gregorian month start the picker focuses, is in 1404.
        await mountWithCleanup(DateTimePicker, {
            props: { type: "date", value: iso("2025-05-10") },
        });
        usePersian();
        await click(".o_zoom_out");
        await animationFrame();
        expect(".o_datetime_picker_header").toHaveText("1404");
        expect(".o_date_item_cell").toHaveCount(12);
        await click(".o_zoom_out");
        await animationFrame();
        expect(".o_datetime_picker_header").toHaveText("1399 - 1410");
        // Back down: 1404, then its first month is Farvardin (31 days from a Friday).
        await click(".o_date_item_cell:contains(1404)");
        await animationFrame();
        await click(".o_date_item_cell:first");
        await animationFrame();
        expect(queryAllTexts(".o_date_item_cell:not(.o_out_of_range)").length).toBe(31);
        expect(
            queryAll(".o_date_item_cell")
                .slice(0, 7)
                .map((cell) => cell.classList.contains("o_out_of_range"))
        ).toEqual([true, true, true, true, true, true, false]);
    });
});

describe("Jalali period filters", () => {
    const dateItem = { fieldName: "date_deadline", fieldType: "date", domain: "[]" };
    const datetimeItem = { fieldName: "date_closed", fieldType: "datetime", domain: "[]" };
    const range = (referenceIso, item, ids) =>
        constructJalaliDateDomain(DateTime.fromISO(referenceIso), item, ids).domain.toList();

    test("Jalali: this month, last month and this year are Jalali periods", () => {
        usePersian();
        // 2 Azar 1404
        expect(range("2025-11-23T10:00:00", dateItem, ["month", "year"])).toEqual([
            "&",
            ["date_deadline", ">=", "2025-11-22"],
            ["date_deadline", "<=", "2025-12-21"],
        ]);
        expect(range("2025-11-23T10:00:00", dateItem, ["month-1", "year"])).toEqual([
            "&",
            ["date_deadline", ">=", "2025-10-23"],
            ["date_deadline", "<=", "2025-11-21"],
        ]);
        expect(range("2025-11-23T10:00:00", dateItem, ["year"])).toEqual([
            "&",
            ["date_deadline", ">=", "2025-03-21"],
            ["date_deadline", "<=", "2026-03-20"],
        ]);
        expect(range("2025-11-23T10:00:00", dateItem, ["first_quarter", "year"])).toEqual([
            "&",
            ["date_deadline", ">=", "2025-03-21"],
            ["date_deadline", "<=", "2025-06-21"],
        ]);
    });

    test("Jalali: the filter menu names the months it filters, even late in a month", () => {
        usePersian();
        // 29 Esfand 1404 (20 March 2026): one Gregorian month back is 1 Esfand, yet
        // "last month" filters Bahman.
        const lastDayOfEsfand = DateTime.fromISO("2026-03-20T10:00:00");
        expect(jalaliOptionDescription(lastDayOfEsfand, "month")).toBe("اسفند");
        expect(jalaliOptionDescription(lastDayOfEsfand, "month-1")).toBe("بهمن");
        expect(jalaliOptionDescription(lastDayOfEsfand, "month-2")).toBe("دی");
        expect(range("2026-03-20T10:00:00", dateItem, ["month-1", "year"])).toEqual([
            "&",
            ["date_deadline", ">=", "2026-01-21"],
            ["date_deadline", "<=", "2026-02-19"],
        ]);
        expect(jalaliOptionDescription(lastDayOfEsfand, "year-1")).toBe("1403");
        expect(jalaliOptionDescription(lastDayOfEsfand, "first_quarter")).toBe(null);
    });

    test("Jalali: last month across Nowruz and across the Gregorian new year", () => {
        usePersian();
        // 16 Farvardin 1405: Odoo pairs "last month" with this Gregorian year; it is
        // Esfand 1404 (a 29-day Esfand).
        expect(range("2026-04-05T10:00:00", dateItem, ["month-1", "year"])).toEqual([
            "&",
            ["date_deadline", ">=", "2026-02-20"],
            ["date_deadline", "<=", "2026-03-20"],
        ]);
        // 15 Dey 1404: Odoo pairs "last month" with last Gregorian year; it is Azar 1404.
        expect(range("2026-01-05T10:00:00", dateItem, ["month-1", "year-1"])).toEqual([
            "&",
            ["date_deadline", ">=", "2025-11-22"],
            ["date_deadline", "<=", "2025-12-21"],
        ]);
    });

    test("Jalali: datetime periods start at midnight in the user's zone", () => {
        usePersian();
        const reference = DateTime.fromISO("2025-11-23T10:00:00", { zone: "Asia/Tehran" });
        const { domain } = constructJalaliDateDomain(reference, datetimeItem, ["month", "year"]);
        expect(domain.toList()).toEqual([
            "&",
            ["date_closed", ">=", "2025-11-21 20:30:00"],
            ["date_closed", "<=", "2025-12-21 20:29:59"],
        ]);
    });
});
