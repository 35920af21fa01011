from odoo import api, fields, models

from .card_levels import level_changes, refresh_levels
from .points_expiry import cards_to_warn, expire_points, points_to_expire, warn_expiring_points

# cards per call of the batched crons
LEVEL_BATCH = 1000
EXPIRY_BATCH = 1000


class LoyaltyCard(models.Model):
    """A member's card: its level, what to tell the customer, the printable card."""

    _inherit = "loyalty.card"

    level_id = fields.Many2one("loyalty.level", readonly=True, copy=False)
    lifetime_points = fields.Float(
        string="Points Earned", compute="_compute_level_progress", store=True
    )
    next_level_id = fields.Many2one("loyalty.level", compute="_compute_level_progress", store=True)
    points_to_next_level = fields.Float(compute="_compute_level_progress", store=True)
    reward_ready = fields.Boolean(
        compute="_compute_to_mention",
        store=True,
        help="The card has the points for at least one reward of its programme.",
    )
    to_mention = fields.Boolean(
        compute="_compute_to_mention",
        store=True,
        index=True,
        help="A reward is ready or the next level is close: tell the customer.",
    )
    mention_text = fields.Char(string="Tell the Customer", compute="_compute_mention_text")
    salesperson_id = fields.Many2one(related="partner_id.user_id", string="Salesperson")
    expiry_warned_on = fields.Date(copy=False, readonly=True)
    is_key_customer_card = fields.Boolean(related="program_id.is_key_customer_card")

    # ------------------------------------------------------------------ computes

    @api.depends(
        "history_ids.issued",
        "level_id",
        "program_id.level_ids.min_points",
        "program_id.level_ids.sequence",
    )
    def _compute_level_progress(self):
        for card in self:
            card.lifetime_points = sum(card.history_ids.mapped("issued"))
            upcoming = card._ordered_levels().filtered(
                lambda level, card=card: (
                    level.min_points > card.lifetime_points
                    and (
                        not card.level_id
                        or card._level_rank(level) > card._level_rank(card.level_id)
                    )
                )
            )
            card.next_level_id = upcoming[:1]
            card.points_to_next_level = (
                upcoming[:1].min_points - card.lifetime_points if upcoming else 0.0
            )

    @api.depends(
        "points",
        "program_id.reward_ids.required_points",
        "points_to_next_level",
        "next_level_id",
        "program_id.level_nudge_points",
    )
    def _compute_to_mention(self):
        for card in self:
            ready = card._ready_rewards()
            close = card._next_level_close()
            card.reward_ready = bool(ready)
            card.to_mention = bool(ready or close)

    @api.depends("to_mention", "points_to_next_level")
    def _compute_mention_text(self):
        for card in self:
            card.mention_text = card._mention_text(card._ready_rewards(), card._next_level_close())

    def _next_level_close(self):
        self.ensure_one()
        return bool(self.next_level_id) and (
            self.points_to_next_level <= self.program_id.level_nudge_points
        )

    def _ready_rewards(self):
        self.ensure_one()
        if self.points <= 0:
            return self.env["loyalty.reward"]
        return self.program_id.reward_ids.filtered(
            lambda reward: 0 < reward.required_points <= self.points
        )

    def _mention_text(self, ready, close):
        parts = []
        if ready:
            parts.append(self.env._("Reward ready: %s", ", ".join(ready.mapped("description"))))
        if close:
            parts.append(
                self.env._(
                    "%(points)s points to %(level)s",
                    points=round(self.points_to_next_level, 2),
                    level=self.next_level_id.name,
                )
            )
        return " · ".join(parts) or False

    # ------------------------------------------------------------------ levels

    def _ordered_levels(self):
        return self.program_id.level_ids.sorted(lambda level: (level.sequence, level.min_points))

    def _level_rank(self, level):
        return (
            self._ordered_levels().ids.index(level.id) if level in self.program_id.level_ids else -1
        )

    # ------------------------------------------------------------------ levels and expiry
    # The work is set-based, in card_levels.py and points_expiry.py.

    def _refresh_levels(self):
        """Move these cards to the level they reached; returns how many moved."""
        return refresh_levels(self)

    @api.model
    def _cron_refresh_levels(self):
        """Customers' value tiers change at night; the levels they give follow. One batch
        per call (Odoo 18's batched cron): Odoo commits and calls again while cards
        remain."""
        done = refresh_levels(self.browse(), LEVEL_BATCH, every_card=True)
        remaining = len(level_changes(self.browse(), every_card=True)) if done else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @api.model
    def _expire_points(self, now, limit=None):
        """Expire what is due (a batch of `limit` cards); returns {card id: points}."""
        return expire_points(self.env, now, limit)

    @api.model
    def _cron_expire_points(self):
        """A batch of expiries and a batch of warnings per call (Odoo 18's batched
        cron): Odoo commits and calls again while cards remain."""
        now = fields.Datetime.now()
        done = len(expire_points(self.env, now, EXPIRY_BATCH))
        done += len(warn_expiring_points(self.env, now, EXPIRY_BATCH))
        remaining = (
            len(points_to_expire(self.env, now)) + len(cards_to_warn(self.env, now)) if done else 0
        )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    # ------------------------------------------------------------------ CRUD hooks

    @api.model_create_multi
    def create(self, vals_list):
        cards = super().create(vals_list)
        if cards:
            cards._refresh_levels()
        return cards

    def write(self, vals):
        result = super().write(vals)
        if self and ("points" in vals or "partner_id" in vals):
            self._refresh_levels()
        return result

    # ------------------------------------------------------------------ the card itself

    @api.model
    def _action_rewards_to_mention(self):
        """Rewards to Mention: on "my customers" for a salesperson, on all customers for
        a sales manager."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_loyalty_program.loyalty_card_action_to_mention"
        )
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            action["context"] = {"create": False, "search_default_my_customers": 1}
        return action

    def action_print_key_card(self):
        return self.env.ref("crm_loyalty_program.report_key_customer_card").report_action(self)

    def action_send_key_card(self):
        self.ensure_one()
        template = self.env.ref("crm_loyalty_program.mail_template_key_customer_card")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": "loyalty.card",
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
            },
        }
