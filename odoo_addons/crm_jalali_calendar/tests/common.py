import datetime

from odoo.tests import TransactionCase, new_test_user


class JalaliCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["res.lang"]._activate_lang("en_US")
        cls.salesman_fa = new_test_user(
            cls.env,
            login="jalali_salesman_fa",
            groups="sales_team.group_sale_salesman",
            lang="fa_IR",
            tz="Asia/Tehran",
        )
        cls.salesman_en = new_test_user(
            cls.env,
            login="jalali_salesman_en",
            groups="sales_team.group_sale_salesman",
            lang="en_US",
            tz="Asia/Tehran",
        )
        cls.customer_fa = cls.env["res.partner"].create(
            {"name": "Jalali Customer FA", "lang": "fa_IR", "email": "fa@example.com"}
        )
        cls.customer_en = cls.env["res.partner"].create(
            {"name": "Jalali Customer EN", "lang": "en_US", "email": "en@example.com"}
        )
        # Nowruz 1404 and, in Tehran (UTC+03:30), 00:30 on Nowruz.
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Jalali Nowruz lead",
                "partner_id": cls.customer_fa.id,
                # unassigned: both salespeople may read it
                "user_id": False,
                "date_deadline": datetime.date(2025, 3, 21),
                "date_closed": datetime.datetime(2025, 3, 20, 21, 0),
            }
        )
