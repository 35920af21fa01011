from odoo.tests.common import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user


class CustomerContactCase(TransactionCase):
    """A salesperson, a sales manager who also runs the mailings, and two customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write({"contact_max_promotional": 2, "contact_quiet_days": 14})
        cls.salesman = mail_new_test_user(
            cls.env,
            login="contact_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
            name="Contact Salesman",
            email="salesman@example.com",
        )
        cls.manager = mail_new_test_user(
            cls.env,
            login="contact_manager",
            groups="base.group_user,sales_team.group_sale_manager,"
            "mass_mailing.group_mass_mailing_user",
            name="Contact Manager",
            email="manager@example.com",
        )
        partners = cls.env["res.partner"].create(
            [
                {"name": "Bahar Customer", "email": "bahar@example.com", "mobile": "+989121234567"},
                {"name": "Kaveh Customer", "email": "kaveh@example.com", "mobile": "+989127654321"},
            ]
        )
        cls.bahar, cls.kaveh = partners

    @classmethod
    def _past_mailing_to(cls, partner, count=1):
        """Promotional contacts already made this month: traces of an earlier mailing."""
        mailing = cls.env["mailing.mailing"].create(
            {
                "subject": "Earlier news",
                "body_html": "<p>News</p>",
                "mailing_model_id": cls.env["ir.model"]._get_id("res.partner"),
            }
        )
        cls.env["mailing.trace"].create(
            [
                {
                    "mass_mailing_id": mailing.id,
                    "model": "res.partner",
                    "res_id": partner.id,
                    "email": partner.email_normalized,
                    "trace_status": "sent",
                }
                for _i in range(count)
            ]
        )
        return mailing
