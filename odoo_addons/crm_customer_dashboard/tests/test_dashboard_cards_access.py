from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

# Their records are mailing traces and survey answers: Email Marketing's and Surveys' own.
MARKETING = (
    "mailings_sent",
    "mailing_response",
    "sms_sent",
    "sms_response",
    "survey_invitations",
    "survey_response",
)


@tagged("post_install", "-at_install")
class TestDashboardCardsAccess(TransactionCase):
    """Issue 26.10: six cards (Mailings, SMS, Survey) opened lists a sales manager may not
    read, and the click ended in an access error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="dash_cards_manager",
            groups="base.group_user,sales_team.group_sale_manager",
        )
        cls.env["crm.kpi.snapshot"].refresh_snapshots(months=1)

    def cards(self, user):
        data = self.env["crm.customer.dashboard"].with_user(user).get_dashboard_data({})
        return {card["code"]: card for card in data["cards"] + data["customer_cards"]}

    def test_every_card_opens_what_the_manager_reads_or_says_why_not(self):
        dashboard = self.env["crm.customer.dashboard"].with_user(self.manager)
        cards = self.cards(self.manager)
        for code, card in cards.items():
            with self.subTest(indicator=code):
                if card.get("denied"):
                    with self.assertRaises(AccessError):
                        dashboard.open_records({}, code)
                    continue
                action = dashboard.open_records({}, code)
                if action:
                    model = self.env[action["res_model"]].with_user(self.manager)
                    model.search(action["domain"])
        denied = {code for code, card in cards.items() if card.get("denied")}
        self.assertLessEqual(set(MARKETING), denied)
        self.assertIn("Email Marketing", cards["mailings_sent"]["denied"])
        self.assertIn("Surveys", cards["survey_response"]["denied"])
        self.assertIn("Email Marketing", cards["mailings_sent"]["denied_short"])
        # every figure of the indicator knows it, the team table's cells too
        data = dashboard.get_dashboard_data({})
        self.assertEqual(set(data["denied"]), denied)

    def test_a_manager_of_email_marketing_opens_the_mailings(self):
        marketer = new_test_user(
            self.env,
            login="dash_cards_marketer",
            groups="base.group_user,sales_team.group_sale_manager,"
            "mass_mailing.group_mass_mailing_user",
        )
        card = self.cards(marketer)["mailings_sent"]
        self.assertFalse(card["denied"])
        action = (
            self.env["crm.customer.dashboard"].with_user(marketer).open_records({}, "mailings_sent")
        )
        self.env[action["res_model"]].with_user(marketer).search(action["domain"])
