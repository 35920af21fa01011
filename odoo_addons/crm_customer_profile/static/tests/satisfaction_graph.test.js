import { describe, expect, test } from "@odoo/hoot";
import { animationFrame } from "@odoo/hoot-mock";
import { defineModels, fields, models, mountView } from "@web/../tests/web_test_helpers";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import {
    getChart,
    setupChartJsForTests,
} from "@web/../tests/views/graph/graph_test_helpers";
import { SATISFACTION_COLORS } from "@crm_customer_profile/graph/satisfaction_colors";

describe.current.tags("desktop");
defineMailModels();
setupChartJsForTests();

const [GREEN, , , , RED] = SATISFACTION_COLORS;

class SatisfactionEntry extends models.Model {
    _name = "satisfaction.entry";
    // Odoo's order of the suite's selection: delighted first, angry last
    level = fields.Selection({
        selection: [
            ["delighted", "Delighted"],
            ["happy", "Happy"],
            ["satisfied", "Satisfied"],
            ["dissatisfied", "Dissatisfied"],
            ["angry", "Angry"],
        ],
    });
    month = fields.Char();
    stage = fields.Selection({
        selection: [
            ["new", "New"],
            ["done", "Done"],
        ],
    });
    _records = [
        { id: 1, level: "angry", month: "Jan", stage: "new" },
        { id: 2, level: "delighted", month: "Jan", stage: "done" },
        { id: 3, level: "angry", month: "Feb", stage: "done" },
    ];
}
defineModels([SatisfactionEntry]);

/** The chart.js data of a graph view of `arch`. */
async function chartOf(arch) {
    const view = await mountView({ type: "graph", resModel: "satisfaction.entry", arch });
    await animationFrame();
    return getChart(view);
}

test("satisfaction as series: angry red, delighted green", async () => {
    const chart = await chartOf(`<graph type="bar" stacked="1">
        <field name="month"/><field name="level"/></graph>`);
    const byLabel = Object.fromEntries(chart.data.datasets.map((d) => [d.label, d.backgroundColor]));
    expect(byLabel.Angry).toBe(RED);
    expect(byLabel.Delighted).toBe(GREEN);
    // stacked from delighted to angry, whatever order the groups came in
    // (the stacked bars' "Sum" line comes last, in its own colour)
    const levels = chart.data.datasets.filter((d) => d.type !== "line").map((d) => d.label);
    expect(levels).toEqual(["Delighted", "Angry"]);
});

test("satisfaction as bars: one colour per level", async () => {
    const { data } = await chartOf(`<graph type="bar"><field name="level"/></graph>`);
    const colors = Object.fromEntries(
        data.labels.map((label, i) => [label, data.datasets[0].backgroundColor[i]])
    );
    expect(colors.Angry).toBe(RED);
    expect(colors.Delighted).toBe(GREEN);
});

test("satisfaction as slices of a pie", async () => {
    const { data } = await chartOf(`<graph type="pie"><field name="level"/></graph>`);
    expect(data.datasets[0].backgroundColor[data.labels.indexOf("Angry")]).toBe(RED);
});

test("other groupings keep Odoo's palette", async () => {
    const chart = await chartOf(
        `<graph type="bar"><field name="month"/><field name="stage"/></graph>`
    );
    for (const dataset of chart.data.datasets) {
        expect(SATISFACTION_COLORS.includes(dataset.backgroundColor)).toBe(false);
    }
});
