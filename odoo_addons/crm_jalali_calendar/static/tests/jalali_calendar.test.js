import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { click, queryAll, queryAllTexts, queryOne } from "@odoo/hoot-dom";
import { animationFrame, mockDate, mockTimeZone } from "@odoo/hoot-mock";
import {
    defineModels,
    defineParams,
    fields,
    models,
    mountView,
    patchTranslations,
    patchWithCleanup,
} from "@web/../tests/web_test_helpers";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { localization } from "@web/core/l10n/localization";
import { user } from "@web/core/user";
import { SearchModel } from "@web/search/search_model";
import { jalaliSettings } from "@crm_jalali_calendar/core/jalali_settings";
import { jalaliWeekOf } from "@crm_jalali_calendar/core/jalali_luxon";
import {
    constructJalaliDateDomain,
    jalaliComparisonPeriods,
} from "@crm_jalali_calendar/search/jalali_period";

const { DateTime, Settings } = luxon;

describe.current.tags("desktop");
defineMailModels();
defineParams({
    lang_parameters: {
        date_format: "%Y/%m/%d",
        time_format: "%H:%M:%S",
        short_time_format: "%H:%M",
        week_start: 6,
    },
});

class JalaliEvent extends models.Model {
    _name = "jalali.event";
    name = fields.Char();
    start = fields.Datetime();
    stop = fields.Datetime();
    has_access() {
        return true;
    }
    _records = [
        // 21:00 UTC on Esfand 30 1403 is 00:30 on Nowruz 1404 in Tehran.
        { id: 1, name: "Nowruz visit", start: "2025-03-20 21:00:00", stop: "2025-03-20 22:00:00" },
    ];
}
defineModels([JalaliEvent]);

beforeEach(() => {
    patchTranslations();
    patchWithCleanup(localization, {
        dateFormat: "yyyy/MM/dd",
        timeFormat: "HH:mm:ss",
        dateTimeFormat: "yyyy/MM/dd HH:mm:ss",
        shortTimeFormat: "HH:mm",
        weekStart: 6,
        direction: "ltr",
    });
});

function usePersian() {
    patchWithCleanup(jalaliSettings, { calendar: true, persianDigits: false });
    patchWithCleanup(Settings, { defaultLocale: "fa-IR" });
    // The localization service of a mounted view sets luxon's locale from the user's.
    patchWithCleanup(user, { lang: "fa-IR" });
}

const CALENDAR_ARCH = (mode) =>
    `<calendar date_start="start" date_stop="stop" mode="${mode}"><field name="name"/></calendar>`;
const title = () => queryOne(".o_calendar_header h5").textContent.replace(/\s+/g, " ").trim();
/** Texts of the day cells of the month grid, and which are of the shown month. */
const monthCells = () =>
    queryAll(".fc-daygrid-day").map((cell) => ({
        text: cell.querySelector(".fc-daygrid-day-number")?.textContent.trim(),
        inMonth: !cell.classList.contains("fc-day-other"),
        date: cell.dataset.date,
    }));

describe("Jalali weeks", () => {
    test("Jalali: the week across Nowruz is week 1 of the new year", () => {
        // Saturday 15 March 2025 (Esfand 25 1403) to Friday 21 March (Nowruz 1404).
        expect(jalaliWeekOf(DateTime.fromISO("2025-03-15"))).toEqual({ year: 1404, week: 1 });
        expect(jalaliWeekOf(DateTime.fromISO("2025-03-22"))).toEqual({ year: 1404, week: 2 });
        // The week before: the last of leap 1403, whose Nowruz (2024-03-20) was a Wednesday.
        expect(jalaliWeekOf(DateTime.fromISO("2025-03-08"))).toEqual({ year: 1403, week: 52 });
    });
});

