"""Points expire first in, first out, and customers are warned before, set-based.

Each batch of points earned (a history line with points issued) is consumed by later uses
in order, so the points earned before a cutoff and still unused are what was earned
before it minus everything used since the card began (never below zero, never more than
the card holds). One GROUP BY over the history gives that for every card at once.
"""

from odoo import api, fields, models
from odoo.tools import SQL

EXPIRY_WARNING_TEMPLATE = "crm_loyalty_program.mail_template_points_expiry_warning"
EXPIRY_BATCH = 1000


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    @api.model
    def _unused_points_before(self, now, days_ahead, limit=None, extra=None):
        """(card id, points) of the cards holding points earned before
        `now + days_ahead - validity` that are still unused; only cards of programmes
        whose points expire. `days_ahead` is an SQL expression over the programme `pr`."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH cards AS (
                    SELECT c.id, c.points,
                           %(now)s + make_interval(days => %(days_ahead)s)
                                   - make_interval(months => pr.points_validity_months)
                               AS cutoff
                      FROM loyalty_card c
                      JOIN loyalty_program pr ON pr.id = c.program_id
                 LEFT JOIN res_partner rp ON rp.id = c.partner_id
                     WHERE pr.points_validity_months > 0
                       AND c.points > 0
                       %(extra)s
                ), unused AS (
                    SELECT c.id,
                           LEAST(c.points, GREATEST(0,
                               COALESCE(SUM(h.issued) FILTER (
                                   WHERE h.issued > 0 AND h.create_date < c.cutoff), 0)
                               - COALESCE(SUM(h.used), 0))) AS points
                      FROM cards c
                      JOIN loyalty_history h ON h.card_id = c.id
                  GROUP BY c.id, c.points
                )
                SELECT id, points FROM unused WHERE points > 0 ORDER BY id LIMIT %(limit)s
                """,
                now=now,
                days_ahead=days_ahead,
                extra=extra or SQL(""),
                limit=limit,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _points_to_expire(self, now, limit=None):
        return self._unused_points_before(now, SQL("0"), limit)

    @api.model
    def _expire_points(self, now, limit=None):
        """Expire what is due, a history line per card and one UPDATE; returns
        {card id: points expired}."""
        due = dict(self._points_to_expire(now, limit))
        if not due:
            return due
        cards = self.browse(list(due))
        self.env["loyalty.history"].create(
            [
                {
                    "card_id": card.id,
                    "description": self.env._(
                        "Points expired (older than %s months)",
                        card.program_id.points_validity_months,
                    ),
                    "used": due[card.id],
                }
                for card in cards
            ]
        )
        self.env.cr.execute(
            SQL(
                """
                UPDATE loyalty_card c SET points = c.points - d.points
                  FROM unnest(%s::int[], %s::numeric[]) AS d(id, points)
                 WHERE c.id = d.id
                """,
                list(due),
                list(due.values()),
            )
        )
        # Written in SQL for the whole batch: let the ORM recompute what follows points.
        cards.invalidate_recordset(["points"])
        cards.modified(["points"])
        return due

    @api.model
    def _cards_to_warn(self, now, limit=None):
        """Cards with an email whose points expire within the warning window and that
        were not warned in the current window."""
        today = fields.Date.to_date(now)
        not_warned = SQL(
            """
            AND rp.email IS NOT NULL AND rp.email != ''
            AND (c.expiry_warned_on IS NULL
                 OR c.expiry_warned_on <= %s::date - pr.expiry_warning_days)
            """,
            today,
        )
        return [
            card_id
            for card_id, _points in self._unused_points_before(
                now, SQL("pr.expiry_warning_days"), limit, not_warned
            )
        ]

    @api.model
    def _warn_expiring_points(self, now, limit=None):
        """One email per warning window to customers whose points will soon expire."""
        cards = self.browse(self._cards_to_warn(now, limit))
        if cards:
            template = self.env.ref(EXPIRY_WARNING_TEMPLATE)
            template.send_mail_batch(cards.ids, email_layout_xmlid="mail.mail_notification_light")
            cards.write({"expiry_warned_on": fields.Date.to_date(now)})
        return cards

    @api.model
    def _cron_expire_points(self):
        """A batch of expiries and a batch of warnings per call (Odoo 18's batched
        cron): Odoo commits and calls again while cards remain."""
        now = fields.Datetime.now()
        done = len(self._expire_points(now, EXPIRY_BATCH))
        done += len(self._warn_expiring_points(now, EXPIRY_BATCH))
        remaining = len(self._points_to_expire(now)) + len(self._cards_to_warn(now)) if done else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
