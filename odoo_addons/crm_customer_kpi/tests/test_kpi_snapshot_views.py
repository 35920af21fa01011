from lxml import etree

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestKpiSnapshotViews(TransactionCase):
    def test_default_filters_both_apply(self):
        """'Whole Company' and 'Measured' open the snapshots together: filters of one
        group are OR-ed by Odoo, so a separator must part them, or the teams' rows
        add to the company's in the pivot (a 64% conversion read as 232%)."""
        action = self.env.ref("crm_customer_kpi.crm_kpi_snapshot_action")
        arch = self.env["crm.kpi.snapshot"].get_views([(False, "search")])["views"]["search"][
            "arch"
        ]
        search = etree.fromstring(arch)
        children = list(search)
        company = children.index(search.find("filter[@name='company_level']"))
        measured = children.index(search.find("filter[@name='measured']"))
        between = children[company + 1 : measured]
        self.assertTrue([node for node in between if node.tag == "separator"])
        self.assertIn("search_default_company_level", action.context)
        self.assertIn("search_default_measured", action.context)
