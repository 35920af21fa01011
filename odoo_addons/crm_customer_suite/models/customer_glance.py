"""The customer at a glance: one read of everything a seller should know before speaking
to a customer, for the summary at the top of the partner, lead and sale order forms.

Each part is read with the rights of the user who looks: a part they may not read is left
out, never fetched with sudo and shown."""

from odoo import api, fields, models

SALES = "sales_team.group_sale_salesman"
CARE = "crm_customer_care.crm_customer_care_group_user"


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def get_customer_glance(self, partner_id):
        """The summary of the customer (commercial entity) of `partner_id`, as a dict of
        parts; an empty dict when the user may not read that partner."""
        partner = self.browse(partner_id).exists()
        if not partner or not partner.has_access("read"):
            return {}
        customer = partner.commercial_partner_id
        if not customer.has_access("read"):
            customer = partner
        return {
            "partner_id": customer.id,
            "name": customer.display_name,
            "tier": customer._glance_tier(),
            "satisfaction": customer._glance_satisfaction(),
            "profile": customer._glance_profile(),
            "complaints": customer._glance_complaints(),
            "loyalty": customer._glance_loyalty(),
            "last_contact": customer._glance_last_contact(),
            "next_contact": customer._glance_next_contact(),
        }

    # ------------------------------------------------------------------ parts

    def _glance_tier(self):
        if not self.env.user.has_group(SALES):
            return False
        tier = self.value_tier_id
        return tier and {"name": tier.name, "code": tier.code, "color": tier.color}

    def _glance_satisfaction(self):
        """Always a part (a customer nobody asked yet shows "not recorded")."""
        levels = dict(self._fields["satisfaction_level"]._description_selection(self.env))
        return {
            "level": self.satisfaction_level or False,
            "label": levels.get(self.satisfaction_level, False),
            "date": self.satisfaction_date and fields.Datetime.to_string(self.satisfaction_date),
        }

    def _glance_profile(self):
        axes = (("style", self.customer_style_id), ("basis", self.decision_basis_id))
        return [
            {"axis": axis, "name": entry.name, "advice": entry.advice}
            for axis, entry in axes
            if entry and entry.has_access("read")
        ]

    def _glance_complaints(self):
        """The open complaints this user may see; False when they may see none at all."""
        if not self.env.user.has_group(CARE):
            return False
        open_ones = self.env["crm.complaint"].search(
            [("commercial_partner_id", "=", self.id), ("is_resolved", "=", False)],
            order="date_open asc",
        )
        oldest = open_ones[:1].date_open
        today = fields.Date.context_today(self)
        return {
            "count": len(open_ones),
            "oldest_days": oldest and (today - fields.Date.context_today(self, oldest)).days,
        }

    def _glance_loyalty(self):
        if not self.env.user.has_group(SALES):
            return False
        cards = self.env["loyalty.card"].search(
            [("partner_id", "child_of", self.id), ("level_id", "!=", False)]
        )
        best = max(cards.level_id, key=lambda level: level.discount, default=False)
        mention = self.loyalty_mention
        if not best and not mention:
            return False
        return {
            "level": best and best.name,
            "discount": best and best.discount,
            "mention": mention or False,
        }

    def _glance_next_contact(self):
        """The date agreed with the customer, or the nearest one agreed on an open lead
        of theirs that the user can see."""
        means = dict(self._fields["next_contact_means"]._description_selection(self.env))
        date, code = self.next_contact_date, self.next_contact_means
        Lead = self.env["crm.lead"]
        if not date and Lead.has_access("read"):
            lead = Lead.search(
                [
                    ("partner_id", "child_of", self.id),
                    ("next_contact_date", ">=", fields.Date.context_today(self)),
                ],
                order="next_contact_date asc",
                limit=1,
            )
            date, code = lead.next_contact_date, lead.next_contact_means
        if not date:
            return False
        return {"date": fields.Date.to_string(date), "means": means.get(code, False)}
