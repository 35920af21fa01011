from odoo import api, models

# fields whose change makes Odoo describe the reward again
DESCRIPTION_DEPENDS = {
    "reward_type",
    "reward_product_id",
    "discount_mode",
    "discount",
    "discount_applicability",
    "discount_max_amount",
}


class LoyaltyReward(models.Model):
    """Reward descriptions in every installed language: Odoo writes them once, in the
    language of whoever created the reward, and ships no Persian for them."""

    _inherit = "loyalty.reward"

    def _compute_description(self):
        result = super()._compute_description()
        for reward in self:
            text = reward._described_in_lang()
            if text:
                reward.description = text
        return result

    def _described_in_lang(self):
        """Odoo's wording of a product or percentage reward, in the env's language."""
        self.ensure_one()
        if self.program_type in ("gift_card", "ewallet"):
            return False
        if self.reward_type == "product" and len(self.reward_product_ids) == 1:
            product = self.reward_product_id.with_context(display_default_code=False)
            return self.env._("Free Product - %s", product.display_name)
        if self.reward_type == "discount" and self.discount_mode == "percent":
            on = {
                "order": self.env._("your order"),
                "cheapest": self.env._("the cheapest product"),
                "specific": self.env._("specific products"),
            }.get(self.discount_applicability)
            if on and not self.discount_max_amount:
                percent = f"{self.discount:g}"
                return self.env._("%(percent)s%% on %(what)s", percent=percent, what=on)
        return False

    def _describe_in_every_language(self):
        for lang, _name in self.env["res.lang"].get_installed():
            if lang != (self.env.lang or "en_US"):
                self.with_context(lang=lang)._compute_description()

    @api.model_create_multi
    def create(self, vals_list):
        rewards = super().create(vals_list)
        rewards.filtered(lambda r: not r._origin_described(vals_list))._describe_in_every_language()
        return rewards

    def _origin_described(self, vals_list):
        """Whether the creator wrote a description of their own (kept as written)."""
        return any(vals.get("description") == self.description for vals in vals_list)

    def write(self, vals):
        result = super().write(vals)
        if DESCRIPTION_DEPENDS & set(vals) and "description" not in vals:
            self._describe_in_every_language()
        return result