describe("Jalali comparison", () => {
    const dateItem = { fieldName: "date_deadline", fieldType: "date", domain: "[]" };
    const compared = (referenceIso, item, ids, option, zone) =>
        constructJalaliDateDomain(
            DateTime.fromISO(referenceIso, zone ? { zone } : {}),
            item,
            ids,
            option
        ).domain.toList();

    test("Jalali: the previous period of Farvardin is leap Esfand, its previous year Farvardin 1403", () => {
        usePersian();
        // 5 Farvardin 1404
        expect(compared("2025-03-25T10:00:00", dateItem, ["month", "year"], "previous_period")).toEqual(
            ["&", ["date_deadline", ">=", "2025-02-19"], ["date_deadline", "<=", "2025-03-20"]]
        );
        expect(compared("2025-03-25T10:00:00", dateItem, ["month", "year"], "previous_year")).toEqual(
            ["&", ["date_deadline", ">=", "2024-03-20"], ["date_deadline", "<=", "2024-04-19"]]
        );
        // Q1 1404 -> Q4 1403 (Dey 1 to leap Esfand 30); 1404 -> 1403.
        expect(
            compared("2025-03-25T10:00:00", dateItem, ["first_quarter", "year"], "previous_period")
        ).toEqual(["&", ["date_deadline", ">=", "2024-12-21"], ["date_deadline", "<=", "2025-03-20"]]);
        expect(compared("2025-03-25T10:00:00", dateItem, ["year"], "previous_period")).toEqual([
            "&",
            ["date_deadline", ">=", "2024-03-20"],
            ["date_deadline", "<=", "2025-03-20"],
        ]);
    });

    test("Jalali: two selected months compare with the two before them", () => {
        const periods = [
            { jy: 1404, month: 1, span: 1 },
            { jy: 1404, month: 2, span: 1 },
        ];
        expect(jalaliComparisonPeriods(periods, "previous_period")).toEqual([
            { jy: 1403, month: 11, span: 1 },
            { jy: 1403, month: 12, span: 1 },
        ]);
    });

    test("Jalali: datetime comparison ranges start at midnight in Asia/Tehran", () => {
        usePersian();
        const item = { fieldName: "date_closed", fieldType: "datetime", domain: "[]" };
        const domain = compared(
            "2025-03-25T10:00:00", item, ["month", "year"], "previous_period", "Asia/Tehran"
        );
        // Esfand 1 1403, 00:00 in Tehran is 20:30 UTC the day before.
        expect(domain).toEqual([
            "&",
            ["date_closed", ">=", "2025-02-18 20:30:00"],
            ["date_closed", "<=", "2025-03-20 20:29:59"],
        ]);
    });

    /** A search model holding "this month" of a date filter and a comparison. */
    function searchModelWith(comparisonOptionId) {
        const model = Object.create(SearchModel.prototype);
        Object.assign(model, {
            referenceMoment: DateTime.fromISO("2025-03-25T10:00:00"),
            searchItems: {
                1: {
                    id: 1,
                    type: "dateFilter",
                    description: "Deadline",
                    optionsParams: {
                        startYear: -2, endYear: 0, startMonth: -2, endMonth: 0, customOptions: [],
                    },
                    ...dateItem,
                },
                2: { id: 2, type: "comparison", dateFilterId: 1, comparisonOptionId },
            },
            query: [
                { searchItemId: 1, generatorId: "month" },
                { searchItemId: 1, generatorId: "year" },
                { searchItemId: 2 },
            ],
        });
        return model;
    }

    test("Jalali: the search model's comparison is Jalali for Persian users only", () => {
        patchWithCleanup(jalaliSettings, { calendar: false });
        const english = searchModelWith("previous_period").getFullComparison();
        expect(english.range).toEqual([
            "&", ["date_deadline", ">=", "2025-03-01"], ["date_deadline", "<=", "2025-03-31"],
        ]);
        expect(english.comparisonRange).toEqual([
            "&", ["date_deadline", ">=", "2025-02-01"], ["date_deadline", "<=", "2025-02-28"],
        ]);
        usePersian();
        const persian = searchModelWith("previous_period").getFullComparison();
        expect(persian.range).toEqual([
            "&", ["date_deadline", ">=", "2025-03-21"], ["date_deadline", "<=", "2025-04-20"],
        ]);
        expect(persian.comparisonRange).toEqual([
            "&", ["date_deadline", ">=", "2025-02-19"], ["date_deadline", "<=", "2025-03-20"],
        ]);
        expect(persian.comparisonRangeDescription).toMatch(/1403/);
        expect(persian.rangeDescription).toMatch(/1404/);
    });
});

