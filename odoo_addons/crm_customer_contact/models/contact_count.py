"""Outgoing contacts per customer and month, counted set-based from what Odoo already
keeps: message notifications (emails and SMS), mailing traces and logged calls and
meetings. Other addons add their own kinds of contact through `_contact_count_parts`."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

REMINDER_SUBTYPE = "crm_customer_contact.mt_customer_reminder"


class ResPartner(models.Model):
    _inherit = "res.partner"

    contact_count_month = fields.Integer(
        string="Contacts this Month",
        compute="_compute_contact_count_month",
        help="Emails, SMS, mailings, survey invitations, calls and meetings to this customer "
        "since the first of the month.",
    )
    contact_promotional_count_month = fields.Integer(
        string="Promotional Contacts this Month",
        compute="_compute_contact_count_month",
        help="The contacts the contact policy limits: mailings, reminders and survey invitations.",
    )

    def _compute_contact_count_month(self):
        counts = self._contact_counts()
        for partner in self:
            partner.contact_count_month, partner.contact_promotional_count_month = counts.get(
                partner._origin.id, (0, 0)
            )

    @api.model
    def _contact_month_bounds(self, when=None):
        start = (when or fields.Datetime.now()).replace(
            day=1, hour=0, minute=0, second=0, microsecond=0
        )
        return start, start + relativedelta(months=1)

    def _contact_counts(self, when=None):
        """{partner id: (all contacts, promotional contacts)} in the month of `when`, for
        every partner of self, in one query."""
        ids = [pid for pid in self._origin.ids if pid]
        if not ids:
            return {}
        start, end = self._contact_month_bounds(when)
        self.env.flush_all()
        parts = self._contact_count_parts(ids, start, end)
        self.env.cr.execute(
            SQL(
                """
                SELECT partner_id, COUNT(*), COUNT(*) FILTER (WHERE promotional)
                  FROM (%s) AS contact
              GROUP BY partner_id
                """,
                SQL(" UNION ALL ").join(parts),
            )
        )
        return {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}

    def _contact_count_parts(self, ids, start, end):
        """SQL parts, each selecting (partner_id, promotional) for one kind of contact."""
        return [
            self._contact_count_notifications(ids, start, end),
            self._contact_count_mailings(ids, start, end),
            self._contact_count_meetings(ids, start, end),
        ]

    def _contact_count_notifications(self, ids, start, end):
        # Emails and SMS Odoo sent to the customer from a document's chatter (templates,
        # replies, reminders); reminders are promotional.
        reminder = self.env["ir.model.data"]._xmlid_to_res_id(REMINDER_SUBTYPE) or 0
        return SQL(
            """
            SELECT n.res_partner_id AS partner_id, m.subtype_id = %(reminder)s AS promotional
              FROM mail_notification n
              JOIN mail_message m ON m.id = n.mail_message_id
             WHERE n.notification_type IN ('email', 'sms')
               AND n.notification_status NOT IN ('exception', 'bounce', 'canceled')
               AND n.res_partner_id = ANY(%(ids)s)
               AND m.author_id IS DISTINCT FROM n.res_partner_id
               AND m.date >= %(start)s AND m.date < %(end)s
            """,
            reminder=reminder,
            ids=ids,
            start=start,
            end=end,
        )

    def _contact_count_mailings(self, ids, start, end):
        # A mailing reaches a partner directly or through a mailing-list contact with the
        # same email; cancelled traces (blacklisted, duplicates) reached nobody. Two
        # branches rather than one OR-join, so that each uses its own equality.
        return SQL(
            """
            SELECT t.res_id AS partner_id, TRUE AS promotional
              FROM mailing_trace t
             WHERE t.model = 'res.partner' AND t.res_id = ANY(%(ids)s)
               AND t.trace_status != 'cancel'
               AND t.create_date >= %(start)s AND t.create_date < %(end)s
             UNION ALL
            SELECT p.id AS partner_id, TRUE AS promotional
              FROM mailing_trace t
              JOIN res_partner p ON p.email_normalized = t.email
             WHERE t.model != 'res.partner' AND p.id = ANY(%(ids)s)
               AND t.trace_status != 'cancel'
               AND t.create_date >= %(start)s AND t.create_date < %(end)s
            """,
            ids=ids,
            start=start,
            end=end,
        )

    def _contact_count_meetings(self, ids, start, end):
        # Done calls and meetings leave a message with their activity type, on the
        # partner or on a lead of the partner.
        types = self._contact_activity_types()
        return SQL(
            """
            SELECT COALESCE(l.partner_id, m.res_id) AS partner_id, FALSE AS promotional
              FROM mail_message m
         LEFT JOIN crm_lead l ON m.model = 'crm.lead' AND l.id = m.res_id
             WHERE m.mail_activity_type_id = ANY(%(types)s)
               AND m.model IN ('res.partner', 'crm.lead')
               AND COALESCE(l.partner_id, CASE WHEN m.model = 'res.partner' THEN m.res_id END)
                   = ANY(%(ids)s)
               AND m.date >= %(start)s AND m.date < %(end)s
            """,
            types=types,
            ids=ids,
            start=start,
            end=end,
        )

    @api.model
    def _contact_activity_types(self):
        types = self.env["mail.activity.type"].sudo().search([("category", "=", "phonecall")])
        meeting = self.env.ref("mail.mail_activity_data_meeting", raise_if_not_found=False)
        return (types | (meeting or types.browse())).ids or [0]
