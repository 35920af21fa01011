"""Invitation rules: who gets a feedback survey, when, automatically. A daily batched
cron sends them within the contact policy and notes on the rule whom it held back."""

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

INVITE_BATCH = 200
INVITE_TEMPLATE = "survey.mail_template_user_input_invite"
# Invoices dated in this many days before the rule's day still get their invitation when
# the cron missed a day.
CATCH_UP_DAYS = 6


class CrmFeedbackInvitationRule(models.Model):
    _name = "crm.feedback.invitation.rule"
    _description = "Feedback Invitation Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        domain="[('satisfaction_question_id', '!=', False)]",
        ondelete="cascade",
    )
    trigger = fields.Selection(
        [
            ("invoice", "Days after an invoice"),
            ("periodic", "Periodically to customers of some tiers"),
        ],
        required=True,
        default="invoice",
    )
    delay_days = fields.Integer(
        string="Days After",
        default=7,
        help="Invite this many days after the event: the invoice date, or the delivery or "
        "the closing of a complaint when those addons are installed.",
    )
    tier_ids = fields.Many2many(
        "crm.value.tier", string="Value Tiers", help="Customers of these tiers are invited."
    )
    interval_days = fields.Integer(
        string="At Most Once Every (Days)",
        default=90,
        help="A customer is not invited to the same survey again within this many days.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Sent by",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="The invitations are sent in this user's name, from their email address.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    last_run_date = fields.Date(readonly=True, copy=False)

    # ------------------------------------------------------------------ who is due

    def _due_partners(self):
        """The customers this rule should invite now, before the contact policy."""
        self.ensure_one()
        self.env.flush_all()
        # One `_due_<trigger>` method per trigger: an addon adding a trigger adds one.
        candidates = getattr(self, f"_due_{self.trigger}")()
        return candidates.filtered("email") - self._recently_invited(candidates)

    def _due_invoice(self):
        day = fields.Date.context_today(self) - relativedelta(days=self.delay_days)
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT commercial_partner_id
                  FROM account_move
                 WHERE move_type = 'out_invoice' AND state = 'posted'
                   AND company_id = %(company)s
                   AND invoice_date BETWEEN %(since)s AND %(day)s
                """,
                company=self.company_id.id,
                since=day - relativedelta(days=CATCH_UP_DAYS),
                day=day,
            )
        )
        return self.env["res.partner"].browse([row[0] for row in self.env.cr.fetchall()])

    def _due_periodic(self):
        if not self.tier_ids:
            return self.env["res.partner"]
        return (
            self.env["res.partner"]
            .with_company(self.company_id)
            .search(
                [
                    ("value_tier_id", "in", self.tier_ids.ids),
                    ("customer_scope", "=", "external"),
                    ("parent_id", "=", False),  # companies and private customers
                ]
            )
        )

    def _recently_invited(self, partners):
        since = fields.Datetime.now() - relativedelta(days=self.interval_days)
        # sudo: who was invited (survey answers are the survey officers'), reached by the
        # scheduled action and by Run Now, which only completes for a user who may write
        # the rule (sales managers of its company); only partners come out of it.
        groups = (
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [
                    ("survey_id", "=", self.survey_id.id),
                    ("partner_id", "in", partners.ids),
                    ("create_date", ">=", since),
                ],
                ["partner_id"],
            )
        )
        return self.env["res.partner"].union(*(partner for (partner,) in groups))

    # ------------------------------------------------------------------ sending

    def _send_invitations(self, partners):
        """Invite the partners, one wizard per language so that each reads the
        invitation in their own language."""
        self.ensure_one()
        template = self.env.ref(INVITE_TEMPLATE, raise_if_not_found=False)
        # sudo: sending as the rule's sender, reached as _recently_invited.
        invite_model = (
            self.env["survey.invite"]
            .with_user(self.user_id)
            .with_company(self.company_id)
            .sudo()
            .with_context(feedback_rule=self)
        )
        for lang, group in partners.grouped("lang").items():
            invite = invite_model.with_context(lang=lang or self.env.lang).create(
                {
                    "survey_id": self.survey_id.id,
                    "partner_ids": [fields.Command.set(group.ids)],
                    "template_id": template.id if template else False,
                    "existing_mode": "new",
                }
            )
            invite.action_invite()

    def _note_held_back(self, refusals):
        self.message_post(
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (
                self.env._("Not invited today, held back by the contact policy:"),
                self.env["res.partner"]._contact_policy_note_items(refusals),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _policy_refusals(self, partners):
        return partners._contact_policy_refusals(self.company_id)

    def _run_batch(self, limit):
        """Invite up to `limit` due customers; return (sent, still due)."""
        self.ensure_one()
        due = self._due_partners()
        refusals = self._policy_refusals(due)
        allowed = due.filtered(lambda p: p.id not in refusals)
        today = fields.Date.context_today(self)
        if refusals and self.last_run_date != today:
            self._note_held_back(refusals)
        self.last_run_date = today
        batch = allowed[:limit]
        if batch:
            self._send_invitations(batch)
        return len(batch), len(allowed) - len(batch)

    @api.model
    def _cron_send_feedback_invitations(self):
        """Daily: each active rule invites its due customers, a batch per call."""
        done = remaining = 0
        for rule in self.search([]):
            if done >= INVITE_BATCH:
                remaining += len(rule._due_partners())
                continue
            sent, left = rule._run_batch(INVITE_BATCH - done)
            done += sent
            remaining += left
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def action_run_now(self):
        for rule in self:
            rule._run_batch(INVITE_BATCH)
        return True
