from odoo.tests import HttpCase, tagged


def _hoot_error_checker(message):
    # Same rule as web's test_js: only HOOT's own failure lines end the run.
    return "[HOOT]" not in message or message == "[HOOT] test failed (see above for details)"


@tagged("post_install", "-at_install")
class TestSatisfactionGraph(HttpCase):
    def test_satisfaction_colours_hoot(self):
        """Graphs grouped by satisfaction go from red (angry) to green (delighted)."""
        self.browser_js(
            "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
            "&filter=/crm_customer_profile/",
            "",
            "",
            login="admin",
            timeout=300,
            success_signal="[HOOT] test suite succeeded",
            error_checker=_hoot_error_checker,
        )

    def test_menu_and_title_agree(self):
        """The satisfaction menu opens a page of the same name."""
        self.env["res.lang"]._activate_lang("fa_IR")
        # overwrite: a database upgraded from before keeps the action's old Persian title
        self.env["ir.module.module"]._load_module_terms(
            ["crm_customer_profile"], ["fa_IR"], overwrite=True
        )
        menu = self.env.ref("crm_customer_profile.crm_satisfaction_entry_menu")
        for lang in ("en_US", "fa_IR"):
            menu = menu.with_context(lang=lang)
            self.assertEqual(menu.name, menu.action.with_context(lang=lang).name)
