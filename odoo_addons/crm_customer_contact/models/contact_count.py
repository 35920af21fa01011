"""Outgoing contacts per customer and month, counted set-based from what Odoo already
keeps: message notifications (emails and SMS), the composer's mass mails
(crm.customer.contact.mail), mailing traces and logged calls and meetings. Other addons
add their own kinds of contact through `_contact_count_parts`."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

REMINDER_SUBTYPE = "crm_customer_contact.mt_customer_reminder"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # How often the company contacted the customer: internal figures (a portal user reads
    # their own partner), internal users only.
    contact_count_month = fields.Integer(
        string="Contacts this Month",
        compute="_compute_contact_count_month",
        groups="base.group_user",
        help="Emails, SMS, mailings, survey invitations, calls and meetings to this customer "
        "since the first of the month; on a company, to the company and all its contacts.",
    )
    contact_promotional_count_month = fields.Integer(
        string="Promotional Contacts this Month",
        compute="_compute_contact_count_month",
        groups="base.group_user",
        help="The contacts the contact policy limits: mailings, reminders, survey invitations "
        "and emails marked promotional.",
    )
    # The policy limits the customer company, not each of its people: a contact of a
    # company also shows what the whole company received.
    company_contact_count_month = fields.Integer(
        string="Company Contacts this Month",
        compute="_compute_contact_count_month",
        groups="base.group_user",
        help="Contacts this month to the customer company and all its contacts.",
    )
    company_contact_promotional_count_month = fields.Integer(
        string="Company Promotional Contacts this Month",
        compute="_compute_contact_count_month",
        groups="base.group_user",
        help="Promotional contacts this month to the customer company and all its contacts: "
        "the count the contact policy limits.",
    )

    def _compute_contact_count_month(self):
        own = self._contact_counts()
        by_company = self._contact_counts_by_company()
        for partner in self:
            commercial_id = partner.commercial_partner_id._origin.id or partner._origin.id
            company_counts = by_company.get(commercial_id, (0, 0))
            partner.company_contact_count_month = company_counts[0]
            partner.company_contact_promotional_count_month = company_counts[1]
            if partner._origin.id == commercial_id:
                counts = company_counts
            else:
                counts = own.get(partner._origin.id, (0, 0))
            partner.contact_count_month, partner.contact_promotional_count_month = counts

    @api.model
    def _contact_month_bounds(self, when=None):
        start = (when or fields.Datetime.now()).replace(
            day=1, hour=0, minute=0, second=0, microsecond=0
        )
        return start, start + relativedelta(months=1)

    def _contact_counts(self, when=None):
        """{partner id: (all contacts, promotional contacts)} in the month of `when`, for
        every partner of self on its own, in one query."""
        ids = [pid for pid in self._origin.ids if pid]
        return self._contact_count_query(ids, when, SQL("contact.partner_id"))

    def _contact_counts_by_company(self, when=None):
        """{commercial partner id: (all contacts, promotional contacts)} in the month of
        `when`: the customer company with all its contacts (the policy's unit), for the
        customer companies of self, in one query."""
        commercial_ids = [pid for pid in self._origin.commercial_partner_id.ids if pid]
        if not commercial_ids:
            return {}
        members = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            ._search([("commercial_partner_id", "in", commercial_ids)])
        )
        return self._contact_count_query(list(members), when, SQL("member.commercial_partner_id"))

    def _contact_count_query(self, ids, when, group_by):
        if not ids:
            return {}
        start, end = self._contact_month_bounds(when)
        self.env.flush_all()
        parts = self._contact_count_parts(ids, start, end)
        self.env.cr.execute(
            SQL(
                """
                SELECT %(group_by)s, COUNT(*), COUNT(*) FILTER (WHERE contact.promotional)
                  FROM (%(parts)s) AS contact
                  JOIN res_partner member ON member.id = contact.partner_id
              GROUP BY %(group_by)s
                """,
                group_by=group_by,
                parts=SQL(" UNION ALL ").join(parts),
            )
        )
        return {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}

    def _contact_count_parts(self, ids, start, end):
        """SQL parts, each selecting (partner_id, promotional) for one kind of contact."""
        return [
            self._contact_count_notifications(ids, start, end),
            self._contact_count_mass_mails(ids, start, end),
            self._contact_count_mailings(ids, start, end),
            self._contact_count_meetings(ids, start, end),
        ]

    def _contact_count_notifications(self, ids, start, end):
        # Emails and SMS Odoo sent to the customer from a document's chatter (templates,
        # replies, reminders); reminders and messages the sender marked promotional (or
        # sent with a promotional template) are promotional.
        reminder = self.env["ir.model.data"]._xmlid_to_res_id(REMINDER_SUBTYPE) or 0
        return SQL(
            """
            SELECT n.res_partner_id AS partner_id,
                   (m.subtype_id = %(reminder)s OR COALESCE(m.contact_promotional, FALSE))
                       AS promotional
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

    def _contact_count_mass_mails(self, ids, start, end):
        # Emails of the composer's mass-mail mode: no notification, so a row per mail and
        # recipient (contact_mass_mail.py), promotional by the same mark as above.
        return SQL(
            """
            SELECT c.partner_id, COALESCE(c.promotional, FALSE) AS promotional
              FROM crm_customer_contact_mail c
         LEFT JOIN mail_mail mm ON mm.id = c.mail_id
             WHERE c.partner_id = ANY(%(ids)s)
               AND c.date >= %(start)s AND c.date < %(end)s
               AND %(counted)s
            """,
            counted=self._contact_mass_mail_counted(),
            ids=ids,
            start=start,
            end=end,
        )

    @api.model
    def _contact_mass_mail_counted(self):
        """Which mass-mail rows count as a contact, as an SQL condition on ``c``
        (crm_customer_contact_mail) and ``mm`` (its mail_mail, LEFT JOINed on c.mail_id):
        not those that failed or were cancelled (they reached nobody), and never one a
        notification of the same message counts already for that partner. Shared with
        the KPIs (crm_customer_kpi), so that both count the same emails."""
        return SQL(
            """c.failed IS NOT TRUE
               AND (mm.state IS NULL OR mm.state NOT IN ('exception', 'cancel'))
               AND NOT EXISTS (
                   SELECT 1 FROM mail_notification n
                    WHERE n.mail_message_id = c.message_id
                      AND n.res_partner_id = c.partner_id
                      AND n.notification_type IN ('email', 'sms'))"""
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
