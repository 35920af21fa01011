from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class LoyaltyRule(models.Model):
    """Conditions of seed 003 that Odoo's rules lack: relationship length, cash payment and
    every N-th order. A rule whose condition the order misses gives no points."""

    _inherit = "loyalty.rule"

    min_tenure_months = fields.Integer(
        string="Customer for at Least (Months)",
        help="Months since the customer's first confirmed order; 0 means no condition.",
    )
    cash_payment_only = fields.Boolean(
        help="Only orders paid at once: the order's payment term is one of the cash terms "
        "below, or the order has no payment term (due on the invoice date).",
    )
    cash_payment_term_ids = fields.Many2many(
        "account.payment.term",
        string="Cash Payment Terms",
        default=lambda self: self.env.ref(
            "account.account_payment_term_immediate", raise_if_not_found=False
        ),
    )
    every_nth_order = fields.Integer(
        string="Every N-th Order",
        help="Only the customer's N-th, 2N-th, 3N-th... confirmed order (10: the car wash's "
        "tenth wash free); 0 means every order.",
    )
    has_crm_condition = fields.Boolean(compute="_compute_has_crm_condition")

    @api.depends("min_tenure_months", "cash_payment_only", "every_nth_order")
    def _compute_has_crm_condition(self):
        for rule in self:
            rule.has_crm_condition = bool(
                rule.min_tenure_months or rule.cash_payment_only or rule.every_nth_order
            )

    def _crm_condition_met(self, order):
        """Whether `order` meets this rule's tenure, cash and N-th order conditions."""
        self.ensure_one()
        return (
            self._tenure_met(order) and self._cash_payment_met(order) and self._nth_order_met(order)
        )

    def _tenure_met(self, order):
        if not self.min_tenure_months:
            return True
        first = order._customer_first_order_date()
        return bool(first) and first + relativedelta(months=self.min_tenure_months) <= (
            order.date_order or fields.Datetime.now()
        )

    def _cash_payment_met(self, order):
        if not self.cash_payment_only:
            return True
        return not order.payment_term_id or order.payment_term_id in self.cash_payment_term_ids

    def _nth_order_met(self, order):
        if not self.every_nth_order:
            return True
        return (order._customer_previous_order_count() + 1) % self.every_nth_order == 0
