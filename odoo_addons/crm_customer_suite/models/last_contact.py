"""When we last spoke with a customer, and how: the newest of the emails and SMS sent to
them, the messages they wrote, and the calls and meetings logged on them or their leads
(the same kinds of contact crm_customer_contact counts)."""

from odoo import fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _glance_last_contact(self):
        """{date, means} of the newest contact with this customer or its contacts.

        Read without record rules: only the date and the kind of contact leave this
        method, never a message, so a seller learns when the customer was last reached
        even if it was on a colleague's lead."""
        self.ensure_one()
        ids = self.sudo().search([("id", "child_of", self.id)]).ids
        types = self._contact_activity_types()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT date, kind, activity_type_id FROM (
                    SELECT m.date, n.notification_type AS kind, NULL::int AS activity_type_id
                      FROM mail_notification n
                      JOIN mail_message m ON m.id = n.mail_message_id
                     WHERE n.notification_type IN ('email', 'sms')
                       AND n.notification_status NOT IN ('exception', 'bounce', 'canceled')
                       AND n.res_partner_id = ANY(%(ids)s)
                       AND m.author_id IS DISTINCT FROM n.res_partner_id
                     UNION ALL
                    SELECT m.date, 'received', NULL
                      FROM mail_message m
                     WHERE m.author_id = ANY(%(ids)s) AND m.message_type IN ('email', 'comment')
                     UNION ALL
                    SELECT m.date, 'activity', m.mail_activity_type_id
                      FROM mail_message m
                 LEFT JOIN crm_lead l ON m.model = 'crm.lead' AND l.id = m.res_id
                     WHERE m.mail_activity_type_id = ANY(%(types)s)
                       AND m.model IN ('res.partner', 'crm.lead')
                       AND COALESCE(l.partner_id,
                                    CASE WHEN m.model = 'res.partner' THEN m.res_id END)
                           = ANY(%(ids)s)
                ) AS contact
              ORDER BY date DESC
                 LIMIT 1
                """,
                ids=ids,
                types=types,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            return False
        date, kind, activity_type_id = row
        means = self._glance_contact_means(kind, activity_type_id)
        return {"date": fields.Datetime.to_string(date), "means": means}

    def _glance_contact_means(self, kind, activity_type_id):
        if kind == "activity":
            return self.env["mail.activity.type"].sudo().browse(activity_type_id).name
        labels = {
            "email": self.env._("Email"),
            "sms": self.env._("SMS"),
            "received": self.env._("Message from the customer"),
        }
        return labels[kind]
