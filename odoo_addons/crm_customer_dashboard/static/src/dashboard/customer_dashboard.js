/** @odoo-module **/
import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { deserializeDateTime, formatDateTime } from "@web/core/l10n/dates";
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
        this.state = useState({
            data: null,
            filters: {},
            loading: true,
            refreshing: false,
            // the indicators being chosen, [{code, name, shown}] in their order, or null
            choosing: null,
        });
        this.satisfactionColors = SATISFACTION_COLORS;
        onWillStart(() => this.load({}));
    }

    async load(filters) {
        this.state.loading = true;
        const data = await this.orm.call("crm.customer.dashboard", "get_dashboard_data", [
            filters,
        ]);
        this.show(data);
    }

    show(data) {
        this.state.data = data;
        this.state.filters = { ...data.filters };
        this.state.loading = false;
    }

    /** Recompute the live month (seconds; the full refresh stays in the configuration
     * menu and the scheduled action) and show its new figures. */
    async refreshLiveMonth() {
        this.state.refreshing = true;
        try {
            const data = await this.orm.call(
                "crm.customer.dashboard",
                "action_refresh_live_month",
                [this.state.filters]
            );
            this.show(data);
        } finally {
            this.state.refreshing = false;
        }
    }

    toggleChoice() {
        if (this.state.choosing) {
            this.state.choosing = null;
        } else {
            this.openChoice();
        }
    }

    /** The indicators to choose from: the chosen ones in their order, then the others. */
    openChoice() {
        const { indicators, chosen } = this.state.data.choice;
        const shown = chosen.length ? chosen : indicators.map((ind) => ind.code);
        const byCode = Object.fromEntries(indicators.map((ind) => [ind.code, ind]));
        this.state.choosing = [
            ...shown.filter((code) => byCode[code]).map((code) => ({ ...byCode[code], shown: true })),
            ...indicators
                .filter((ind) => !shown.includes(ind.code))
                .map((ind) => ({ ...ind, shown: false })),
        ];
    }

    moveChoice(index, step) {
        const list = this.state.choosing;
        const target = index + step;
        if (target < 0 || target >= list.length) {
            return;
        }
        [list[index], list[target]] = [list[target], list[index]];
    }

    async saveChoice(reset = false) {
        const codes = reset ? [] : this.state.choosing.filter((c) => c.shown).map((c) => c.code);
        const data = await this.orm.call("crm.customer.dashboard", "set_dashboard_indicators", [
            codes,
            this.state.filters,
        ]);
        this.state.choosing = null;
        this.show(data);
    }

    get asOf() {
        const asOf = this.state.data.live.as_of;
        return asOf ? formatDateTime(deserializeDateTime(asOf)) : "";
    }

    get liveDayLabel() {
        const live = this.state.data.live;
        return _t("day %(day)s of %(days)s", { day: live.day, days: live.days });
    }

    /** Why the records behind an indicator cannot be opened by this reader, if they can't. */
    deniedReason(code) {
        return this.state.data.denied[code] || false;
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
        // The server sends False for a missing figure (XML-RPC has no None).
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
            // from 50 % wide: the top tier's name ("Platinum") still reads whole
            const top = 50 + (50 * index) / n;
            const bottom = 50 + (50 * (index + 1)) / n;
            const inset = ((1 - top / bottom) * 100) / 2;
            return {
                ...tier,
                style: `width: ${bottom}%; clip-path: polygon(${inset}% 0, ${100 - inset}% 0, 100% 100%, 0 100%);`,
            };
        });
    }

    /** A tier's figure: the tier is the breakdown the KPI snapshots keep, its id as text. */
    openTier(indicator, tierId) {
        return this.openRecords(indicator, {
            month: this.state.filters.month,
            breakdown: `${tierId}`,
        });
    }

    async openRecords(indicator, options = {}) {
        if (this.deniedReason(indicator)) {
            return;
        }
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

    /** The sparkline's point click, unless the reader may not open the records. */
    pointOpener(indicator) {
        return this.deniedReason(indicator)
            ? undefined
            : (index) => this.openMonth(indicator, index);
    }

    openMonth(indicator, index, breakdown = false) {
        const month = this.state.data.months[index];
        return this.openRecords(indicator, { month: month.value, breakdown });
    }
}

registry.category("actions").add("crm_customer_dashboard", CustomerDashboard);
