/**
 * Satisfaction reads from red (angry) to green (delighted) in every graph.
 *
 * Odoo's graph views colour groups by their position in a palette, so "angry" could be
 * green. A group by any selection field whose values are the suite's five satisfaction
 * steps is coloured by the step's place in that selection (delighted first, angry last)
 * instead; every other graph keeps Odoo's colours.
 */

// delighted → angry, as the selection orders them (seed 000)
export const SATISFACTION_KEYS = ["delighted", "happy", "satisfied", "dissatisfied", "angry"];
export const SATISFACTION_COLORS = ["#198754", "#7cb342", "#f0ad00", "#fd7e14", "#dc3545"];

function isSatisfactionField(field) {
    if (!field || field.type !== "selection" || !Array.isArray(field.selection)) {
        return false;
    }
    const keys = field.selection.map(([key]) => key);
    return (
        keys.length === SATISFACTION_KEYS.length && SATISFACTION_KEYS.every((k) => keys.includes(k))
    );
}

/** label shown for a group → its colour, for the satisfaction field `field` */
function colorsByLabel(field) {
    const colors = new Map();
    for (const [key, label] of field.selection) {
        colors.set(label, SATISFACTION_COLORS[SATISFACTION_KEYS.indexOf(key)]);
    }
    return colors;
}

/**
 * Where the satisfaction groups are in a graph: "labels" (the first group by, one colour
 * per bar or slice), "datasets" (a later group by, one colour per series) or null.
 */
export function satisfactionGrouping(metaData) {
    const groupBy = metaData.groupBy || [];
    const fieldName = (index) => groupBy[index] && (groupBy[index].fieldName || groupBy[index]);
    const field = (index) => metaData.fields[fieldName(index)];
    if (isSatisfactionField(field(0))) {
        return { where: "labels", colors: colorsByLabel(field(0)) };
    }
    if (groupBy.length === 2 && isSatisfactionField(field(1))) {
        return { where: "datasets", colors: colorsByLabel(field(1)) };
    }
    return null;
}

/** The colour of a dataset label (it may carry a comparison period: "Happy / 2025"). */
function colorOf(colors, label) {
    if (colors.has(label)) {
        return colors.get(label);
    }
    const first = String(label).split(" / ")[0];
    return colors.get(first);
}

/** Colour `data` (chart.js data of the graph renderer) in place; returns it. */
export function colorSatisfaction(metaData, data, mode) {
    const grouping = satisfactionGrouping(metaData);
    if (!grouping) {
        return data;
    }
    const { where, colors } = grouping;
    if (where === "datasets") {
        // stacked and listed in the selection's order, delighted to angry
        const order = [...colors.keys()];
        const rank = (dataset) => {
            const index = order.indexOf(String(dataset.label).split(" / ")[0]);
            return index === -1 ? order.length : index;
        };
        data.datasets.sort((a, b) => rank(a) - rank(b));
    }
    for (const dataset of data.datasets) {
        if (dataset.type === "line" && mode === "bar") {
            continue; // the cumulated overlay keeps its own colour
        }
        if (where === "datasets") {
            const color = colorOf(colors, dataset.label);
            if (color) {
                dataset.backgroundColor = mode === "line" ? `${color}33` : color;
                dataset.borderColor = mode === "line" ? color : dataset.borderColor;
                dataset.pointBackgroundColor = mode === "line" ? color : undefined;
            }
        } else if (mode !== "line") {
            // one colour per bar or slice when a single series is shown
            if (data.datasets.length === 1 || mode === "pie") {
                const byLabel = data.labels.map((label) => colorOf(colors, label) || "#adb5bd");
                dataset.backgroundColor = byLabel;
                if (mode === "pie") {
                    dataset.hoverBackgroundColor = byLabel;
                }
            }
        }
    }
    return data;
}
