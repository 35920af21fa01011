from unittest.mock import patch

from lxml import etree

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user

CALENDAR = "crm_jalali_calendar"


@tagged("post_install", "-at_install")
class TestCalendarWithPersian(TransactionCase):
    """Persian users were left on Gregorian dates named with Persian months: the Jalali
    calendar was optional and nothing installed it. Loading Persian now brings it, and the
    suite's settings offer it for a database that already has Persian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = mail_new_test_user(
            cls.env,
            login="suite_calendar_admin",
            groups="base.group_user,base.group_system,sales_team.group_sale_manager",
        )
        cls.calendar = cls.env["ir.module.module"].search([("name", "=", CALENDAR)])
        cls.persian = cls.env["res.lang"]._activate_lang("fa_IR")
        cls.english = cls.env["res.lang"]._activate_lang("en_US")

    def setUp(self):
        super().setUp()
        self.calendar.state = "uninstalled"  # as in a database set up without it

    def _installing(self, load):
        """The languages for which `load()` asks for the Jalali calendar (the install
        itself is a module operation, which tests may not run)."""
        asked = []
        Lang = self.registry["res.lang"]
        original = Lang._install_jalali_calendar

        def record(langs):
            asked.extend(langs.mapped("code"))
            return original(langs)

        # Loading a language's translations for every module is slow and beside the point.
        modules = self.registry["ir.module.module"]
        with (
            patch.object(Lang, "_install_jalali_calendar", record),
            patch.object(modules, "_update_translations", lambda *args, **kwargs: None),
        ):
            load()
        return asked

    def _load(self, lang):
        wizard = self.env["base.language.install"].with_user(self.admin)
        return lambda: wizard.create({"lang_ids": [(6, 0, lang.ids)]}).lang_install()

    def test_persian_wants_the_calendar_english_does_not(self):
        self.assertEqual(self.persian._jalali_calendar_to_install(), self.calendar)
        self.assertFalse(self.english._jalali_calendar_to_install())
        self.assertEqual((self.english | self.persian)._jalali_calendar_to_install(), self.calendar)
        self.calendar.state = "installed"
        self.assertFalse(self.persian._jalali_calendar_to_install())

    def test_loading_persian_installs_the_calendar(self):
        """Settings > Languages > Add, and the set-up script's loading of Persian."""
        self.assertEqual(self._installing(self._load(self.persian)), ["fa_IR"])
        self.assertEqual(self._installing(self._load(self.english)), ["en_US"])

    def test_activating_persian_in_the_list_installs_the_calendar(self):
        # Inactive as before it was loaded (users and contacts of the database read it,
        # so Odoo would refuse to switch it off).
        self.env.cr.execute("UPDATE res_lang SET active = false WHERE id = %s", [self.persian.id])
        self.persian.invalidate_recordset(["active"])
        installed = self._installing(lambda: self.persian.with_user(self.admin).toggle_active())
        self.assertEqual(installed, ["fa_IR"])

    def test_while_modules_load_it_joins_the_update(self):
        """Loading Persian while modules are being installed marks the calendar for the
        same update (Odoo installs what gets marked before the update ends)."""
        with patch.object(self.registry, "ready", False):
            self.persian._install_jalali_calendar()
        self.assertEqual(self.calendar.state, "to install")
        self.calendar.state = "uninstalled"
        with patch.object(self.registry, "ready", False):
            self.english._install_jalali_calendar()
        self.assertEqual(self.calendar.state, "uninstalled")

    def test_the_suites_settings_offer_the_calendar(self):
        """For a database that has Persian already: one box in the suite's settings."""
        settings = self.env["res.config.settings"].with_user(self.admin)
        arch = etree.fromstring(settings.get_view(view_type="form")["arch"])
        box = arch.xpath(f"//app[@name='crm_customer_suite']//field[@name='module_{CALENDAR}']")
        self.assertEqual(len(box), 1)
        self.assertFalse(settings.create({})[f"module_{CALENDAR}"])
        installed = []
        with patch.object(
            self.registry["ir.module.module"],
            "button_immediate_install",
            lambda modules: installed.extend(modules.mapped("name")),
        ):
            settings.create({f"module_{CALENDAR}": True}).execute()
        self.assertEqual(installed, [CALENDAR])
        self.calendar.state = "installed"
        self.assertTrue(settings.create({})[f"module_{CALENDAR}"])
