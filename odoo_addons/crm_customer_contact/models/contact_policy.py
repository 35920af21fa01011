"""The contact policy: who may receive a promotional contact now, and why not."""

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import fields, models


class ResPartner(models.Model):
    # The policy is its own room; counting (contact_count.py) only measures.
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    contact_opt_out = fields.Boolean(
        string="No Promotional Contact",
        tracking=True,
        help="The customer asked not to receive mailings, reminders or survey invitations.",
    )

    def _contact_policy_refusals(self, company=None):
        """{partner id: reason} for the partners of self that must not get a promotional
        contact now: opted out, over the month's limit, or quiet after a complaint."""
        company = company or self.env.company
        refusals = {}
        refusals.update(self._contact_refusals_quiet(company))
        refusals.update(self._contact_refusals_limit(company))
        refusals.update(self._contact_refusals_opt_out())
        return refusals

    def _contact_refusals_opt_out(self):
        return {
            partner.id: self.env._("opted out of promotional contact")
            for partner in self.sudo()
            if partner.contact_opt_out or partner.is_blacklisted
        }

    def _contact_refusals_limit(self, company):
        # The limit applies to the customer company: five contacts of one company share
        # its monthly allowance, so a mailing cannot reach the company five times over.
        limit = company.contact_max_promotional
        if limit <= 0:
            return {}
        by_company = self._contact_counts_by_company()
        refusals = {}
        for partner in self:
            promotional = by_company.get(partner.commercial_partner_id.id, (0, 0))[1]
            if promotional < limit:
                continue
            if partner.commercial_partner_id == partner:
                reason = self.env._(
                    "contacted %(count)s times this month (limit %(limit)s)",
                    count=promotional,
                    limit=limit,
                )
            else:
                reason = self.env._(
                    "%(company)s contacted %(count)s times this month (limit %(limit)s)",
                    company=partner.commercial_partner_id.display_name,
                    count=promotional,
                    limit=limit,
                )
            refusals[partner.id] = reason
        return refusals

    def _contact_refusals_quiet(self, company):
        # Soft dependency: complaints come from crm_customer_care when it is installed. A
        # send that is itself the complaint's follow-up asks to ignore the quiet days.
        if (
            company.contact_quiet_days <= 0
            or "crm.complaint" not in self.env
            or self.env.context.get("contact_policy_ignore_quiet")
        ):
            return {}
        since = fields.Datetime.now() - relativedelta(days=company.contact_quiet_days)
        groups = (
            self.env["crm.complaint"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "in", self.commercial_partner_id.ids),
                    ("create_date", ">=", since),
                ],
                ["commercial_partner_id"],
            )
        )
        complained = {commercial.id for (commercial,) in groups}
        return {
            partner.id: self.env._(
                "complained less than %(days)s days ago", days=company.contact_quiet_days
            )
            for partner in self
            if partner.commercial_partner_id.id in complained
        }

    def _contact_policy_note(self, refusals):
        """One line per held-back customer, for the chatter of the send."""
        names = dict(self.browse(list(refusals)).mapped(lambda p: (p.id, p.display_name)))
        return [f"{names[pid]}: {reason}" for pid, reason in refusals.items()]

    def _contact_policy_note_items(self, refusals):
        """The same lines as HTML list items that read right in both directions: each line
        takes the direction of its text, names keep their own."""
        names = dict(self.browse(list(refusals)).mapped(lambda p: (p.id, p.display_name)))
        return Markup("").join(
            Markup('<li dir="auto"><bdi>%s</bdi>: %s</li>') % (names[pid], reason)
            for pid, reason in refusals.items()
        )
