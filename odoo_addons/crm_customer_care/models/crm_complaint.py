from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

from odoo.addons.crm_customer_profile.tools.outside_text import strip_bidi_controls

from .complaint_selections import (
    COMPLAINT_CATEGORIES,
    COMPLAINT_CHANNELS,
    COMPLAINT_PRIORITIES,
    HIGH_PRIORITY,
)

SALES = "sales_team.group_sale_salesman"
# Fields for employees only: a customer reads their complaint in the portal, and over
# JSON-RPC, no more than their portal page shows (controllers/portal.py).
INTERNAL = "base.group_user"
# Dates before this are typing mistakes; the reports cannot even show year one.
EARLIEST_DATE_OPEN = datetime(2000, 1, 1)
# A complaint is registered now or earlier; a clock a little ahead is forgiven.
CLOCK_SKEW = timedelta(days=1)
# Texts from outside (portal form, mail) where a reversed display could mislead.
OUTSIDE_TEXT_FIELDS = ("name", "subject", "email_from", "email_cc")


class CrmComplaint(models.Model):
    """A customer's complaint, from the first word to the follow-up call (seeds 000, 003).

    This file holds what a complaint is and how it moves through its stages; the service
    promise, compensation, follow-up and mail gateway live in files of their own.
    """

    _name = "crm.complaint"
    _description = "Customer Complaint"
    _inherit = ["portal.mixin", "mail.thread.cc", "mail.activity.mixin"]
    _order = "priority desc, date_open desc, id desc"
    _rec_names_search = ["name", "subject", "partner_id.name"]
    _primary_email = "email_from"
    _check_company_auto = True
    # As on Odoo's own portal documents (orders, invoices): who may read a complaint may
    # answer on it, so a customer answers on their commercial entity's complaints (record
    # rule) or with its access token, and nowhere else; employees' notes stay internal.
    _mail_post_access = "read"

    # Always the sequence's: a number chosen by whoever creates the complaint (a mail's
    # subject, an import) could repeat another complaint's.
    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    subject = fields.Char(required=True, tracking=True)
    description = fields.Html(help="What the customer told us, in their words.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Contact", tracking=True, index=True, help="Who complained."
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Customer",
        store=True,
        index=True,
    )
    email_from = fields.Char(
        string="Email", compute="_compute_email_from", store=True, readonly=False
    )
    partner_phone = fields.Char(related="partner_id.phone", string="Phone")
    channel = fields.Selection(COMPLAINT_CHANNELS, required=True, default="phone", tracking=True)
    category = fields.Selection(
        COMPLAINT_CATEGORIES, required=True, default="product", tracking=True
    )
    priority = fields.Selection(
        COMPLAINT_PRIORITIES,
        compute="_compute_priority",
        store=True,
        readonly=False,
        tracking=True,
        help="An angry or dissatisfied customer's complaint starts as high priority.",
        # Not for employees only: complaints are ordered by it, also the customer's list.
    )
    user_id = fields.Many2one(
        "res.users",
        string="Handled by",
        default=lambda self: self._default_user(),
        domain=[("share", "=", False)],
        tracking=True,
        index=True,
    )
    team_id = fields.Many2one(
        "crm.complaint.team",
        default=lambda self: self.env["crm.complaint.team"]._default_team(),
        tracking=True,
        index=True,
        check_company=True,
        groups=INTERNAL,
    )
    stage_id = fields.Many2one(
        "crm.complaint.stage",
        default=lambda self: self._default_stage(),
        group_expand="_read_group_stage_ids",
        tracking=True,
        index=True,
        copy=False,
        ondelete="restrict",
    )
    is_resolved = fields.Boolean(related="stage_id.is_resolved", store=True)
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True)
    color = fields.Integer()

    # The documents the complaint is about: whichever the customer mentions.
    sale_order_id = fields.Many2one("sale.order", index="btree_not_null", check_company=True)
    invoice_id = fields.Many2one(
        "account.move",
        domain=[("move_type", "in", ("out_invoice", "out_receipt"))],
        index="btree_not_null",
        check_company=True,
        groups=INTERNAL,
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        index="btree_not_null",
        check_company=True,
        groups=INTERNAL,
    )
    product_id = fields.Many2one("product.product", check_company=True)
    document_ref = fields.Reference(
        selection="_selection_document_ref",
        string="Other Document",
        help="Any other document it concerns, for example a delivery when Inventory is installed.",
    )

    # Times the service indicators are measured with.
    date_open = fields.Datetime(
        string="Registered On",
        required=True,
        default=fields.Datetime.now,
        copy=False,
        help="When the customer complained; the service promise counts from here.",
    )
    date_first_response = fields.Datetime(
        string="First Response", copy=False, readonly=True, groups=INTERNAL
    )
    date_resolved = fields.Datetime(string="Resolved On", copy=False, readonly=True)
    date_closed = fields.Datetime(string="Closed On", copy=False, readonly=True, groups=INTERNAL)
    hours_to_resolve = fields.Float(
        string="Hours to Resolve (Resolved Only)",
        compute="_compute_hours_to_resolve",
        store=True,
        aggregator="avg",
        help="Working hours of the team between registration and resolution. Open complaints "
        "have none yet: reports leave them out of the average instead of counting zero.",
        groups=INTERNAL,
    )

    root_cause = fields.Text(
        help="Why it happened, so the same problem can be found again.", groups=INTERNAL
    )
    resolution = fields.Html(help="What was done for the customer.")

    # Listen: who is on the phone and how to treat them (seed 000).
    customer_satisfaction = fields.Selection(
        related="commercial_partner_id.satisfaction_level",
        string="Customer Satisfaction",
        groups=INTERNAL,
    )
    customer_style_id = fields.Many2one(
        related="commercial_partner_id.customer_style_id", groups=INTERNAL
    )
    treatment_advice = fields.Text(
        related="commercial_partner_id.treatment_advice", groups=INTERNAL
    )
    customer_value_tier_id = fields.Many2one(
        "crm.value.tier",
        string="Customer Tier",
        compute="_compute_customer_value_tier_id",
        groups=INTERNAL,
    )
    # Who complains is taken on trust only from someone who signed in: a mail's From can be
    # forged, so a mailed complaint lowers the customer's satisfaction only once a handler
    # has confirmed that the customer really sent it.
    customer_confirmed = fields.Boolean(
        default=True,
        copy=False,
        tracking=True,
        groups=INTERNAL,
        help="The customer is known to have made this complaint: registered by an employee, "
        "filed in the portal, or confirmed by a handler for complaints that came by email. "
        "Only then does it count against the customer's satisfaction.",
    )

    # ------------------------------------------------------------------ defaults

    def _default_user(self):
        # Complaints made by the system (mail gateway, portal, imports) wait for a person.
        user = self.env.user
        return user if not user._is_superuser() and not user.share else False

    def _default_stage(self):
        return self.env["crm.complaint.stage"].search([], limit=1)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([], order=stages._order)

    @api.model
    def _selection_document_ref(self):
        models_ = ["sale.order", "account.move", "crm.lead", "product.product"]
        # Deliveries only when Inventory is installed: stock is not required.
        models_ += [name for name in ("stock.picking", "repair.order") if name in self.env]
        return [(name, self.env["ir.model"]._get(name).name) for name in models_]

    # ------------------------------------------------------------------ computes

    @api.depends("partner_id")
    def _compute_email_from(self):
        for complaint in self:
            if complaint.partner_id.email:
                complaint.email_from = complaint.partner_id.email

    @api.depends("partner_id")
    def _compute_priority(self):
        for complaint in self:
            unhappy = complaint.commercial_partner_id.satisfaction_warning
            unhappy = unhappy or complaint.partner_id.satisfaction_warning
            if unhappy and (complaint.priority or "1") < HIGH_PRIORITY:
                complaint.priority = HIGH_PRIORITY
            elif not complaint.priority:
                complaint.priority = "1"

    @api.depends_context("company", "uid")
    @api.depends("commercial_partner_id", "company_id")
    def _compute_customer_value_tier_id(self):
        # The tier is sales information; the employee taking the call needs it even without
        # sales rights, so it is read as superuser for the complaint's company only. Only
        # for employees: a portal customer gets nothing (and the field is not theirs).
        if not (self.env.su or self.env.user._is_internal()):
            self.customer_value_tier_id = False
            return
        for complaint in self:
            partner = complaint.commercial_partner_id.sudo().with_company(
                complaint.company_id or self.env.company
            )
            complaint.customer_value_tier_id = partner.value_tier_id if partner else False

    @api.depends("date_open", "date_resolved", "team_id.resource_calendar_id")
    def _compute_hours_to_resolve(self):
        for complaint in self:
            complaint.hours_to_resolve = complaint._working_hours_between(
                complaint.date_open, complaint.date_resolved
            )

    def _read_group_select(self, aggregate_spec, query):
        # An open complaint's 0 is "not resolved yet", not "resolved at once": every
        # aggregate of the hours (the analysis' average) counts resolved complaints only,
        # and is empty (NULL) where none is resolved.
        if aggregate_spec.split(":")[0] != "hours_to_resolve" or aggregate_spec.endswith(":count"):
            return super()._read_group_select(aggregate_spec, query)
        func = aggregate_spec.split(":")[1]
        hours = self._field_to_sql(self._table, "hours_to_resolve", query)
        resolved = self._field_to_sql(self._table, "date_resolved", query)
        if func not in ("avg", "sum", "min", "max"):
            return super()._read_group_select(aggregate_spec, query)
        return SQL("%s(%s) FILTER (WHERE %s IS NOT NULL)", SQL(func.upper()), hours, resolved)

    def _working_calendar(self):
        self.ensure_one()
        if self.team_id:
            return self.team_id._working_calendar()
        return (self.company_id or self.env.company).resource_calendar_id

    def _working_hours_between(self, start, end):
        if not (start and end) or end <= start:
            return 0.0
        calendar = self._working_calendar()
        if not calendar:
            return (end - start).total_seconds() / 3600
        return calendar.get_work_hours_count(start, end, compute_leaves=True)

    # ------------------------------------------------------------------ CRUD

    @api.constrains("date_open")
    def _check_date_open(self):
        latest = fields.Datetime.now() + CLOCK_SKEW
        for complaint in self:
            if complaint.date_open and not EARLIEST_DATE_OPEN <= complaint.date_open <= latest:
                raise ValidationError(
                    self.env._(
                        "A complaint's registration date must lie between %(earliest)s and "
                        "today; %(date)s is not possible.",
                        earliest=format_date(self.env, EARLIEST_DATE_OPEN.date()),
                        date=format_date(self.env, complaint.date_open.date()),
                    )
                )

    @api.model
    def _clean_outside_text(self, vals):
        """The values with bidirectional controls removed from the texts that may come from
        outside (see crm_customer_profile/tools/outside_text.py)."""
        return {
            name: strip_bidi_controls(value) if name in OUTSIDE_TEXT_FIELDS else value
            for name, value in vals.items()
        }

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._clean_outside_text(vals) for vals in vals_list]
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            # Never the name given: the mail gateway gives the subject, anyone can give any.
            sequence = self.env["ir.sequence"].with_company(company)
            vals["name"] = sequence.next_by_code("crm.complaint") or "/"
            if "team_id" not in vals and "default_team_id" not in self.env.context:
                # The default team is the current company's: take the complaint's.
                vals["team_id"] = self.env["crm.complaint.team"]._default_team(company).id
        complaints = super().create(vals_list)
        # The priority reflects how the customer felt before this complaint: compute it
        # now, before the complaint itself lowers their satisfaction.
        complaints.mapped("priority")
        complaints._record_dissatisfaction()
        complaints._apply_stage_dates()
        return complaints

    def write(self, vals):
        vals = self._clean_outside_text(vals)
        vals.pop("name", None)  # the sequence's number stays (see the field)
        confirming = self.browse()
        if vals.get("customer_confirmed"):
            confirming = self.sudo().filtered(lambda complaint: not complaint.customer_confirmed)
        result = super().write(vals)
        if "stage_id" in vals:
            self._apply_stage_dates()
        if "partner_id" in vals:
            self._record_dissatisfaction()
        elif vals.get("customer_confirmed"):
            confirming._record_dissatisfaction()
        return result

    def _apply_stage_dates(self):
        """Stamp first response, resolution and closing as stages change; reopen clears."""
        now = fields.Datetime.now()
        first_stage = self._default_stage()
        for complaint in self:
            stage = complaint.stage_id
            values = {}
            if stage and stage != first_stage and not complaint.date_first_response:
                values["date_first_response"] = now
            if stage.is_resolved and not complaint.date_resolved:
                values["date_resolved"] = now
            elif not stage.is_resolved and complaint.date_resolved:
                values["date_resolved"] = False
            if stage.is_closed and not complaint.date_closed:
                values["date_closed"] = now
            elif not stage.is_closed and complaint.date_closed:
                values["date_closed"] = False
            if values:
                super(CrmComplaint, complaint).write(values)
            if values.get("date_resolved"):
                complaint._on_resolved()
        return True

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "stage_id" in init_values and self.stage_id.is_resolved and not self.is_closed:
            return self.env.ref("crm_customer_care.mt_complaint_resolved")
        return super()._track_subtype(init_values)

    def _on_resolved(self):
        """Hook: the follow-up extends it (apology email, follow-up call)."""
        return True

    def _record_dissatisfaction(self):
        """Complaining says the customer is at most dissatisfied: record it in the profile
        unless the profile already says worse (angry), and only once the customer is known
        to have complained (customer_confirmed). The entry is the complaint's company's."""
        for complaint in self.sudo():
            customer = complaint.commercial_partner_id
            if not customer or not complaint.customer_confirmed:
                continue
            if customer.satisfaction_level in ("dissatisfied", "angry"):
                continue
            customer.record_satisfaction(
                "dissatisfied",
                source="complaint",
                note=f"{complaint.name}: {complaint.subject}",
                date=complaint.date_open,
                company=complaint.company_id,
            )

    def action_confirm_customer(self):
        """A handler confirms that the customer really made this (mailed) complaint: from
        now on it counts against their satisfaction."""
        self.check_access("write")
        if missing := self.filtered(lambda complaint: not complaint.partner_id):
            raise UserError(
                self.env._(
                    "Choose the customer who complained first (%(numbers)s).",
                    numbers=", ".join(missing.mapped("name")),
                )
            )
        self.filtered(lambda complaint: not complaint.customer_confirmed).write(
            {"customer_confirmed": True}
        )
        return True

    # ------------------------------------------------------------------ actions

    @api.model
    def _action_register(self, defaults):
        """Open a new complaint pre-filled from the document the customer spoke about."""
        context = {f"default_{name}": value for name, value in defaults.items() if value}
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Register Complaint"),
            "res_model": "crm.complaint",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    @api.model
    def _action_open_for(self, domain, defaults):
        """The complaints of a document, opening the only one directly."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_customer_care.crm_complaint_action"
        )
        complaints = self.search(domain)
        action["domain"] = domain
        action["context"] = {f"default_{name}": value for name, value in defaults.items()}
        if len(complaints) == 1:
            action.update(views=[(False, "form")], view_mode="form", res_id=complaints.id)
        return action

    def _portal_evidence_attachments(self):
        """The files the customer may see again on their page: those of the messages they
        see (comments and emails, not internal notes), each with an access token so that
        a visitor with the complaint's token opens them too."""
        self.ensure_one()
        messages = self.sudo().message_ids.filtered(
            lambda message: (
                message.message_type in ("comment", "email")
                and not message.is_internal
                and not message.subtype_id.internal
            )
        )
        attachments = messages.attachment_ids.sorted("id")
        attachments.generate_access_token()
        return attachments

    def _compute_access_url(self):
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"
