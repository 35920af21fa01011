"""Points expire first in, first out, and customers are warned before, set-based.

Each batch of points earned (a history line with points issued) is consumed by later uses
in order, so the points earned before a cutoff and still unused are what was earned
before it minus everything used since the card began (never below zero, never more than
the card holds). One GROUP BY over the history gives that for every card at once.
"""

from odoo import fields
from odoo.tools import SQL

EXPIRY_WARNING_TEMPLATE = "crm_loyalty_program.mail_template_points_expiry_warning"


def unused_points_before(env, now, days_ahead, limit=None, extra=None):
    """(card id, points) of the cards holding points earned before
    `now + days_ahead - validity` that are still unused; only cards of programmes
    whose points expire. `days_ahead` is an SQL expression over the programme `pr`."""
    env.flush_all()
    env.cr.execute(
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
    return env.cr.fetchall()


def points_to_expire(env, now, limit=None):
    return unused_points_before(env, now, SQL("0"), limit)


def expire_points(env, now, limit=None):
    """Expire what is due, a history line per card and one UPDATE; returns
    {card id: points expired}."""
    due = dict(points_to_expire(env, now, limit))
    if not due:
        return due
    cards = env["loyalty.card"].browse(list(due))
    env["loyalty.history"].create(
        [
            {
                "card_id": card.id,
                "description": env._(
                    "Points expired (older than %s months)",
                    card.program_id.points_validity_months,
                ),
                "used": due[card.id],
            }
            for card in cards
        ]
    )
    env.cr.execute(
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


def cards_to_warn(env, now, limit=None):
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
        for card_id, _points in unused_points_before(
            env, now, SQL("pr.expiry_warning_days"), limit, not_warned
        )
    ]


def warn_expiring_points(env, now, limit=None):
    """One email per warning window to customers whose points will soon expire."""
    cards = env["loyalty.card"].browse(cards_to_warn(env, now, limit))
    if cards:
        template = env.ref(EXPIRY_WARNING_TEMPLATE)
        template.send_mail_batch(cards.ids, email_layout_xmlid="mail.mail_notification_light")
        cards.write({"expiry_warned_on": fields.Date.to_date(now)})
    return cards
