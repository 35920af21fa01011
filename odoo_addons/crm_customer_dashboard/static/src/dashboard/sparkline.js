/** @odoo-module **/
import { Component } from "@odoo/owl";

/**
 * A 12-month trend drawn as an inline SVG line: no chart library to load, and it stays
 * readable in a card a few centimetres wide. Time runs left to right in both directions of
 * writing, as in Odoo's own graphs.
 */
export class Sparkline extends Component {
    static template = "crm_customer_dashboard.Sparkline";
    static props = {
        values: Array,
        labels: Array,
        format: Function,
        onPointClick: { type: Function, optional: true },
    };

    get width() {
        return 120;
    }

    get height() {
        return 30;
    }

    get points() {
        const values = this.props.values;
        const known = values.filter((v) => this.isKnown(v));
        if (!known.length) {
            return [];
        }
        const min = Math.min(...known);
        const max = Math.max(...known);
        const span = max - min || 1;
        const step = values.length > 1 ? (this.width - 6) / (values.length - 1) : 0;
        return values
            .map((value, index) => ({ value, index }))
            .filter((p) => this.isKnown(p.value))
            .map((p) => ({
                index: p.index,
                x: 3 + p.index * step,
                y: 3 + (this.height - 6) * (1 - (p.value - min) / span),
                title: `${this.props.labels[p.index] || ""}: ${this.props.format(p.value)}`,
            }));
    }

    /** A month without a figure comes as False from the server (XML-RPC has no None). */
    isKnown(value) {
        return value !== null && value !== undefined && value !== false;
    }

    get polyline() {
        return this.points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
    }

    onClick(point) {
        if (this.props.onPointClick) {
            this.props.onPointClick(point.index);
        }
    }
}
