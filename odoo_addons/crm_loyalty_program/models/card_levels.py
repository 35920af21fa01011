"""Member levels of loyalty cards: which level each card has reached, set-based.

A card reaches the highest level of its programme whose points it has earned in total, or
whose value tiers include its customer's tier. One query finds the cards whose level
changes; they are written a level at a time and the moves logged in one batch.
"""

from odoo.tools import SQL


def level_changes(cards, limit=None, every_card=False):
    """(card id, old level id, new level id) of the cards whose level changes: these
    cards, or with `every_card` all cards of programmes with levels."""
    cards.env.flush_all()
    only_these = SQL("") if every_card else SQL("AND c.id = ANY(%s)", cards.ids)
    cards.env.cr.execute(
        SQL(
            """
            WITH cards AS (
                SELECT c.id, c.level_id, c.program_id, c.lifetime_points,
                       COALESCE(pr.company_id, %(company_id)s) AS company_id,
                       rp.commercial_partner_id
                  FROM loyalty_card c
                  JOIN loyalty_program pr ON pr.id = c.program_id
             LEFT JOIN res_partner rp ON rp.id = c.partner_id
                 WHERE EXISTS (SELECT 1 FROM loyalty_level l WHERE l.program_id = c.program_id)
                   %(only_these)s
            ), reached AS (
                SELECT DISTINCT ON (c.id) c.id, l.id AS level_id
                  FROM cards c
                  JOIN loyalty_level l ON l.program_id = c.program_id
             LEFT JOIN crm_customer_value v
                    ON v.partner_id = c.commercial_partner_id AND v.company_id = c.company_id
                 WHERE c.lifetime_points >= l.min_points
                    OR EXISTS (
                        SELECT 1 FROM crm_value_tier_loyalty_level_rel r
                         WHERE r.loyalty_level_id = l.id
                           AND r.crm_value_tier_id = v.value_tier_id)
              ORDER BY c.id, l.sequence DESC, l.min_points DESC, l.id DESC
            )
            SELECT c.id, c.level_id, r.level_id
              FROM cards c
         LEFT JOIN reached r ON r.id = c.id
             WHERE c.level_id IS DISTINCT FROM r.level_id
          ORDER BY c.id
             LIMIT %(limit)s
            """,
            company_id=cards.env.company.id,
            only_these=only_these,
            limit=limit,
        )
    )
    return cards.env.cr.fetchall()


def refresh_levels(cards, limit=None, every_card=False):
    """Move cards to the level they reached and log each move on card and customer.
    Returns how many cards moved."""
    changes = level_changes(cards, limit, every_card)
    if not changes:
        return 0
    by_level = {}
    for card_id, _old, new in changes:
        by_level.setdefault(new, []).append(card_id)
    for level_id, card_ids in by_level.items():
        cards.browse(card_ids).write({"level_id": level_id or False})
    log_level_changes(cards.env, changes)
    return len(changes)


def log_level_changes(env, changes):
    """One chatter line per move, in the language of who reads it: the customer's
    salesperson (else the user running the change)."""
    old_new = {card_id: (old, new) for card_id, old, new in changes}
    cards = env["loyalty.card"].browse(list(old_new))
    bodies = {}
    for lang, lang_cards in cards.grouped(lambda c: c.partner_id.user_id.lang or env.lang).items():
        bodies.update(level_move_bodies(lang_cards.with_context(lang=lang or "en_US"), old_new))
    cards._message_log_batch(bodies=bodies)
    partner_bodies = {card.partner_id.id: bodies[card.id] for card in cards if card.partner_id}
    env["res.partner"].browse(list(partner_bodies))._message_log_batch(bodies=partner_bodies)


def level_move_bodies(cards, old_new):
    """{card id: "Loyalty level in <programme>: <old> → <new>"} in `cards`' language."""
    levels = cards.env["loyalty.level"]
    return {
        card.id: cards.env._(
            "Loyalty level in %(program)s: %(old)s → %(new)s",
            program=card.program_id.name,
            old=levels.browse(old_new[card.id][0]).name or "-",
            new=levels.browse(old_new[card.id][1]).name or "-",
        )
        for card in cards
    }
