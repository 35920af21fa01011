"""Indicator 6 of seed 003: contacts with customers per month. Emails received from the
customer and sent to them (the synced mailbox's included: they are email messages too),
and calls and meetings done, on the customer or on their opportunities, orders and
complaints; in total and per customer contacted. The emails of the composer's mass-mail
mode count by the rows crm_customer_contact keeps of them (crm.customer.contact.mail), as
the contact policy counts them: one per mail and recipient, never when failed or
cancelled, and never a second time through the copy kept on the record."""

from odoo import api, models
from odoo.tools import SQL

CUSTOMER_MODELS = ("res.partner", "crm.lead", "sale.order", "crm.complaint")


class CrmKpiSnapshot(models.Model):
    _inherit = "crm.kpi.snapshot"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _kpi_contact_source(self, ctx):
        """Every contact (company_id, team_id, at, customer_id, message_id, kind): the
        messages on customer records, and the composer's mass mails."""
        return SQL(
            "%s UNION ALL %s",
            self._kpi_contact_messages(ctx),
            self._kpi_contact_mass_mails(ctx),
        )

    @api.model
    def _kpi_email_failed(self):
        """Whether the email of the message `m` to the customer's contact `p0` reached
        nobody: one definition of "an email that was not sent", for every outgoing kind
        (an email written to them, a chatter message sent to them by email): its mail
        failed or was cancelled (blacklisted, no address), or the notification of `p0`
        by email bounced, failed or was cancelled."""
        return SQL(
            """(EXISTS (SELECT 1 FROM mail_mail mm
                         WHERE mm.mail_message_id = m.id AND mm.state IN ('exception', 'cancel'))
                OR EXISTS (SELECT 1 FROM mail_notification nf
                            WHERE nf.mail_message_id = m.id AND nf.res_partner_id = p0.id
                              AND nf.notification_type = 'email'
                              AND nf.notification_status IN ('bounce', 'exception', 'canceled')))"""
        )

    @api.model
    def _kpi_contact_messages(self, ctx):
        types = self.env["res.partner"]._contact_activity_types()
        # kind: 'in' an email from the customer's side, 'out' an email from us (logged as
        # an email, or a chatter message sent to the customer by email), 'call' a call or
        # meeting done (its activity type stays on the message). An outgoing email is
        # left to the mass-mail part when it is a mass mail's (the copy kept on the record,
        # or the mail's own message while it waits), and never counts when it failed
        # (_kpi_email_failed): it reached nobody.
        call = SQL("m.mail_activity_type_id = ANY(%s)", types)
        received = SQL(
            """m.message_type IN ('email', 'email_outgoing')
               AND NOT EXISTS (SELECT 1 FROM res_users u
                                WHERE u.partner_id = m.author_id AND NOT u.share)"""
        )
        return SQL(
            """
            SELECT COALESCE(l.company_id, so.company_id, c.company_id, cust.company_id,
                            su.company_id, %(default)s) AS company_id,
                   su.sale_team_id AS team_id, m.date AS at, cust.id AS customer_id,
                   m.id AS message_id,
                   CASE WHEN %(call)s THEN 'call' WHEN %(received)s THEN 'in'
                        ELSE 'out' END AS kind
              FROM mail_message m
         LEFT JOIN crm_lead l ON m.model = 'crm.lead' AND l.id = m.res_id
         LEFT JOIN sale_order so ON m.model = 'sale.order' AND so.id = m.res_id
         LEFT JOIN crm_complaint c ON m.model = 'crm.complaint' AND c.id = m.res_id
              JOIN res_partner p0 ON p0.id = CASE m.model
                       WHEN 'res.partner' THEN m.res_id WHEN 'crm.lead' THEN l.partner_id
                       WHEN 'sale.order' THEN so.partner_id
                       WHEN 'crm.complaint' THEN c.partner_id END
              JOIN res_partner cust ON cust.id = p0.commercial_partner_id
         LEFT JOIN res_users su ON su.id = cust.user_id
             WHERE m.model IN %(models)s AND m.date >= %(lo)s AND m.date < %(hi)s
               AND (%(call)s
                    OR m.message_type IN ('email', 'email_outgoing')
                    OR (m.message_type = 'comment' AND EXISTS (
                        SELECT 1 FROM mail_notification n
                         WHERE n.mail_message_id = m.id AND n.notification_type = 'email'
                           AND n.res_partner_id = p0.id)))
               AND (m.message_type != 'email_outgoing'
                    OR NOT EXISTS (SELECT 1 FROM crm_customer_contact_mail cm
                                    WHERE cm.message_id = m.id))
               AND (%(call)s OR %(received)s OR NOT %(failed)s)
            """,
            default=ctx["default_company"],
            call=call,
            received=received,
            failed=self._kpi_email_failed(),
            models=CUSTOMER_MODELS,
            lo=ctx["at_lo"],
            hi=ctx["at_hi"],
        )

    @api.model
    def _kpi_contact_mass_mails(self, ctx):
        # The composer's mass mails (crm.customer.contact.mail: a row per mail and
        # recipient, kept when Odoo deletes the mail and its message), counted as the
        # contact policy counts them (res.partner._contact_count_mass_mails: not failed or
        # cancelled, not when a notification of the message counts for that partner
        # already): an email sent, to the recipient's customer (commercial partner), in
        # the month of the email. Company and team as for the messages above: the company
        # of the document the email is on while its message is kept (a lead, an order, a
        # complaint), else the customer's, else its salesperson's; the team of the
        # customer's salesperson.
        return SQL(
            """
            SELECT COALESCE(l.company_id, so.company_id, cp.company_id, cust.company_id,
                            su.company_id, %(default)s) AS company_id,
                   su.sale_team_id AS team_id, c.date AS at, cust.id AS customer_id,
                   c.message_id AS message_id, 'out' AS kind
              FROM crm_customer_contact_mail c
         LEFT JOIN mail_mail mm ON mm.id = c.mail_id
         LEFT JOIN mail_message m ON m.id = c.message_id
         LEFT JOIN crm_lead l ON m.model = 'crm.lead' AND l.id = m.res_id
         LEFT JOIN sale_order so ON m.model = 'sale.order' AND so.id = m.res_id
         LEFT JOIN crm_complaint cp ON m.model = 'crm.complaint' AND cp.id = m.res_id
              JOIN res_partner p0 ON p0.id = c.partner_id
              JOIN res_partner cust ON cust.id = p0.commercial_partner_id
         LEFT JOIN res_users su ON su.id = cust.user_id
             WHERE c.date >= %(lo)s AND c.date < %(hi)s
               AND %(counted)s
            """,
            counted=self.env["res.partner"]._contact_mass_mail_counted(),
            default=ctx["default_company"],
            lo=ctx["at_lo"],
            hi=ctx["at_hi"],
        )

    @api.model
    def _kpi_contact_message_ids(self, company, bounds, team_id, kinds):
        """The messages counted as contacts of `kinds` for one company's month (and team;
        `bounds` as _kpi_bounds): the same selection as the figures, for the drill-down
        list. A mass mail counted lists the email it left on the record (Keep Message
        Copy, or while it waits to go out); one whose message Odoo deleted has no message
        to list."""
        # sudo: the first company's id only (where records of no company count, as in
        # _kpi_context), reached from action_open_records past its doors (a sales
        # manager of `company`).
        first = self.env["res.company"].sudo().search([], order="id", limit=1)
        ctx = {"at_lo": bounds["at_from"], "at_hi": bounds["at_to"], "default_company": first.id}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT s.message_id FROM (%s) s
                    WHERE s.company_id = %s AND s.kind IN %s AND %s
                      AND s.message_id IS NOT NULL""",
                self._kpi_contact_source(ctx),
                company.id,
                tuple(kinds),
                SQL("s.team_id = %s", team_id) if team_id else SQL("TRUE"),
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _kpi_compute_contacts(self, ctx):
        figures = {}
        for company, month, team, _bd, total, customers, in_, out, calls in self._kpi_grouped(
            ctx,
            self._kpi_contact_source(ctx),
            [
                SQL("COUNT(*)"),
                SQL("COUNT(DISTINCT b.customer_id)"),
                SQL("COUNT(*) FILTER (WHERE b.kind = 'in')"),
                SQL("COUNT(*) FILTER (WHERE b.kind = 'out')"),
                SQL("COUNT(*) FILTER (WHERE b.kind = 'call')"),
            ],
        ):
            figures[company, month, team, "contacts_total", False] = (float(total), 0, 0)
            figures[company, month, team, "emails_in", False] = (float(in_), 0, 0)
            figures[company, month, team, "emails_out", False] = (float(out), 0, 0)
            figures[company, month, team, "calls_meetings", False] = (float(calls), 0, 0)
            if customers:
                figures[company, month, team, "contacts_per_customer", False] = (
                    total / customers,
                    float(total),
                    float(customers),
                )
        return figures
