/** @odoo-module **/
import { registry } from "@web/core/registry";

// Issue 26.9: a click on a tier's figure crashed the dashboard ("v8 is not a function").
registry.category("web_tour.tours").add("crm_customer_dashboard_pyramid_tour", {
    steps: () => [
        {
            content: "A tier's customers open from the pyramid",
            trigger: ".o_ccd_pyramid_row .o_ccd_pyramid_figure[data-indicator='tier_customers']:contains(6)",
            run: "click",
        },
        {
            content: "The tier's customers open in a list",
            trigger: ".o_action_manager .o_list_view",
        },
        {
            content: "The breadcrumbs lead back to the dashboard",
            trigger: ".o_control_panel li.breadcrumb-item.o_back_button",
            run: "click",
        },
        {
            trigger: ".o_crm_customer_dashboard .o_ccd_pyramid_row",
        },
    ],
});

// Issue 26.10: a card whose records a sales manager may not read says so before the click.
registry.category("web_tour.tours").add("crm_customer_dashboard_cards_access_tour", {
    steps: () => [
        {
            content: "The mailings' card says the manager cannot open its records",
            trigger: ".o_ccd_card[data-indicator='mailings_sent'] .o_ccd_denied",
        },
        {
            content: "Its figure is no link",
            trigger: ".o_ccd_card[data-indicator='mailings_sent']:not(:has(a.o_ccd_value))",
        },
        {
            content: "The survey answers' card says so too",
            trigger: ".o_ccd_card[data-indicator='survey_response'] .o_ccd_denied",
        },
        {
            content: "A card the manager may open still opens its records",
            trigger: ".o_ccd_card[data-indicator='sales_count'] a.o_ccd_value",
            run: "click",
        },
        {
            trigger: ".o_action_manager .o_list_view",
        },
    ],
});

/** Whether an element's box lies within the browser's window (the first screen). */
function onFirstScreen(selector) {
    const box = document.querySelector(selector).getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
}

// Issue 26.12: at 1366 x 768 the first screen held only the cards; the pyramid started at
// the fold. The indicators, their trend and the pyramid now share the first screen.
registry.category("web_tour.tours").add("crm_customer_dashboard_layout_tour", {
    steps: () => [
        {
            content: "The dashboard is drawn",
            trigger: ".o_crm_customer_dashboard .o_ccd_pyramid_row",
        },
        {
            content: "Cards, trends and pyramid on the first screen of a laptop",
            trigger: ".o_crm_customer_dashboard .o_ccd_cards .o_ccd_card:last-child",
            run() {
                const size = `${window.innerWidth} x ${window.innerHeight}`;
                for (const selector of [
                    ".o_ccd_cards .o_ccd_card:last-child",
                    ".o_ccd_cards .o_ccd_card:last-child svg.o_ccd_sparkline",
                    ".o_ccd_pyramid_panel",
                    ".o_ccd_customer_cards",
                ]) {
                    if (!onFirstScreen(selector)) {
                        throw new Error(`${selector} is not on the first screen (${size})`);
                    }
                }
                if (document.querySelector(".o_crm_customer_dashboard").scrollWidth > window.innerWidth) {
                    throw new Error(`the dashboard scrolls sideways (${size})`);
                }
            },
        },
    ],
});
