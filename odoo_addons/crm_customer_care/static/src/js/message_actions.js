import { messageActionsRegistry } from "@mail/core/common/message_actions";
import { _t } from "@web/core/l10n/translation";

// A customer's email in any chatter (a synced or received mail, a logged call) becomes a
// complaint in one click; the server keeps the message and its attachments.
messageActionsRegistry.add("crm-complaint", {
    condition: (component) => {
        const thread = component.props.thread;
        const message = component.props.message;
        return (
            component.store.self.isInternalUser &&
            thread &&
            thread.model !== "discuss.channel" &&
            thread.model !== "crm.complaint" &&
            ["email", "comment"].includes(message.message_type)
        );
    },
    icon: "fa fa-bullhorn",
    title: _t("Turn into Complaint"),
    onClick: (component) =>
        component.env.services.action.doAction("crm_customer_care.crm_complaint_from_message_action", {
            additionalContext: { default_message_id: component.props.message.id },
        }),
    sequence: 95,
    dropdown: true,
});
