/**
 * The customer pyramid drawn as a pyramid: one horizontal bar per tier, the top tier
 * (fewest customers) on top, the widest tier at the bottom.
 */
import { registry } from "@web/core/registry";
import { graphView } from "@web/views/graph/graph_view";
import { GraphRenderer } from "@web/views/graph/graph_renderer";

export class PyramidGraphRenderer extends GraphRenderer {
    get isPyramid() {
        return this.model.metaData.mode === "bar";
    }

    getScaleOptions() {
        const scales = super.getScaleOptions(...arguments);
        if (!this.isPyramid || !scales.x) {
            return scales;
        }
        // the tiers down the side, the number of customers across
        return { x: scales.y, y: { ...scales.x, grid: { display: false } } };
    }

    getChartConfig() {
        const config = super.getChartConfig(...arguments);
        if (this.isPyramid) {
            config.options.indexAxis = "y";
        }
        return config;
    }
}

registry.category("views").add("crm_pyramid_graph", {
    ...graphView,
    Renderer: PyramidGraphRenderer,
});
