/**
 * Tours of a Persian salesperson: the calendar view's grid in Jalali, and a pivot
 * comparing this Jalali month with the previous one.
 */
import { registry } from "@web/core/registry";
import { jalaliOf, plusJalaliMonths } from "@crm_jalali_calendar/core/jalali_luxon";

const MONTHS = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

const texts = (selector) =>
    [...document.querySelectorAll(selector)].map((el) => el.textContent.replace(/\s+/g, " ").trim());

function expectEqual(actual, expected, what) {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
}

/** The calendar opens on 5 Farvardin 1404 (2025-03-25, the action's initial date). */
registry.category("web_tour.tours").add("crm_jalali_calendar_calendar_view", {
    steps: () => [
        {
            content: "The month view is Farvardin 1404",
            trigger: ".o_calendar_header h5:contains(فروردین 1404)",
        },
        {
            content: "Nowruz's cell reads 1 Farvardin and holds the Nowruz lead",
            trigger:
                ".fc-daygrid-day[data-date='2025-03-21']:not(.fc-day-other):contains(1 فروردین) .o_event:contains(Jalali Nowruz lead)",
        },
        {
            content: "The grid opens on Saturday 25 Esfand, greyed as the month before",
            trigger: ".fc-daygrid-day.fc-day-other[data-date='2025-03-15']:contains(25)",
            run() {
                const first = document.querySelector(".fc-daygrid-day");
                expectEqual(first.dataset.date, "2025-03-15", "first cell");
                const inMonth = document.querySelectorAll(".fc-daygrid-day:not(.fc-day-other)");
                expectEqual(inMonth.length, 31, "days of Farvardin");
            },
        },
        {
            content: "Back one month",
            trigger: ".o_calendar_button_prev",
            run: "click",
        },
        {
            content: "Esfand of leap 1403 has 30 days",
            trigger: ".o_calendar_header h5:contains(اسفند 1403)",
            run() {
                const inMonth = document.querySelectorAll(".fc-daygrid-day:not(.fc-day-other)");
                expectEqual(inMonth.length, 30, "days of Esfand 1403");
            },
        },
        {
            content: "Open the scale menu",
            trigger: ".o_view_scale_selector .scale_button_selection",
            run: "click",
        },
        {
            content: "Week scale",
            trigger: ".o_scale_button_week",
            run: "click",
        },
        {
            content: "The week of 1 Esfand starts on Saturday 27 Bahman; headers in Jalali",
            trigger: ".o_calendar_header h5:contains(بهمن - اسفند 1403)",
            run() {
                expectEqual(
                    texts(".fc-col-header-cell .o_cw_day_number"),
                    ["27", "28", "29", "30", "1", "2", "3"],
                    "week headers"
                );
            },
        },
    ],
});

/**
 * Leads closed in this Jalali month (one) and in the previous Jalali month (two) sit on
 * either side of the month's first day; "compare to previous period" shows 1 against 2.
 */
registry.category("web_tour.tours").add("crm_jalali_calendar_comparison", {
    steps: () => [
        {
            content: "Open the search menu",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Compare to the previous period",
            trigger: ".o_comparison_menu .o_menu_item:first",
            run: "click",
        },
        {
            content: "The pivot compares this Jalali month with the previous one",
            // Three cells in the total row: this period, the previous one, the variation.
            trigger: ".o_pivot tbody tr:first-child .o_pivot_cell_value:eq(2)",
            run() {
                const now = luxon.DateTime.local();
                const thisMonth = MONTHS[jalaliOf(now).month - 1];
                const previousMonth = MONTHS[jalaliOf(plusJalaliMonths(now, -1)).month - 1];
                const header = texts(".o_pivot thead th").join(" | ");
                for (const month of [thisMonth, previousMonth]) {
                    if (!header.includes(month)) {
                        throw new Error(`No ${month} in the pivot header: ${header}`);
                    }
                }
                const totals = texts(".o_pivot tbody tr:first-child .o_pivot_cell_value");
                if (!totals.includes("1") || !totals.includes("2")) {
                    throw new Error(`Expected 1 lead against 2, got: ${totals.join(" | ")}`);
                }
            },
        },
    ],
});
