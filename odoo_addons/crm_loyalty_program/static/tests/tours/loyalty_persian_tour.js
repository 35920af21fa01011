/**
 * A Persian salesperson opens a member's loyalty and value tabs: the card code reads left
 * to right (as on its barcode) and no generated text is left in English.
 */
import { registry } from "@web/core/registry";

// what the suite writes when it does not translate (chatter, mention, rewards)
const ENGLISH_GENERATED = [
    "Reward ready",
    "points to",
    "your order",
    "Loyalty level",
    "Value tier",
];

function firstTextNode(element) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) =>
            node.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP,
    });
    return walker.nextNode();
}

/** x of the `index`-th character of `node` on screen */
function charLeft(node, index) {
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    return range.getBoundingClientRect().left;
}

function assertReadsLeftToRight(selector, code) {
    const element = document.querySelector(selector);
    const node = firstTextNode(element);
    const text = node.textContent;
    const start = text.indexOf(code);
    if (start === -1) {
        throw new Error(`card code ${code} not shown in ${selector}: ${text}`);
    }
    const first = charLeft(node, start);
    const last = charLeft(node, start + code.length - 1);
    if (!(first < last)) {
        throw new Error(`card code ${code} is drawn right to left (${first} >= ${last})`);
    }
}

function assertNoEnglish(selector) {
    const text = document.querySelector(selector).innerText;
    const found = ENGLISH_GENERATED.filter((phrase) => text.includes(phrase));
    if (found.length) {
        throw new Error(`English generated text in Persian: ${found.join(", ")} in ${text}`);
    }
}

registry.category("web_tour.tours").add("crm_loyalty_persian_tour", {
    steps: () => [
        {
            content: "open the Loyalty tab",
            trigger: ".o_notebook a[name='crm_loyalty']",
            run: "click",
        },
        {
            content: "the card code reads left to right; nothing generated is English",
            trigger: ".tab-pane.active td[name='code']:contains(0449-f27a-4e72)",
            run() {
                assertReadsLeftToRight(".tab-pane.active td[name='code']", "0449-f27a-4e72");
                assertNoEnglish(".tab-pane.active");
            },
        },
        {
            content: "the reward to mention is Persian",
            trigger: ".tab-pane.active td[name='mention_text']:contains(پاداش آماده)",
        },
        {
            content: "open the Value tab",
            trigger: ".o_notebook a[name='customer_value']",
            run: "click",
        },
        {
            content: "nothing generated on the Value tab is English",
            trigger: ".tab-pane.active",
            run() {
                assertNoEnglish(".tab-pane.active");
            },
        },
        {
            content: "back to the Loyalty tab",
            trigger: ".o_notebook a[name='crm_loyalty']",
            run: "click",
        },
        {
            content: "open the card itself",
            trigger: ".tab-pane.active td[name='code']",
            run: "click",
        },
        {
            content: "the card form shows its code left to right",
            trigger: ".modal .o_field_widget[name='code']:contains(0449-f27a-4e72)",
            run() {
                assertReadsLeftToRight(".modal .o_field_widget[name='code']", "0449-f27a-4e72");
            },
        },
    ],
});
