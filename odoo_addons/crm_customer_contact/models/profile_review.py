"""The periodic profile review (crm_customer_profile) covers what the customer told us
(seed 002: keep the data current): the review activity lists the preferences, needs,
wishes, priorities and open purchase promises to check, and marking the profile reviewed
confirms them, so each shows when it was last found true."""

from markupsafe import Markup, escape

from odoo import fields, models
from odoo.tools.misc import format_date


class ResPartner(models.Model):
    # The review is its own room; the partner's fields live in res_partner.py.
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def action_mark_profile_reviewed(self):
        result = super().action_mark_profile_reviewed()
        stamp = {
            "confirmed_on": fields.Date.context_today(self),
            "confirmed_by_id": self.env.user.id,
        }
        self.customer_wish_ids.write(stamp)
        self.purchase_promise_ids.filtered(lambda p: p.state != "kept").write(stamp)
        return result

    def _profile_review_activity_values(self, review_type):
        values = super()._profile_review_activity_values(review_type)
        notes = {partner.id: partner._profile_review_told_us_note() for partner in self}
        for activity_values in values:
            note = notes.get(activity_values["res_id"])
            if note:
                activity_values["note"] = note
        return values

    def _profile_review_told_us_note(self):
        """What the customer told us, to check during the review, in the language of the
        salesperson who reviews."""
        self.ensure_one()
        partner = self.with_context(lang=self.user_id.lang or self.env.lang)
        kind_field = partner.env["crm.customer.wish"]._fields["kind"]
        kinds = dict(kind_field._description_selection(partner.env))
        # What was said, quantities, product codes and dates keep their own direction in
        # Persian text.
        items = [
            Markup('<li dir="auto">%s: <bdi>%s</bdi></li>') % (kinds[wish.kind], wish.name)
            for wish in partner.customer_wish_ids
        ]
        items += [
            Markup('<li dir="auto">%s</li>')
            % (
                escape(partner.env._("Promised: %(quantity)s %(product)s by %(date)s"))
                % {
                    "quantity": Markup("<bdi>%s</bdi>") % f"{promise.quantity:g}",
                    "product": Markup("<bdi>%s</bdi>") % promise.product_id.display_name,
                    "date": Markup("<bdi>%s</bdi>") % format_date(partner.env, promise.date_due),
                }
            )
            for promise in partner.purchase_promise_ids.filtered(lambda p: p.state != "kept")
        ]
        if not items:
            return False
        return Markup('<p dir="auto">%s</p><ul>%s</ul>') % (
            partner.env._("Is what the customer told us still true?"),
            Markup("").join(items),
        )
