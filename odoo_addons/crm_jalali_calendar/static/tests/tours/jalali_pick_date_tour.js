import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const deadline = ".o_field_widget[name=date_deadline] input";

/**
 * A Persian salesperson types a Jalali date, then picks another day of that Jalali
 * month in the picker and saves; the test checks the Gregorian value stored.
 */
registry.category("web_tour.tours").add("crm_jalali_calendar_pick_date", {
    steps: () => [
        {
            content: "Type a Jalali date in the expected closing date",
            trigger: deadline,
            run: "edit 1404/01/10",
        },
        {
            content: "Confirm the typed date",
            trigger: deadline,
            run: "press Enter",
        },
        {
            content: "Open the picker",
            trigger: `${deadline}:value(1404/01/10)`,
            run: "click",
        },
        {
            content: "The picker shows the Jalali month typed",
            trigger: ".o_datetime_picker_header:contains(فروردین 1404)",
        },
        {
            content: "Saturday opens the week",
            trigger: ".o_day_of_week_cell:eq(1):contains(شنبه)",
        },
        {
            content: "Pick Farvardin 20",
            trigger: ".o_datetime_picker .o_date_item_cell:not(.o_out_of_range):contains(20)",
            run: "click",
        },
        {
            content: "The field shows the picked Jalali date",
            trigger: `${deadline}:value(1404/01/20)`,
        },
        ...stepUtils.saveForm(),
    ],
});

/**
 * The default "this month" period of a date filter follows the Jalali month: the test
 * opens a list with the closed-date filter on and two leads on either side of the
 * Jalali month's first day (the same Gregorian month); only this month's is listed.
 */
const JALALI_MONTHS = [
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

registry.category("web_tour.tours").add("crm_jalali_calendar_month_filter", {
    steps: () => [
        {
            content: "The facet names a Jalali month",
            trigger: ".o_searchview_facet .o_facet_value",
            run() {
                const text = this.anchor.textContent;
                if (!JALALI_MONTHS.some((month) => text.includes(month))) {
                    throw new Error(`No Jalali month in the facet: ${text}`);
                }
            },
        },
        {
            content: "This Jalali month's lead is listed",
            trigger: ".o_data_row:contains(Jalali this month)",
        },
        {
            content: "And only that one",
            trigger: ".o_list_table",
            run() {
                const rows = [...document.querySelectorAll(".o_data_row")];
                if (rows.length !== 1) {
                    const names = rows.map((row) => row.textContent.trim()).join(" | ");
                    throw new Error(`Expected only this month's lead, got: ${names}`);
                }
            },
        },
    ],
});
