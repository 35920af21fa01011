import datetime
from unittest.mock import patch

from odoo.tests import HttpCase, new_test_user, tagged

from ..models import jalali


def _hoot_error_checker(message):
    # Same rule as web's test_js: only HOOT's own failure lines end the run.
    return "[HOOT]" not in message or message == "[HOOT] test failed (see above for details)"


@tagged("post_install", "-at_install")
class TestJalaliWebClient(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["res.lang"]._activate_lang("en_US")
        cls.salesman = new_test_user(
            cls.env,
            login="jalali_tour_salesman",
            groups="sales_team.group_sale_salesman",
            lang="fa_IR",
            tz="Asia/Tehran",
        )

    def test_session_tells_the_web_client(self):
        """Persian sessions carry the calendar flags; English ones change nothing."""
        english = new_test_user(
            self.env, login="jalali_tour_english", groups="base.group_user", lang="en_US"
        )
        self.authenticate(self.salesman.login, self.salesman.login)
        info = self.make_jsonrpc_request("/web/session/get_session_info", {})
        self.assertEqual(info["jalali"], {"calendar": True, "persian_digits": False})
        self.assertTrue(info["user_context"]["jalali_periods"])
        self.authenticate(english.login, english.login)
        info = self.make_jsonrpc_request("/web/session/get_session_info", {})
        self.assertFalse(info["jalali"]["calendar"])
        self.assertNotIn("jalali_periods", info["user_context"])

    def test_session_calendar_follows_the_web_clients_language(self):
        """The calendar flags follow the language of the session's user context (which
        the web client's translations and formats follow), not a user record read apart:
        they can never give a Jalali calendar to an English web client."""
        users = type(self.env["res.users"])
        context_get = users.context_get

        def english_context(records):
            return {**context_get(records), "lang": "en_US"}

        self.authenticate(self.salesman.login, self.salesman.login)
        with patch.object(users, "context_get", english_context):
            info = self.make_jsonrpc_request("/web/session/get_session_info", {})
        self.assertEqual(info["user_context"]["lang"], "en_US")
        self.assertFalse(info["jalali"]["calendar"])
        self.assertNotIn("jalali_periods", info["user_context"])

    def test_grouped_list_rpc_in_jalali_months(self):
        """The web client's own RPC (call_kw web_read_group) groups by Jalali month.

        Regression: the overrides had lost ``@api.model``, so every grouped list, pivot
        and graph of a Persian user failed with an IndexError in call_kw."""
        leads = self.env["crm.lead"].create(
            [
                {"name": "Jalali RPC Aban", "user_id": self.salesman.id,
                 "date_deadline": datetime.date(2025, 11, 21)},
                {"name": "Jalali RPC Azar", "user_id": self.salesman.id,
                 "date_deadline": datetime.date(2025, 11, 22)},
            ]
        )  # fmt: skip
        self.authenticate(self.salesman.login, self.salesman.login)
        context = {"lang": "fa_IR", "tz": "Asia/Tehran", "jalali_periods": True}
        kwargs = {
            "domain": [("id", "in", leads.ids)],
            "fields": ["date_deadline"],
            "groupby": ["date_deadline:month"],
            "context": context,
        }
        for method in ("web_read_group", "read_group"):
            result = self.make_jsonrpc_request(
                f"/web/dataset/call_kw/crm.lead/{method}",
                {"model": "crm.lead", "method": method, "args": [], "kwargs": kwargs},
            )
            groups = result["groups"] if method == "web_read_group" else result
            self.assertEqual(
                [group["date_deadline:month"] for group in groups], ["آبان 1404", "آذر 1404"]
            )

    def test_unit_tests(self):
        """The hoot unit tests of conversion, display, parsing and the picker."""
        self.browser_js(
            "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000&filter=/crm_jalali_calendar/",
            "",
            "",
            login="admin",
            timeout=600,
            success_signal="[HOOT] test suite succeeded",
            error_checker=_hoot_error_checker,
        )

    def test_pick_jalali_date_stores_gregorian(self):
        """A Persian salesperson picks Farvardin 20 1404: the lead stores 2025-04-09."""
        lead = self.env["crm.lead"].create(
            {"name": "Jalali picker lead", "type": "opportunity", "user_id": self.salesman.id}
        )
        self.start_tour(
            f"/odoo/crm.lead/{lead.id}", "crm_jalali_calendar_pick_date", login=self.salesman.login
        )
        self.assertEqual(lead.date_deadline, datetime.date(2025, 4, 9))

    def test_this_month_filter_follows_jalali_month(self):
        """The default period of a date filter is this Jalali month, not this Gregorian one.

        The two leads sit on either side of the Jalali month's first day, which always
        falls inside one Gregorian month, so a Gregorian filter lists both or neither."""
        today = datetime.date.today()
        start = jalali.month_start(today)
        # Noon UTC keeps both on the same Tehran day.
        this_month, last_month = (
            datetime.datetime.combine(day, datetime.time(12))
            for day in (start, start - datetime.timedelta(days=1))
        )
        self.env["crm.lead"].create(
            [
                {
                    "name": "Jalali this month",
                    "date_closed": this_month,
                    "user_id": self.salesman.id,
                },
                {
                    "name": "Jalali last month",
                    "date_closed": last_month,
                    "user_id": self.salesman.id,
                },
            ]
        )
        action = self.env["ir.actions.act_window"].create(
            {
                "name": "Jalali leads",
                "res_model": "crm.lead",
                "view_mode": "list",
                "domain": "[('name', 'like', 'Jalali ')]",
                "search_view_id": self.env.ref("crm.view_crm_case_leads_filter").id,
                "context": "{'search_default_filter_date_closed': 1, 'active_test': False}",
            }
        )
        self.start_tour(
            f"/odoo/action-{action.id}",
            "crm_jalali_calendar_month_filter",
            login=self.salesman.login,
        )

    def test_calendar_view_in_jalali(self):
        """The calendar of a Persian salesperson shows Farvardin 1404 with Nowruz on its
        1st, leap Esfand 1403 with 30 days, and a week with Jalali day headers."""
        self.env["crm.lead"].create(
            {"name": "Jalali Nowruz lead", "user_id": self.salesman.id,
             "date_deadline": datetime.date(2025, 3, 21)}
        )  # fmt: skip
        view = self.env["ir.ui.view"].create(
            {
                "name": "crm.lead jalali calendar",
                "model": "crm.lead",
                "type": "calendar",
                "arch": '<calendar date_start="date_deadline" mode="month">'
                '<field name="name"/></calendar>',
            }
        )
        action = self.env["ir.actions.act_window"].create(
            {
                "name": "Jalali calendar",
                "res_model": "crm.lead",
                "view_mode": "calendar",
                "view_id": view.id,
                "domain": "[('name', 'like', 'Jalali ')]",
                "context": "{'initial_date': '2025-03-25 08:00:00'}",
            }
        )
        self.start_tour(
            f"/odoo/action-{action.id}",
            "crm_jalali_calendar_calendar_view",
            login=self.salesman.login,
        )

    def test_compare_to_previous_jalali_month(self):
        """ "Compare to previous period" on this Jalali month compares with the previous
        Jalali month: one lead closed this month against two closed just before its 1st
        (all three in one Gregorian month, so Gregorian ranges cannot give 1 and 2)."""
        start = jalali.month_start(datetime.date.today())
        self.env["crm.lead"].create(
            [
                {
                    "name": f"Jalali cmp {day}",
                    "user_id": self.salesman.id,
                    # Noon UTC keeps each on the same Tehran day.
                    "date_closed": datetime.datetime.combine(day, datetime.time(12)),
                }
                for day in (start, start - datetime.timedelta(days=1),
                            start - datetime.timedelta(days=2))
            ]
        )  # fmt: skip
        action = self.env["ir.actions.act_window"].create(
            {
                "name": "Jalali comparison",
                "res_model": "crm.lead",
                "view_mode": "pivot",
                "domain": "[('name', 'like', 'Jalali cmp')]",
                "search_view_id": self.env.ref("crm.view_crm_case_leads_filter").id,
                "context": "{'search_default_filter_date_closed': 1, 'active_test': False, "
                "'pivot_measures': ['__count']}",
            }
        )
        self.start_tour(
            f"/odoo/action-{action.id}",
            "crm_jalali_calendar_comparison",
            login=self.salesman.login,
        )