describe("Jalali filter menu", () => {
    test("Jalali: on the last day of Esfand the month options are Esfand, Bahman, Dey", async () => {
        mockTimeZone("Asia/Tehran");
        // 29 Esfand 1404: Odoo's labels (the Jalali month of a Gregorian month back)
        // would read Esfand twice.
        mockDate("2026-03-20 10:00:00");
        usePersian();
        await mountView({
            resModel: "jalali.event",
            type: "list",
            arch: `<list><field name="name"/><field name="start"/></list>`,
            searchViewArch: `<search><filter name="start" string="Start" date="start"/></search>`,
        });
        await click(".o_searchview_dropdown_toggler");
        await animationFrame();
        await click(".o_filter_menu .o_menu_item:contains(Start)");
        await animationFrame();
        const options = queryAllTexts(".o_filter_menu .o_item_option");
        expect(options.slice(0, 3)).toEqual(["اسفند", "بهمن", "دی"]);
        expect(options.slice(-3)).toEqual(["1404", "1403", "1402"]);
    });
});

describe("Jalali calendar view", () => {
    beforeEach(() => mockTimeZone("Asia/Tehran"));

    test("Jalali: the month view is the Jalali month, Saturday first", async () => {
        mockDate("2025-03-25 10:00:00");
        usePersian();
        await mountView({ resModel: "jalali.event", type: "calendar", arch: CALENDAR_ARCH("month") });
        expect(title()).toBe("فروردین 1404");
        const cells = monthCells();
        expect(cells.length).toBe(42);
        // Farvardin 1 1404 is Friday 21 March: the grid opens on Saturday Esfand 25.
        expect(cells[0]).toEqual({ text: "25", inMonth: false, date: "2025-03-15" });
        expect(cells[6]).toEqual({ text: "1 فروردین", inMonth: true, date: "2025-03-21" });
        expect(cells.filter((cell) => cell.inMonth).length).toBe(31);
        // 00:30 on Nowruz in Tehran is drawn on Nowruz.
        expect(queryOne(".fc-daygrid-day[data-date='2025-03-21'] .o_event")).not.toBe(null);
        // Back to Esfand of leap 1403: 30 days; the Gregorian step from Esfand 1 would stay.
        await click(".o_calendar_navigation_buttons .o_calendar_button_prev");
        await animationFrame();
        expect(title()).toBe("اسفند 1403");
        expect(monthCells().filter((cell) => cell.inMonth).length).toBe(30);
        await click(".o_calendar_navigation_buttons .o_calendar_button_next");
        await animationFrame();
        await click(".o_calendar_navigation_buttons .o_calendar_button_next");
        await animationFrame();
        expect(title()).toBe("اردیبهشت 1404");
        expect(monthCells().filter((cell) => cell.inMonth).length).toBe(31);
    });

    test("Jalali: the week view across Nowruz has Jalali headers and week 1", async () => {
        mockDate("2025-03-20 10:00:00");
        usePersian();
        await mountView({ resModel: "jalali.event", type: "calendar", arch: CALENDAR_ARCH("week") });
        expect(title()).toBe("اسفند 1403 - فروردین 1404 Week 1");
        expect(queryAllTexts(".fc-col-header-cell .o_cw_day_number")).toEqual([
            "25", "26", "27", "28", "29", "30", "1",
        ]);
    });

    /** Per small calendar of the year view: its title and its drawn (enabled) days. */
    const yearMonths = () =>
        queryAll(".fc-month").map((month) => {
            const days = [...month.querySelectorAll(".fc-daygrid-day:not(.fc-day-disabled)")];
            return {
                title: month.querySelector(".fc-toolbar-title").textContent.trim(),
                first: days[0]?.dataset.date,
                last: days.at(-1)?.dataset.date,
                numbers: days.map((day) => day.querySelector(".fc-daygrid-day-number")?.textContent.trim()),
            };
        });

    test("Jalali: the year view is Farvardin to Esfand of the Jalali year", async () => {
        mockDate("2025-03-25 10:00:00");
        usePersian();
        await mountView({ resModel: "jalali.event", type: "calendar", arch: CALENDAR_ARCH("year") });
        expect(title()).toBe("1404");
        let months = yearMonths();
        expect(months.map((month) => month.title)).toEqual([
            "فروردین 1404", "اردیبهشت 1404", "خرداد 1404", "تیر 1404", "مرداد 1404",
            "شهریور 1404", "مهر 1404", "آبان 1404", "آذر 1404", "دی 1404", "بهمن 1404",
            "اسفند 1404",
        ]);
        // Nowruz 1404 is 21 March 2025; Farvardin has 31 days, Esfand of 1404 29.
        expect(months[0].first).toBe("2025-03-21");
        expect(months[0].numbers).toEqual(Array.from({ length: 31 }, (_, i) => String(i + 1)));
        expect(months[11]).toEqual({
            title: "اسفند 1404",
            first: "2026-02-20",
            last: "2026-03-20",
            numbers: Array.from({ length: 29 }, (_, i) => String(i + 1)),
        });
        // 00:30 on Nowruz in Tehran is drawn on Nowruz, in Farvardin's calendar only.
        expect(queryAll(".fc-month:first-child .fc-daygrid-day[data-date='2025-03-21'] .fc-bg-event").length).toBe(1);
        expect(queryAll(".fc-bg-event").length).toBe(1);
        // Back to leap 1403, whose Esfand has its 30th (20 March 2025).
        await click(".o_calendar_navigation_buttons .o_calendar_button_prev");
        await animationFrame();
        expect(title()).toBe("1403");
        months = yearMonths();
        expect(months[0].first).toBe("2024-03-20");
        expect(months[11].last).toBe("2025-03-20");
        expect(months[11].numbers.length).toBe(30);
        expect(queryAll(".fc-bg-event").length).toBe(0);
    });

    test("Jalali: English users keep Odoo's Gregorian year", async () => {
        mockDate("2025-03-25 10:00:00");
        patchWithCleanup(jalaliSettings, { calendar: false });
        await mountView({ resModel: "jalali.event", type: "calendar", arch: CALENDAR_ARCH("year") });
        expect(title()).toBe("2025");
        const months = yearMonths();
        expect(months[0]).toEqual({
            title: "January 2025",
            first: "2025-01-01",
            last: "2025-01-31",
            numbers: Array.from({ length: 31 }, (_, i) => String(i + 1)),
        });
        expect(months[11].title).toBe("December 2025");
    });

    test("Jalali: English users keep Odoo's Gregorian calendar", async () => {
        mockDate("2025-03-25 10:00:00");
        patchWithCleanup(jalaliSettings, { calendar: false });
        await mountView({ resModel: "jalali.event", type: "calendar", arch: CALENDAR_ARCH("month") });
        expect(title()).toBe("March 2025");
        const cells = monthCells();
        expect(cells.filter((cell) => cell.inMonth).map((cell) => cell.text).slice(0, 3)).toEqual([
            "1", "2", "3",
        ]);
        expect(cells.filter((cell) => cell.inMonth).length).toBe(31);
    });
});
