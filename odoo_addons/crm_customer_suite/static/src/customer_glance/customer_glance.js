/** @odoo-module **/
import { Component, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useRecordObserver } from "@web/model/relational_model/utils";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";
import { daysFromToday, formatDay, formatMoment, relativeDay } from "./glance_dates";

/**
 * The customer at a glance, at the top of the partner, lead and sale order forms: one
 * call to res.partner.get_customer_glance (which reads with the user's rights) for the
 * record's customer, again whenever the customer of the record changes.
 */
export class CustomerGlance extends Component {
    static template = "crm_customer_suite.CustomerGlance";
    static props = { ...standardWidgetProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ glance: null });
        this.loadedId = undefined;
        useRecordObserver((record) => this.load(record));
    }

    partnerId(record) {
        if (record.resModel === "res.partner") {
            return record.resId || false;
        }
        const partner = record.data.partner_id;
        return (partner && partner[0]) || false;
    }

    async load(record) {
        const partnerId = this.partnerId(record);
        if (partnerId === this.loadedId) {
            return;
        }
        this.loadedId = partnerId;
        const glance = partnerId
            ? await this.orm.call("res.partner", "get_customer_glance", [partnerId])
            : null;
        if (partnerId === this.loadedId) {
            this.state.glance = glance && glance.partner_id ? glance : null;
        }
    }

    formatDay(value) {
        return formatDay(value);
    }

    formatMoment(value) {
        return formatMoment(value);
    }

    /** "in 2 days", "today"... to the agreed day of the next contact. */
    nextContactWhen(value) {
        return relativeDay(daysFromToday(value));
    }

    /** "oldest opened 6 days ago", one phrase. */
    oldestComplaint(days) {
        return _t("oldest opened %(when)s", { when: relativeDay(-days) });
    }

    formatPercent(value) {
        // Whole percentages as 5%, others with their decimals: never "5.00%". Wrapped in
        // left-to-right isolates as well as its <bdi>: right after a Persian word, Chromium
        // was seen drawing "%5" when the element's own isolation did not take.
        return `\u2066${Number(value.toFixed(2))}%\u2069`;
    }

    async openComplaints() {
        const action = await this.orm.call("res.partner", "action_view_open_complaints", [
            [this.state.glance.partner_id],
        ]);
        this.action.doAction(action);
    }
}

registry.category("view_widgets").add("crm_customer_glance", {
    component: CustomerGlance,
});
