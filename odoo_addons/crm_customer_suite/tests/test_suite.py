from lxml import etree

from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools.misc import file_path

from odoo.addons.mail.tests.common import mail_new_test_user

SUITE = (
    "crm_customer_profile",
    "crm_customer_value",
    "crm_customer_value_prediction",
    "crm_loyalty_program",
    "crm_sync_connector",
    "crm_customer_care",
    "crm_customer_contact",
    "crm_customer_feedback",
    "crm_customer_kpi",
    "crm_customer_dashboard",
)


@tagged("post_install", "-at_install")
class TestCustomerSuite(TransactionCase):
    def _module(self, name):
        return self.env["ir.module.module"].search([("name", "=", name)])

    def test_one_entry_in_apps_installs_the_whole_suite(self):
        """Four separate app installs before: now one application depends on every addon
        of the suite and brings the sale glue along."""
        suite = self._module("crm_customer_suite")
        self.assertTrue(suite.application)
        self.assertEqual(suite.icon, "/crm_customer_suite/static/description/icon.png")
        self.assertTrue(file_path("crm_customer_suite/static/description/icon.png"))
        self.assertTrue(set(SUITE) <= set(suite.dependencies_id.mapped("name")))
        glue = self._module("crm_customer_profile_sale")
        self.assertTrue(glue.auto_install)
        self.assertEqual(glue.state, "installed")
        members = self.env["ir.module.module"].search(
            [("name", "in", [*SUITE, "crm_customer_profile_sale"])]
        )
        self.assertEqual(set(members.mapped("state")), {"installed"})
        self.assertFalse(members.filtered("application"), "the suite is the only app entry")

    def test_one_settings_section_gathers_the_suite(self):
        """The profile settings were under CRM, the value settings under Sales: both now
        sit in the suite's own section, with the loyalty and sync links."""
        admin = mail_new_test_user(
            self.env,
            login="suite_admin",
            groups="base.group_user,base.group_system,sales_team.group_sale_manager",
        )
        arch = etree.fromstring(
            self.env["res.config.settings"].with_user(admin).get_view(view_type="form")["arch"]
        )
        suite = arch.xpath("//app[@name='crm_customer_suite']")
        self.assertEqual(len(suite), 1)
        blocks = suite[0].xpath(".//block/@name")
        self.assertEqual(
            blocks,
            [
                "customer_profile_setting_container",
                "customer_value_setting_container",
                "customer_care_setting_container",
                "customer_contact_setting_container",
                "customer_suite_calendar_setting_container",
                "customer_suite_more_setting_container",
            ],
        )
        for field in ("customer_profile_review_cap", "value_tier_method", "value_tiers_missing"):
            self.assertTrue(suite[0].xpath(f".//field[@name='{field}']"), field)
        for block in ("customer_profile_setting_container", "customer_care_setting_container"):
            self.assertFalse(arch.xpath(f"//app[@name='crm']//block[@name='{block}']"), block)
        settings = (
            self.env["res.config.settings"]
            .with_user(admin)
            .create({"customer_profile_review_cap": 7})
        )
        settings.execute()
        param = (
            self.env["ir.config_parameter"].sudo().get_param("crm_customer_profile.review_max_open")
        )
        self.assertEqual(param, "7")
