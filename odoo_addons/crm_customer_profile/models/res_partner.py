from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .crm_satisfaction_entry import SATISFACTION_LEVELS, UNHAPPY_LEVELS

REVIEW_MONTHS_PARAM = "crm_customer_profile.review_months"
DEFAULT_REVIEW_MONTHS = 12
REVIEW_CAP_PARAM = "crm_customer_profile.review_max_open"
DEFAULT_REVIEW_CAP = 20
# Editing these by hand is itself a review of the profile.
PROFILE_FIELDS = ("customer_scope", "customer_style_id", "decision_basis_id", "satisfaction_level")
REVIEW_BATCH = 500
REVIEW_ACTIVITY_TYPE = "crm_customer_profile.mail_activity_type_profile_review"
# The profile is how the company sees a customer, for its employees: a portal customer may
# read their own partner (Odoo lets them), but not what the company thinks of them.
INTERNAL = "base.group_user"


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "crm.customer.profile.mixin"]

    # The mixin's fields, for employees only on the partner (portal users read partners).
    customer_style_id = fields.Many2one(groups=INTERNAL)
    decision_basis_id = fields.Many2one(groups=INTERNAL)
    treatment_advice = fields.Text(groups=INTERNAL)

    customer_scope = fields.Selection(
        [("internal", "Internal"), ("external", "External")],
        string="Internal / External",
        compute="_compute_customer_scope",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="Internal customers are the company's own staff: an unhappy internal customer "
        "cannot satisfy an external one. Computed from users and the company's own "
        "contacts; you may override it.",
        groups=INTERNAL,
    )
    satisfaction_entry_ids = fields.One2many(
        "crm.satisfaction.entry", "partner_id", string="Satisfaction History", groups=INTERNAL
    )
    satisfaction_level = fields.Selection(
        SATISFACTION_LEVELS,
        compute="_compute_satisfaction_level",
        inverse="_inverse_satisfaction_level",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="The latest entry of the satisfaction history. Setting it by hand records a "
        "manual entry.",
        groups=INTERNAL,
    )
    satisfaction_date = fields.Datetime(
        string="Satisfaction Recorded On",
        compute="_compute_satisfaction_level",
        store=True,
        groups=INTERNAL,
    )
    # The one rule for the unhappy-customer warning, wherever it shows (partner, lead, sale
    # order): the level of the commercial entity, so every contact of an angry company warns.
    commercial_satisfaction_level = fields.Selection(
        related="commercial_partner_id.satisfaction_level",
        string="Company Satisfaction",
        groups=INTERNAL,
    )
    satisfaction_warning = fields.Boolean(compute="_compute_satisfaction_warning", groups=INTERNAL)
    profile_reviewed_on = fields.Date(tracking=True, copy=False, groups=INTERNAL)
    profile_review_start = fields.Date(
        string="Review Clock Started",
        default=fields.Date.context_today,
        copy=False,
        help="Until its first review, a profile is due this many months after this date: "
        "its creation, or for customers that existed when the addon was installed, a day "
        "spread over the first review period.",
        groups=INTERNAL,
    )
    profile_reviewed_by_id = fields.Many2one("res.users", copy=False, groups=INTERNAL)
    profile_review_due = fields.Boolean(
        string="Profile to Review",
        compute="_compute_profile_review_due",
        search="_search_profile_review_due",
        groups=INTERNAL,
    )

    # ------------------------------------------------------------------ computes

    def _customer_scope_depends(self):
        depends = ["user_ids.share", "parent_id"]
        if "employee_ids" in self._fields:  # hr installed: employees' work contacts
            depends.append("employee_ids")
        return depends

    @api.depends(lambda self: self._customer_scope_depends())
    def _compute_customer_scope(self):
        company_partners = self.env["res.company"].sudo().search([]).partner_id
        for partner in self:
            partner.customer_scope = (
                "internal" if partner._is_own_staff(company_partners) else "external"
            )

    def _is_own_staff(self, company_partners):
        """Internal users, employees, the company itself and contacts filed under it."""
        self.ensure_one()
        if any(not user.share for user in self.sudo().user_ids):
            return True
        if "employee_ids" in self._fields and self.sudo().employee_ids:
            return True
        return bool({self._origin.id, self.parent_id.id} & set(company_partners.ids))

    def _recompute_customer_scope(self):
        """Recompute the scope of these partners and their contacts now (a company was
        created or moved to another partner)."""
        partners = (self | self.child_ids).sudo()
        self.env.add_to_compute(self._fields["customer_scope"], partners)
        partners._recompute_recordset(["customer_scope"])

    @api.depends("satisfaction_entry_ids.level", "satisfaction_entry_ids.date")
    def _compute_satisfaction_level(self):
        for partner in self:
            latest = partner._latest_satisfaction_entry()
            partner.satisfaction_level = latest.level
            partner.satisfaction_date = latest.date

    def _latest_satisfaction_entry(self):
        entries = self.satisfaction_entry_ids
        if not entries:
            return self.env["crm.satisfaction.entry"]
        return max(entries, key=lambda entry: (entry.date, entry._origin.id or 0))

    def _inverse_satisfaction_level(self):
        for partner in self:
            if partner.satisfaction_level != partner._latest_satisfaction_entry().level:
                entry = partner.record_satisfaction(partner.satisfaction_level, source="manual")
                # Both fields share one compute, which Odoo does not rerun for the field
                # being inverted: the date of the new entry must be set here.
                partner.satisfaction_date = entry.date

    @api.depends("commercial_partner_id.satisfaction_level")
    def _compute_satisfaction_warning(self):
        for partner in self:
            partner.satisfaction_warning = (
                partner.commercial_partner_id.satisfaction_level in UNHAPPY_LEVELS
            )

    def _profile_review_cutoff(self):
        months = self.env["ir.config_parameter"].sudo().get_param(REVIEW_MONTHS_PARAM)
        months = int(months or DEFAULT_REVIEW_MONTHS)
        return fields.Date.context_today(self) - relativedelta(months=months)

    @api.depends("profile_reviewed_on", "profile_review_start")
    def _compute_profile_review_due(self):
        cutoff = self._profile_review_cutoff()
        for partner in self:
            since = partner.profile_reviewed_on or partner.profile_review_start
            partner.profile_review_due = bool(since) and since < cutoff

    def _search_profile_review_due(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on 'Profile to Review'."))
        cutoff = self._profile_review_cutoff()
        due = [
            "|",
            ("profile_reviewed_on", "<", cutoff),
            "&",
            ("profile_reviewed_on", "=", False),
            ("profile_review_start", "<", cutoff),
        ]
        wants_due = (operator == "=") == bool(value)
        return due if wants_due else ["!", *due]

    # ------------------------------------------------------------------ CRUD

    def write(self, vals):
        if any(name in vals for name in PROFILE_FIELDS) and "profile_reviewed_on" not in vals:
            vals = dict(vals, **self._review_stamp())
        return super().write(vals)

    def _review_stamp(self):
        return {
            "profile_reviewed_on": fields.Date.context_today(self),
            "profile_reviewed_by_id": self.env.user.id,
        }

    # ------------------------------------------------------------------ public API

    def record_satisfaction(self, level, source="other", note=False, date=False, company=None):
        """Add one satisfaction entry per partner; other addons (surveys, complaints) call
        this. The partner's current level follows the newest entry.

        The entry belongs to ``company`` when given: the company of the document that tells
        (a complaint of company B is company B's, whichever company is current); else to the
        partner's company, else to the current company."""
        values = [
            {
                "partner_id": partner.id,
                "level": level,
                "source": source,
                "note": note,
                "date": date or fields.Datetime.now(),
                "company_id": (company or partner.company_id or self.env.company).id,
            }
            for partner in self
        ]
        return self.env["crm.satisfaction.entry"].create(values)

    def action_mark_profile_reviewed(self):
        self.write(self._review_stamp())
        self.activity_feedback([REVIEW_ACTIVITY_TYPE])
        return True

    # ------------------------------------------------------------------ review clock

    @api.model
    def _start_profile_review_clock(self):
        """At install: the clock of every profile not reviewed yet starts today, but
        spread over the review period (by id, scattered by a prime so that neighbours
        fall apart), so that reviews fall due a few a day over the first period instead
        of all at once. Nothing is due on day one. In bigint: id * 7919 passes
        PostgreSQL's integer from id 271,181 on, which real companies' contacts reach."""
        today = fields.Date.context_today(self)
        period_days = max((today - self._profile_review_cutoff()).days, 1)
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner
                   SET profile_review_start =
                       %(today)s::date - MOD(id::bigint * 7919, %(days)s)::int
                 WHERE profile_reviewed_on IS NULL
                """,
                today=today,
                days=period_days,
            )
        )
        self.invalidate_model(["profile_review_start"])

    # ------------------------------------------------------------------ cron

    @api.model
    def _cron_request_profile_reviews(self):
        """Ask salespeople to review their stale profiles, a batch per call (Odoo 18's
        batched cron: Odoo commits and calls again while work remains). A salesperson
        never has more than the configured number of open review activities."""
        review_type = self.env.ref(REVIEW_ACTIVITY_TYPE)
        partners = self.browse(self._profile_reviews_to_request(review_type, REVIEW_BATCH))
        self.env["mail.activity"].create(partners._profile_review_activity_values(review_type))
        remaining = len(self._profile_reviews_to_request(review_type)) if partners else 0
        self.env["ir.cron"]._notify_progress(done=len(partners), remaining=remaining)

    def _profile_reviews_to_request(self, review_type, limit=None):
        """Ids of due profiles to ask for, most overdue first within each salesperson's
        room (the cap minus their open review activities). Set-based: one query."""
        cap = int(
            self.env["ir.config_parameter"].sudo().get_param(REVIEW_CAP_PARAM) or DEFAULT_REVIEW_CAP
        )
        self.env.flush_all()
        due = self._search(self._profile_review_domain(review_type))
        self.env.cr.execute(
            SQL(
                """
                WITH open AS (
                    SELECT user_id, COUNT(*) AS count
                      FROM mail_activity
                     WHERE res_model = 'res.partner' AND activity_type_id = %(type_id)s
                  GROUP BY user_id
                ), ranked AS (
                    SELECT p.id, p.user_id,
                           ROW_NUMBER() OVER (
                               PARTITION BY p.user_id
                               ORDER BY COALESCE(p.profile_reviewed_on, p.profile_review_start),
                                        p.id) AS position
                      FROM res_partner p
                     WHERE p.id IN %(due)s
                )
                SELECT r.id
                  FROM ranked r
             LEFT JOIN open o ON o.user_id = r.user_id
                 WHERE r.position <= %(cap)s - COALESCE(o.count, 0)
              ORDER BY r.id
                 LIMIT %(limit)s
                """,
                type_id=review_type.id,
                due=due.subselect(),
                cap=cap,
                limit=limit,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _profile_review_domain(self, review_type):
        already_asked = (
            self.env["mail.activity"]
            .sudo()
            ._search([("res_model", "=", "res.partner"), ("activity_type_id", "=", review_type.id)])
        )
        return [
            ("profile_review_due", "=", True),
            ("user_id", "!=", False),
            ("customer_scope", "=", "external"),
            ("id", "not in", already_asked.subselect("res_id")),
        ]

    def _profile_review_activity_values(self, review_type):
        model_id = self.env["ir.model"]._get_id("res.partner")
        deadline = fields.Date.context_today(self) + relativedelta(days=review_type.delay_count)
        return [
            {
                "res_model_id": model_id,
                "res_id": partner.id,
                "activity_type_id": review_type.id,
                "automated": True,  # so that marking the profile reviewed closes it
                "user_id": partner.user_id.id,
                "date_deadline": deadline,
            }
            for partner in self
        ]
