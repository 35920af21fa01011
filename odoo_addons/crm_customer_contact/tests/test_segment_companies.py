import ast

from odoo.tests import tagged

from .common import CustomerContactCase


@tagged("post_install", "-at_install")
class TestSegmentCompanies(CustomerContactCase):
    def test_tier_segment_uses_the_tiers_of_the_sending_company(self):
        """A second company with tiers of its own: its platinum customer is in the
        "platinum and gold" segment when the mailing goes out from that company."""
        other = self.env["res.company"].create({"name": "Tabriz Branch"})
        self.manager.write({"company_ids": [(4, other.id)]})
        platinum = self.env["crm.value.tier"].create(
            {"name": "Platinum", "code": "platinum", "customer_share": 5, "company_id": other.id}
        )
        self.env["crm.customer.value"].create(
            {"partner_id": self.kaveh.id, "company_id": other.id, "value_tier_id": platinum.id}
        )
        segment = self.env.ref("crm_customer_contact.mailing_filter_top_tiers_not_unhappy")
        segment_domain = ast.literal_eval(segment.mailing_domain)
        domain = [("id", "in", (self.bahar | self.kaveh).ids), *segment_domain]
        partners = self.env["res.partner"].with_user(self.manager)
        self.assertEqual(partners.with_company(other).search(domain), self.kaveh)
        self.assertFalse(partners.with_company(self.company).search(domain))
