from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .complaint_selections import COMPENSATION_TYPES


class CrmComplaint(models.Model):
    """What the customer is offered and given, made with Odoo's own documents."""

    # One file per part of the process (STYLE: one responsibility per file).
    _inherit = "crm.complaint"  # pylint: disable=consider-merging-classes-inherited

    compensation_type = fields.Selection(
        COMPENSATION_TYPES, string="Compensation", default="none", tracking=True
    )
    compensation_amount = fields.Monetary(currency_field="currency_id", tracking=True)
    compensation_note = fields.Text(help="What was offered, and what the customer answered.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    credit_note_ids = fields.Many2many(
        "account.move",
        "crm_complaint_credit_note_rel",
        "complaint_id",
        "move_id",
        string="Credit Notes",
        copy=False,
        readonly=True,
    )
    replacement_order_id = fields.Many2one("sale.order", copy=False, readonly=True)
    voucher_id = fields.Many2one("loyalty.card", copy=False, readonly=True)
    voucher_code = fields.Char(related="voucher_id.code")
    credit_note_count = fields.Integer(compute="_compute_credit_note_count")

    @api.depends("credit_note_ids")
    def _compute_credit_note_count(self):
        for complaint in self:
            complaint.credit_note_count = len(complaint.credit_note_ids)

    # ------------------------------------------------------------------ refund

    def action_refund(self):
        """Open Odoo's own reversal of the invoice; the credit note comes back linked."""
        self.ensure_one()
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
        self.ensure_one()
        self.write(
            {
                "credit_note_ids": [Command.link(move.id) for move in moves],
                "compensation_type": "refund",
                "compensation_amount": self.compensation_amount
                or sum(moves.mapped("amount_total")),
            }
        )
        self.message_post(
            body=self.env._("Credit note created: %(moves)s", moves=", ".join(moves.mapped("name")))
        )

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

    def _voucher_points(self, program):
        # A gift card or eWallet carries the amount; a coupon is one use of its reward.
        if program.program_type in ("gift_card", "ewallet"):
            if self.compensation_amount <= 0:
                raise UserError(self.env._("Set the voucher's amount first."))
            return self.compensation_amount
        return 1.0
