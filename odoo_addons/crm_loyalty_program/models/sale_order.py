from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    loyalty_mention = fields.Char(string="Tell the Customer", compute="_compute_loyalty_mention")

    @api.depends("partner_id")
    def _compute_loyalty_mention(self):
        for order in self:
            order.loyalty_mention = order.partner_id.commercial_partner_id.loyalty_mention

    # ------------------------------------------------------------------ facts about the customer

    def _customer_confirmed_orders_domain(self):
        partner = self.partner_id.commercial_partner_id
        return [
            ("partner_id", "child_of", partner.id),
            ("state", "=", "sale"),
            ("id", "!=", self._origin.id or 0),
        ]

    def _customer_first_order_date(self):
        """When the relationship started: the customer's first confirmed order."""
        self.ensure_one()
        first = (
            self.env["sale.order"]
            .sudo()
            .search(self._customer_confirmed_orders_domain(), order="date_order", limit=1)
        )
        return first.date_order

    def _customer_previous_order_count(self):
        self.ensure_one()
        return self.env["sale.order"].sudo().search_count(self._customer_confirmed_orders_domain())

    def _loyalty_member_card(self, program):
        return self.env["loyalty.card"].search(
            [("partner_id", "=", self.partner_id.id), ("program_id", "=", program.id)], limit=1
        )

    # ------------------------------------------------------------------ Odoo's loyalty flow

    def _program_check_compute_points(self, programs):
        """Odoo's computation, with the rules whose extra conditions the order misses left out
        and the member level's multiplier applied to the points."""
        missed = tuple(
            rule.id
            for rule in programs.rule_ids.filtered("has_crm_condition")
            if not rule._crm_condition_met(self)
        )
        order = self.with_context(loyalty_excluded_rule_ids=missed)
        result = super(SaleOrder, order)._program_check_compute_points(
            programs.with_context(loyalty_excluded_rule_ids=missed)
        )
        return self._apply_level_multipliers(result)

    def _apply_level_multipliers(self, result):
        for program, program_result in result.items():
            if "points" not in program_result or not program.level_ids:
                continue
            multiplier = self._loyalty_member_card(program).level_id.points_multiplier or 1.0
            if multiplier != 1.0:
                program_result["points"] = [
                    points * multiplier for points in program_result["points"]
                ]
        return result
