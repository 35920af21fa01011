/** @odoo-module **/
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";

const LATIN = /[A-Za-z]/;
const DIGITS = /[0-9\u06F0-\u06F9]/;
// Text generated on the server may isolate its numbers with unicode isolates (LRI ... PDI).
const ISOLATED = /\u2066[^\u2069]*\u2069/g;

/** Every text node of the summary: none in English, every number isolated left to right. */
function checkPersianSummary(summary) {
    if (getComputedStyle(summary).direction !== "rtl") {
        throw new Error("the summary is not right to left");
    }
    const walker = document.createTreeWalker(summary, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        if (LATIN.test(text)) {
            throw new Error(`English text in the summary: "${text}"`);
        }
        const bare = text.replace(ISOLATED, "");
        if (DIGITS.test(bare) && !node.parentElement.closest("[dir='ltr'], bdi")) {
            throw new Error(`a number not isolated left to right: "${text}"`);
        }
    }
}

function glanceSteps() {
    return [
        {
            content: "The tier shows as a badge",
            trigger: ".o_crm_glance .o_crm_glance_tier .badge",
        },
        {
            content: "The satisfaction is coloured by its level, with its date isolated",
            trigger: ".o_crm_glance .o_crm_glance_sat[data-level='angry'] + bdi[dir='ltr']",
        },
        {
            content: "The behavioural style and its advice",
            trigger: ".o_crm_glance .o_crm_glance_advice[data-axis='style']",
        },
        {
            content: "The decision basis and its advice",
            trigger: ".o_crm_glance .o_crm_glance_advice[data-axis='basis']",
        },
        {
            content: "The loyalty level, its discount as 5%",
            trigger: ".o_crm_glance .o_crm_glance_level bdi[dir='ltr']:contains(5%)",
        },
        {
            content: "The reward to mention",
            trigger: ".o_crm_glance .o_crm_glance_mention",
        },
        {
            content: "The last and the next contact, dates isolated",
            trigger: ".o_crm_glance .o_crm_glance_last_contact bdi[dir='ltr']",
        },
        {
            trigger: ".o_crm_glance .o_crm_glance_next_contact bdi[dir='ltr']",
        },
        {
            content: "Persian only, every number left to right",
            trigger: ".o_crm_glance .o_crm_glance_complaints a bdi[dir='ltr']:contains(1)",
            run() {
                checkPersianSummary(document.querySelector(".o_crm_glance"));
            },
        },
    ];
}

function openComplaintsSteps() {
    return [
        {
            content: "The open complaints open from the summary",
            trigger: ".o_crm_glance .o_crm_glance_complaints a",
            run: "click",
        },
        {
            trigger: ".o_action_manager .o_list_view, .o_action_manager .o_kanban_view, .o_action_manager .o_form_view .o_field_widget[name='subject']",
        },
    ];
}

registry.category("web_tour.tours").add("crm_customer_glance_tour", {
    steps: () => [...glanceSteps(), ...openComplaintsSteps()],
});

registry.category("web_tour.tours").add("crm_customer_glance_order_tour", {
    steps: () => [
        ...glanceSteps(),
        {
            content: "The card discount shows on the lines without Odoo's discount setting",
            trigger: ".o_field_one2many[name='order_line'] th[data-name='discount']",
        },
        {
            trigger: ".o_field_one2many[name='order_line'] td[name='discount']:contains(5)",
        },
    ],
});

const ISOLATES = /[\u2066-\u2069]/g;

function glanceText(selector) {
    const element = document.querySelector(`.o_crm_glance ${selector}`);
    if (!element) {
        throw new Error(`nothing in the summary for ${selector}`);
    }
    return element.textContent.replace(ISOLATES, "").replace(/\s+/g, " ").trim();
}

function expectText(selector, expected) {
    const text = glanceText(selector);
    if (!(expected instanceof RegExp ? expected.test(text) : text === expected)) {
        throw new Error(`${selector} reads "${text}", expected ${expected}`);
    }
}

/**
 * The customer's complaint opened today and the next contact in two days: dates in the
 * reader's calendar, relative times as whole phrases of the reader's language.
 */
registry.category("web_tour.tours").add("crm_customer_glance_dates_tour", {
    steps: () => [
        {
            content: "Dates and relative times read in the reader's calendar and language",
            trigger: ".o_crm_glance .o_crm_glance_next_contact bdi[dir='ltr']",
            run() {
                const persian = user.lang.startsWith("fa");
                // Jalali 14xx/MM/DD in Persian; the English format's Gregorian 20xx.
                const day = persian ? /^14\d\d\/\d\d\/\d\d$/ : /^\d\d\/\d\d\/20\d\d$/;
                expectText(".o_crm_glance_next_contact bdi[dir='ltr']", day);
                expectText(".o_crm_glance_satisfaction bdi[dir='ltr']", day);
                expectText(".o_crm_glance_last_contact bdi[dir='ltr']", day);
                expectText(
                    ".o_crm_glance_next_contact .o_crm_glance_relative",
                    persian ? "2 روز دیگر" : "in 2 days"
                );
                expectText(
                    ".o_crm_glance_complaints .o_crm_glance_relative",
                    persian ? "قدیمی‌ترین: امروز" : "oldest opened today"
                );
                if (persian) {
                    checkPersianSummary(document.querySelector(".o_crm_glance"));
                }
            },
        },
    ],
});
