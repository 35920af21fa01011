from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, formatLang

from .complaint_selections import COMPENSATION_TYPES
from .crm_complaint import INTERNAL

CARE_MANAGER = "crm_customer_care.crm_customer_care_group_manager"
BILLING = "account.group_account_invoice"


class CrmComplaint(models.Model):
    """What the customer is offered and given, made with Odoo's own documents.

    Who does what, as in a company: a handler proposes (type, amount, note) and asks for
    approval; a Customer Care manager approves (confirms an amount above the invoice) and
    issues vouchers; refunds are credit notes, made and posted by whoever has the
    accountant's rights (Invoicing: Billing), which Odoo itself still checks.
    """

    # One file per part of the process (STYLE: one responsibility per file).
    _inherit = "crm.complaint"  # pylint: disable=consider-merging-classes-inherited

    # The compensation is employees' notes and documents (the customer's portal page does not
    # show them), and a complaint's credit notes, replacement order and voucher are its
    # company's.
    compensation_type = fields.Selection(
        COMPENSATION_TYPES, string="Compensation", default="none", tracking=True, groups=INTERNAL
    )
    compensation_amount = fields.Monetary(
        string="Proposed Amount",
        currency_field="currency_id",
        tracking=True,
        groups=INTERNAL,
        help="What the handler proposes to give; what was really refunded is in 'Refunded'.",
    )
    compensation_note = fields.Text(
        help="What was offered, and what the customer answered.", groups=INTERNAL
    )
    # Amounts are in the complaint company's currency, whatever it is (dollars, rials past
    # 10^12): no bound is a constant, the invoice and a care manager set it (issue 23).
    compensation_approved_amount = fields.Monetary(
        string="Confirmed Up To",
        currency_field="currency_id",
        copy=False,
        tracking=True,
        groups=INTERNAL,
        help="A Customer Care manager confirms a compensation above what the invoice still "
        "allows (its total less its posted credit notes), up to this amount.",
    )
    compensation_approved_by_id = fields.Many2one(
        "res.users",
        string="Confirmed By",
        copy=False,
        readonly=True,
        groups=INTERNAL,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    credit_note_ids = fields.Many2many(
        "account.move",
        "crm_complaint_credit_note_rel",
        "complaint_id",
        "move_id",
        string="Credit Notes",
        copy=False,
        readonly=True,
        groups=INTERNAL,
        check_company=True,
    )
    # What the posted credit notes say, in the company's currency (a EUR credit note of a
    # USD company counts in USD): a draft says nothing yet, a cancelled one no more.
    compensation_refunded_amount = fields.Monetary(
        string="Refunded",
        currency_field="currency_id",
        compute="_compute_compensation_refunded_amount",
        store=True,
        # Not tracked: computed, it would post on every complaint when the column is
        # filled at upgrade; each credit note's posting or cancelling is already a note.
        groups=INTERNAL,
        help="The total of the complaint's posted credit notes, in the company's currency.",
    )
    replacement_order_id = fields.Many2one(
        "sale.order", copy=False, readonly=True, groups=INTERNAL, check_company=True
    )
    voucher_id = fields.Many2one(
        "loyalty.card", copy=False, readonly=True, groups=INTERNAL, check_company=True
    )
    voucher_code = fields.Char(related="voucher_id.code", groups=INTERNAL)
    credit_note_count = fields.Integer(compute="_compute_credit_note_count", groups=INTERNAL)

    @api.depends(
        "credit_note_ids.state",
        "credit_note_ids.amount_total_signed",
        "credit_note_ids.company_currency_id",
    )
    def _compute_compensation_refunded_amount(self):
        for complaint in self:
            posted = complaint.credit_note_ids.filtered(lambda move: move.state == "posted")
            complaint.compensation_refunded_amount = sum(
                complaint._in_complaint_currency(
                    abs(move.amount_total_signed), move.company_currency_id, move.date
                )
                for move in posted
            )

    @api.depends("credit_note_ids")
    def _compute_credit_note_count(self):
        for complaint in self:
            complaint.credit_note_count = len(complaint.credit_note_ids)

    # ------------------------------------------------------------------ limits

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._check_compensation_confirmation(vals) for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._check_compensation_confirmation(vals))

    def _check_compensation_confirmation(self, vals):
        """Only a care manager confirms a compensation above the invoice; who did is kept."""
        if "compensation_approved_amount" not in vals:
            return vals
        if not self.env.su and not self.env.user.has_group(CARE_MANAGER):
            raise AccessError(
                self.env._(
                    "Only a Customer Care manager can confirm a compensation above what the "
                    "invoice allows."
                )
            )
        return {
            **vals,
            "compensation_approved_by_id": (
                self.env.uid if vals["compensation_approved_amount"] else False
            ),
        }

    @api.constrains(
        "compensation_amount", "compensation_approved_amount", "invoice_id", "company_id"
    )
    def _check_compensation_amount(self):
        for complaint in self.sudo():
            currency = complaint.currency_id or complaint.env.company.currency_id
            amount = complaint.compensation_amount
            approved = complaint.compensation_approved_amount
            if (
                currency.compare_amounts(amount, 0.0) < 0
                or currency.compare_amounts(approved, 0.0) < 0
            ):
                raise ValidationError(
                    self.env._(
                        "A compensation cannot be negative: enter what the customer receives."
                    )
                )
            # The superuser's writes (data, demo, automated flows) are trusted; people are not.
            if self.env.su:
                continue
            limit = complaint._compensation_invoice_limit()
            if currency.compare_amounts(amount, max(limit, approved)) <= 0:
                continue
            raise ValidationError(
                self.env._(
                    "A compensation of %(amount)s is more than the %(limit)s the invoice still "
                    "allows (its total less its posted credit notes). A Customer Care manager "
                    "can confirm a higher compensation in 'Confirmed Up To'.",
                    amount=complaint._format_compensation(amount),
                    limit=complaint._format_compensation(max(limit, approved)),
                )
            )

    def _compensation_invoice_limit(self):
        """What the complaint's posted customer invoice still owes the customer, in the
        complaint company's currency: its total less its posted credit notes, except this
        complaint's own (they are the compensation). No invoice: nothing without a manager."""
        self.ensure_one()
        invoice = self.sudo().invoice_id
        if not invoice or invoice.state != "posted" or invoice.move_type != "out_invoice":
            return 0.0
        refunds = (
            invoice.reversal_move_ids.filtered(
                lambda move: move.state == "posted" and move.move_type == "out_refund"
            )
            - self.sudo().credit_note_ids
        )
        remaining = abs(invoice.amount_total_signed) - sum(
            abs(refund.amount_total_signed) for refund in refunds
        )
        remaining = self._in_complaint_currency(
            remaining, invoice.company_currency_id, invoice.invoice_date
        )
        return max(remaining, 0.0)

    def _in_complaint_currency(self, amount, currency, date=None):
        target = self.currency_id or self.env.company.currency_id
        if not currency or currency == target:
            return amount
        return currency._convert(
            amount, target, self.company_id or self.env.company, date or fields.Date.today()
        )

    def _format_compensation(self, amount):
        currency = self.currency_id or self.env.company.currency_id
        return formatLang(self.env, amount, currency_obj=currency)

    # ------------------------------------------------------------------ refund

    def action_refund(self):
        """Open Odoo's own reversal of the invoice; the credit note comes back linked."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(BILLING):
            raise AccessError(
                self.env._(
                    "Refunds are credit notes: only someone with Invoicing rights (Billing) "
                    "makes them. Propose the refund and use 'Ask for Approval'."
                )
            )
        invoice = self.invoice_id
        if not invoice or invoice.state != "posted" or invoice.move_type != "out_invoice":
            raise UserError(self.env._("Choose a posted customer invoice to refund first."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refund"),
            "res_model": "account.move.reversal",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "active_model": "account.move",
                "active_ids": invoice.ids,
                "default_complaint_id": self.id,
                "default_reason": self.env._(
                    "Complaint %(number)s: %(subject)s", number=self.name, subject=self.subject
                ),
            },
        }

    def _link_credit_notes(self, moves):
        """Link the reversal's credit notes; what they refund counts once they are posted
        (compensation_refunded_amount), and is told in the chatter then (account_move.py)."""
        self.ensure_one()
        self.write(
            {
                "credit_note_ids": [Command.link(move.id) for move in moves],
                "compensation_type": "refund",
            }
        )
        self._post_credit_note_message(moves)

    def _post_credit_note_message(self, moves):
        """Say on the complaints what their credit notes now are: a draft has no number yet
        (Odoo names it "Draft Credit Note"), a posted one its number and amount."""
        for complaint in self:
            lines = []
            for move in moves & complaint.sudo().credit_note_ids:
                amount = complaint._format_compensation(
                    complaint._in_complaint_currency(
                        abs(move.amount_total_signed), move.company_currency_id, move.date
                    )
                )
                values = {"move": move.display_name, "amount": amount}
                if move.state == "posted":
                    text = self.env._("Credit note %(move)s posted: %(amount)s refunded.", **values)
                elif move.state == "cancel":
                    text = self.env._("Credit note %(move)s cancelled: nothing refunded.", **values)
                else:
                    text = self.env._(
                        "Credit note %(move)s created as a draft (%(amount)s).", **values
                    )
                lines.append(text)
            if lines:
                complaint.sudo().message_post(
                    body=Markup("<br/>").join(lines),
                    subtype_xmlid="mail.mt_note",
                    author_id=self.env.user.partner_id.id,
                )

    # ------------------------------------------------------------------ approval

    def action_request_compensation_approval(self):
        """A handler asks a Customer Care manager to approve the proposed compensation: an
        activity for the team leader when they are a care manager, else for a care manager
        of the company."""
        self.ensure_one()
        self.check_access("write")
        if self.compensation_type == "none":
            raise UserError(self.env._("Choose the compensation you propose first."))
        approver = self._compensation_approver()
        if not approver:
            raise UserError(
                self.env._(
                    "No Customer Care manager can approve compensations in %(company)s: ask "
                    "your administrator to name one.",
                    company=self.company_id.name,
                )
            )
        proposal = self._fields["compensation_type"].convert_to_export(self.compensation_type, self)
        if self.compensation_amount:
            proposal = f"{proposal}: {self._format_compensation(self.compensation_amount)}"
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Approve the compensation"),
            note=self.env._(
                "%(user)s proposes %(proposal)s for complaint %(number)s.",
                user=self.env.user.name,
                proposal=proposal,
                number=self.name,
            ),
            user_id=approver.id,
        )
        return True

    def _compensation_approver(self):
        self.ensure_one()
        leader = self.sudo().team_id.user_id
        managers = (
            self.env.ref(CARE_MANAGER)
            .sudo()
            .users.filtered(
                lambda user: (
                    not user.share
                    and user.active
                    and self.company_id in user.company_ids
                    and not user._is_superuser()
                )
            )
        )
        if leader in managers:
            return leader
        return managers.sorted("id")[:1]

    def action_view_credit_notes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_refund_type"
        )
        action["domain"] = [("id", "in", self.credit_note_ids.ids)]
        action["context"] = {"default_move_type": "out_refund"}
        return action

    # ------------------------------------------------------------------ replacement

    def action_create_replacement(self):
        """A sale order at zero for the same goods, so delivery and stock follow Odoo's flow."""
        self.ensure_one()
        self._lock_for_compensation()
        if self.replacement_order_id:
            raise UserError(
                self.env._(
                    "The replacement order %(order)s was already created for this complaint.",
                    order=self.replacement_order_id.sudo().name,
                )
            )
        lines = self._replacement_lines()
        if not lines:
            raise UserError(
                self.env._("Name the product or the sale order the complaint is about first.")
            )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_id.id or self.commercial_partner_id.id,
                "origin": self.name,
                "company_id": self.company_id.id,
                "user_id": self.user_id.id,
                "order_line": lines,
            }
        )
        self.write({"replacement_order_id": order.id, "compensation_type": "replacement"})
        self.message_post(body=self.env._("Replacement order %(order)s created.", order=order.name))
        return self.action_view_replacement_order()

    def _replacement_lines(self):
        if self.product_id:
            sources = [(self.product_id, 1.0)]
        else:
            sources = [
                (line.product_id, line.product_uom_qty)
                for line in self.sale_order_id.order_line
                if line.product_id and not line.display_type
            ]
        return [
            Command.create({"product_id": product.id, "product_uom_qty": qty, "price_unit": 0.0})
            for product, qty in sources
        ]

    def action_view_replacement_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": self.replacement_order_id.id,
        }

    # ------------------------------------------------------------------ voucher

    def action_issue_voucher(self):
        """A coupon of the company's apology programme, through Odoo's loyalty."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(CARE_MANAGER):
            raise AccessError(
                self.env._(
                    "Only a Customer Care manager issues vouchers. Propose the voucher and use "
                    "'Ask for Approval'."
                )
            )
        self._lock_for_compensation()
        if self.voucher_id:
            raise UserError(
                self.env._(
                    "A voucher was already issued for this complaint: %(code)s.",
                    code=self.voucher_id.sudo().code,
                )
            )
        program = self.company_id.complaint_voucher_program_id
        if not program:
            raise UserError(
                self.env._(
                    "Choose the voucher programme in Customer Care settings before issuing "
                    "vouchers."
                )
            )
        customer = self.commercial_partner_id or self.partner_id
        if not customer:
            raise UserError(self.env._("A voucher needs a customer."))
        points = self._voucher_points(program)
        card = self.env["loyalty.card"].create(
            {"program_id": program.id, "partner_id": customer.id, "points": points}
        )
        self.env["loyalty.history"].create(
            {"card_id": card.id, "issued": points, "description": self.name}
        )
        self.write({"voucher_id": card.id, "compensation_type": "voucher"})
        self.message_post(
            body=self.env._("Voucher %(code)s issued.", code=card.code),
        )
        return True

    def _lock_for_compensation(self):
        """Two clicks at once issue one voucher or order: the second waits, then sees it."""
        self.env.cr.execute(
            SQL("SELECT id FROM crm_complaint WHERE id = ANY(%s) FOR UPDATE", self.ids)
        )
        self.invalidate_recordset(["voucher_id", "replacement_order_id"])

    def _voucher_points(self, program):
        # A gift card or eWallet carries the amount; a coupon is one use of its reward.
        if program.program_type in ("gift_card", "ewallet"):
            currency = self.currency_id or self.env.company.currency_id
            if currency.compare_amounts(self.compensation_amount, 0.0) <= 0:
                raise UserError(self.env._("Set the voucher's amount first."))
            return self._in_complaint_currency_reverse(
                self.compensation_amount, program.currency_id
            )
        return 1.0

    def _in_complaint_currency_reverse(self, amount, currency):
        """The complaint's amount in another currency (a programme's)."""
        source = self.currency_id or self.env.company.currency_id
        if not currency or currency == source:
            return amount
        return source._convert(
            amount, currency, self.company_id or self.env.company, fields.Date.today()
        )
