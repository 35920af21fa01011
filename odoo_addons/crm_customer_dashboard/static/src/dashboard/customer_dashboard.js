/** @odoo-module **/
import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { formatFloat, formatInteger, formatMonetary } from "@web/views/fields/formatters";
import { Sparkline } from "./sparkline";

// Seed 000's satisfaction steps from red (works against us) to green (recruits for us).
const SATISFACTION_COLORS = {
    angry: "#c0392b",
    dissatisfied: "#e67e22",
    satisfied: "#f1c40f",
    happy: "#7dbb42",
    delighted: "#1e8449",
};

/**
 * The sales manager's customer dashboard (issue 14): every figure comes from one call to
 * crm.customer.dashboard.get_dashboard_data, which reads the monthly KPI snapshots; a
 * click on a figure asks the server for the records behind it.
 */
export class CustomerDashboard extends Component {
    static template = "crm_customer_dashboard.CustomerDashboard";
    static components = { Sparkline };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null, filters: {}, loading: true });
        this.satisfactionColors = SATISFACTION_COLORS;
        onWillStart(() => this.load({}));
    }

    async load(filters) {
        this.state.loading = true;
        const data = await this.orm.call("crm.customer.dashboard", "get_dashboard_data", [
            filters,
        ]);
        this.state.data = data;
        this.state.filters = { ...data.filters };
        this.state.loading = false;
    }

    onFilterChange(name, ev) {
        const raw = ev.target.value;
        const value = name === "month" ? raw || false : parseInt(raw) || false;
        this.load({ ...this.state.filters, [name]: value });
    }

    get periodOptions() {
        const labels = {
            1: _t("This month"),
            3: _t("3 months"),
            6: _t("6 months"),
            12: _t("12 months"),
        };
        return this.state.data.options.periods.map((p) => ({ value: p, label: labels[p] }));
    }

    get monthLabels() {
        return this.state.data.months.map((m) => m.label);
    }

    formatValue(value, unit) {
        if (value === null || value === undefined || value === false) {
            return "—";
        }
        switch (unit) {
            case "amount":
                return formatMonetary(value, {
                    currencyId: this.state.data.currency_id,
                    humanReadable: Math.abs(value) >= 100000,
                    digits: [69, 0],
                });
            case "percent":
                // No space before the sign: a "%" set apart by a space is a neutral
                // character that takes the direction of the Persian text around it and
                // was drawn left of the figure ("% 77.3"); joined to the digits it stays
                // with them in either direction.
                return `${formatFloat(value, { digits: [16, 1] })}%`;
            case "hours":
            case "days":
                return formatFloat(value, { digits: [16, 1] });
            default:
                return formatInteger(Math.round(value));
        }
    }

    /** The word after a figure, kept apart from the number so that each reads in its own
     * direction (in Persian the number stands right of the word "hours"). */
    unitLabel(unit) {
        return { hours: _t("hours"), days: _t("days") }[unit] || "";
    }

    formatter(unit) {
        return (value) => `${this.formatValue(value, unit)} ${this.unitLabel(unit)}`.trim();
    }

    statusLabel(status) {
        return (
            {
                good: _t("On target"),
                watch: _t("Watch"),
                bad: _t("Off target"),
            }[status] || _t("No target")
        );
    }

    groupLabel(group) {
        return (
            {
                sales: _t("Sales"),
                complaints: _t("Complaints"),
                service: _t("Service"),
                contact: _t("Contacts"),
                marketing: _t("Marketing"),
                customers: _t("Customers"),
            }[group] || ""
        );
    }

    share(value, total) {
        return total ? Math.round((100 * value) / total) : 0;
    }

    /** The satisfaction trend: a column per month, its levels stacked by share. */
    satisfactionColumns() {
        const sat = this.state.data.satisfaction;
        const width = 100 / Math.max(sat.trend.length, 1);
        return sat.trend.map((month, index) => {
            const total = sat.levels.reduce((sum, level) => sum + (month[level.key] || 0), 0);
            let y = 0;
            const parts = sat.levels.map((level) => {
                const h = total ? (40 * (month[level.key] || 0)) / total : 0;
                const part = { key: level.key, y: 40 - y - h, h, color: SATISFACTION_COLORS[level.key] };
                y += h;
                return part;
            });
            return {
                index,
                x: index * width + width * 0.15,
                width: width * 0.7,
                parts,
                title: `${this.monthLabels[index]}: ${sat.levels
                    .map((l) => `${l.label} ${month[l.key] || 0}`)
                    .join(", ")}`,
            };
        });
    }

    /** Tier bands from the top: the top tier is the narrowest, each band a trapezoid. */
    pyramidBands() {
        const tiers = this.state.data.pyramid.tiers;
        const n = Math.max(tiers.length, 1);
        return tiers.map((tier, index) => {
            const top = 24 + (76 * index) / n;
            const bottom = 24 + (76 * (index + 1)) / n;
            const inset = ((1 - top / bottom) * 100) / 2;
            return {
                ...tier,
                style: `width: ${bottom}%; clip-path: polygon(${inset}% 0, ${100 - inset}% 0, 100% 100%, 0 100%);`,
            };
        });
    }

    async openRecords(indicator, options = {}) {
        const action = await this.orm.call(
            "crm.customer.dashboard",
            "open_records",
            [this.state.filters, indicator],
            {
                month: options.month || false,
                breakdown: options.breakdown || false,
                team_id: options.teamId === undefined ? null : options.teamId,
            }
        );
        if (action) {
            await this.actionService.doAction(action);
        }
    }

    openMonth(indicator, index, breakdown = false) {
        const month = this.state.data.months[index];
        return this.openRecords(indicator, { month: month.value, breakdown });
    }
}

registry.category("actions").add("crm_customer_dashboard", CustomerDashboard);
