from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

EXPIRY_WARNING_TEMPLATE = "crm_loyalty_program.mail_template_points_expiry_warning"


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

    def _reached_level(self):
        """The highest level the card's earned points or its customer's tier reach."""
        self.ensure_one()
        company = self.company_id or self.env.company
        tier = self.partner_id.commercial_partner_id.with_company(company).sudo().value_tier_id
        reached = self._ordered_levels().filtered(
            lambda level: (
                self.lifetime_points >= level.min_points or (tier and tier in level.value_tier_ids)
            )
        )
        return reached[-1:] if reached else self.env["loyalty.level"]

    def _refresh_levels(self):
        """Move cards to the level they reached and log each move on card and customer."""
        for card in self.filtered("program_id.level_ids"):
            level = card._reached_level()
            if level == card.level_id:
                continue
            old = card.level_id
            card.level_id = level
            card._log_level_change(old, level)

    def _log_level_change(self, old, new):
        body = self.env._(
            "Loyalty level in %(program)s: %(old)s → %(new)s",
            program=self.program_id.name,
            old=old.name or "-",
            new=new.name or "-",
        )
        self.message_post(body=body)
        if self.partner_id:
            self.partner_id._message_log(body=body)

    @api.model
    def _cron_refresh_levels(self):
        """Customers' value tiers change at night; the levels they give follow."""
        cards = self.search([("program_id.level_ids", "!=", False), ("partner_id", "!=", False)])
        cards._refresh_levels()

    # ------------------------------------------------------------------ CRUD hooks

    @api.model_create_multi
    def create(self, vals_list):
        cards = super().create(vals_list)
        cards._refresh_levels()
        return cards

    def write(self, vals):
        result = super().write(vals)
        if "points" in vals or "partner_id" in vals:
            self._refresh_levels()
        return result

    # ------------------------------------------------------------------ the card itself

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

    # ------------------------------------------------------------------ expiry
    # Points expire first in, first out: each batch of points earned (a history line with
    # points issued) is consumed by later uses in order, and what is left of a batch older
    # than the programme's validity expires.

    def _points_unused_before(self, cutoff):
        """Points earned before `cutoff` and not used yet, oldest used first."""
        self.ensure_one()
        consumed = sum(self.history_ids.mapped("used"))
        unused_before = 0.0
        for batch in self.history_ids.filtered(lambda h: h.issued > 0).sorted(
            lambda h: (h.create_date, h.id)
        ):
            taken = min(consumed, batch.issued)
            consumed -= taken
            if batch.create_date < cutoff:
                unused_before += batch.issued - taken
        return min(unused_before, max(self.points, 0.0))

    def _expire_points(self, now):
        """Expire what is due on each card; returns {card: points expired}."""
        expired = {}
        for card in self:
            months = card.program_id.points_validity_months
            due = card._points_unused_before(now - relativedelta(months=months))
            if due <= 0:
                continue
            self.env["loyalty.history"].create(
                {
                    "card_id": card.id,
                    "description": self.env._("Points expired (older than %s months)", months),
                    "used": due,
                }
            )
            card.points -= due
            expired[card] = due
        return expired

    def _points_expiring_soon(self, now):
        self.ensure_one()
        program = self.program_id
        horizon = now + timedelta(days=program.expiry_warning_days)
        return self._points_unused_before(
            horizon - relativedelta(months=program.points_validity_months)
        )

    def _warn_expiring_points(self, now):
        """One email per warning window to customers whose points will soon expire."""
        template = self.env.ref(EXPIRY_WARNING_TEMPLATE)
        today = fields.Date.to_date(now)
        warned = self.browse()
        for card in self.filtered("partner_id.email"):
            window_start = today - timedelta(days=card.program_id.expiry_warning_days)
            if card.expiry_warned_on and card.expiry_warned_on > window_start:
                continue
            if card._points_expiring_soon(now) > 0:
                template.send_mail(card.id, email_layout_xmlid="mail.mail_notification_light")
                warned |= card
        warned.expiry_warned_on = today
        return warned

    @api.model
    def _cron_expire_points(self):
        now = fields.Datetime.now()
        cards = self.search([("program_id.points_validity_months", ">", 0), ("points", ">", 0)])
        cards._expire_points(now)
        cards.filtered(lambda card: card.points > 0)._warn_expiring_points(now)
