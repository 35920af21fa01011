/** @odoo-module **/
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_customer_dashboard_tour", {
    steps: () => [
        {
            content: "The first indicator is on target: green",
            trigger: ".o_ccd_cards .o_ccd_card:nth-child(1).o_ccd_status_good .o_ccd_value:contains(12)",
        },
        {
            content: "The second is off target: red",
            trigger: ".o_ccd_cards .o_ccd_card:nth-child(2).o_ccd_status_bad",
        },
        {
            content: "Each card draws its trend",
            trigger: ".o_ccd_cards .o_ccd_card:nth-child(1) svg.o_ccd_sparkline circle",
        },
        {
            content: "The pyramid has its tier",
            trigger: ".o_ccd_pyramid_row .o_ccd_pyramid_figure:contains(6)",
        },
        {
            content: "The angry customers are counted",
            trigger: ".o_ccd_sat_level[data-level='angry']:contains(2)",
        },
        {
            content: "A rate reads with its sign right after the figure (77.3%, never % 77.3)",
            trigger: ".o_ccd_cards .o_ccd_card[data-indicator='quote_conversion'] .o_ccd_value bdi:contains(77.3%)",
        },
        {
            content: "The satisfaction shares too: 2 angry of 6",
            trigger: ".o_ccd_sat_level[data-level='angry'] bdi:contains(33%)",
        },
        {
            content: "The amount says what it counts",
            // the word itself ("untaxed", in the reader's language) is checked in Python
            trigger: ".o_ccd_card[data-indicator='sales_amount'] .o_ccd_value .o_ccd_basis",
        },
        {
            content: "A figure opens the records behind it",
            trigger: ".o_ccd_cards .o_ccd_card:nth-child(1) .o_ccd_value",
            run: "click",
        },
        {
            content: "The records open in a list",
            trigger: ".o_action_manager .o_list_view",
        },
        {
            content: "The breadcrumbs lead back to the dashboard",
            trigger: ".o_control_panel li.breadcrumb-item.o_back_button",
            run: "click",
        },
        {
            trigger: ".o_crm_customer_dashboard .o_ccd_cards .o_ccd_card:nth-child(1).o_ccd_status_good",
        },
    ],
});
