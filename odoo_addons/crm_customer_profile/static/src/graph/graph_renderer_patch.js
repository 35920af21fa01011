import { patch } from "@web/core/utils/patch";
import { GraphRenderer } from "@web/views/graph/graph_renderer";
import { colorSatisfaction, satisfactionGrouping } from "./satisfaction_colors";

patch(GraphRenderer.prototype, {
    getBarChartData() {
        return colorSatisfaction(this.model.metaData, super.getBarChartData(...arguments), "bar");
    },
    getLineChartData() {
        return colorSatisfaction(this.model.metaData, super.getLineChartData(...arguments), "line");
    },
    getPieChartData() {
        return colorSatisfaction(this.model.metaData, super.getPieChartData(...arguments), "pie");
    },
    getLegendOptions() {
        // Odoo's pie legend picks palette colours itself: show the slices' own colours.
        const legend = super.getLegendOptions(...arguments);
        const { mode } = this.model.metaData;
        if (mode === "pie" && satisfactionGrouping(this.model.metaData)) {
            const generate = legend.labels.generateLabels;
            legend.labels.generateLabels = (chart) =>
                generate(chart).map((item) => {
                    const colors = chart.data.datasets[0]?.backgroundColor;
                    return Array.isArray(colors) && colors[item.index]
                        ? { ...item, fillStyle: colors[item.index] }
                        : item;
                });
        }
        return legend;
    },
});
