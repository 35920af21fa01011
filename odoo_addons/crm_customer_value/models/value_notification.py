"""Step 4 of a recompute: tell people about tier moves (chatter, an activity on a drop)."""

from datetime import timedelta

from odoo import fields

from .value_ranking import tier_direction

TIER_DROP_ACTIVITY = "crm_customer_value.mail_activity_type_tier_drop"


def announce_tier_changes(env, company, changes):
    """Chatter for every move between tiers; an activity when a customer drops.

    A customer's first tier is not announced: on the first run that would be one
    message per customer."""
    moves = [change for change in changes if change[1]]
    if not moves:
        return
    tier_ids = {tier for _partner, old, new, _clv in moves for tier in (old, new) if tier}
    sequences = dict(env["crm.value.tier"].browse(tier_ids).mapped(lambda t: (t.id, t.sequence)))
    partners = env["res.partner"].sudo().browse([move[0] for move in moves])
    bodies = {}
    for lang, lang_partners in partners.grouped(lambda p: reader_lang(env, p)).items():
        bodies.update(
            tier_move_bodies(
                env(context=dict(env.context, lang=lang)), company, lang_partners, moves, tier_ids
            )
        )
    partners._message_log_batch(bodies=bodies)
    dropped = [move[0] for move in moves if tier_direction(sequences, move[1], move[2]) == "down"]
    schedule_tier_drop_activities(env, partners.browse(dropped), bodies)


def reader_lang(env, partner):
    """Who reads a customer's tier news: its salesperson, in the salesperson's language."""
    return partner.user_id.lang or env.lang or "en_US"


def tier_move_bodies(env, company, partners, moves, tier_ids):
    """{partner id: chatter line} of these partners' moves, in `env`'s language."""
    names = dict(env["crm.value.tier"].browse(tier_ids).mapped(lambda t: (t.id, t.name)))
    ids = set(partners.ids)
    return {
        partner_id: env._(
            "Value tier in %(company)s: %(old)s → %(new)s",
            company=company.with_env(env).name,
            old=names.get(old, "-"),
            new=names.get(new, "-"),
        )
        for partner_id, old, new, _clv in moves
        if partner_id in ids
    }


def schedule_tier_drop_activities(env, partners, bodies):
    activity_type = env.ref(TIER_DROP_ACTIVITY, raise_if_not_found=False)
    partners = partners.filtered("user_id")
    if not activity_type or not partners:
        return
    model_id = env["ir.model"]._get_id("res.partner")
    deadline = fields.Date.context_today(partners) + timedelta(days=activity_type.delay_count)
    env["mail.activity"].sudo().create(
        [
            {
                "res_model_id": model_id,
                "res_id": partner.id,
                "activity_type_id": activity_type.id,
                "automated": True,
                "summary": bodies[partner.id],
                "user_id": partner.user_id.id,
                "date_deadline": deadline,
            }
            for partner in partners
        ]
    )
