from datetime import timedelta

from odoo import Command, fields

from odoo.addons.crm_loyalty_program.tests.common import key_card_values
from odoo.addons.mail.tests.common import mail_new_test_user

SALESMAN_GROUPS = "base.group_user,sales_team.group_sale_salesman"


class GlanceCase:
    """A company customer of a salesperson, with a contact, a satisfaction history, a
    profile, two open complaints (one the salesperson handles, one a colleague does), a
    key-customer card with a level, contacts in the past and one agreed."""

    @classmethod
    def setUpGlance(cls):
        env = cls.env
        cls.salesman = mail_new_test_user(
            env, login="glance_salesman", groups=SALESMAN_GROUPS, lang="en_US"
        )
        cls.colleague = mail_new_test_user(env, login="glance_colleague", groups=SALESMAN_GROUPS)
        cls.employee = mail_new_test_user(env, login="glance_employee", groups="base.group_user")
        cls.style = env["crm.customer.style"].search([], limit=1)
        cls.basis = env["crm.decision.basis"].search([], limit=1)
        cls.customer = env["res.partner"].create(
            {
                "name": "Glance Trading Co.",
                "is_company": True,
                "user_id": cls.salesman.id,
                "customer_style_id": cls.style.id,
                "decision_basis_id": cls.basis.id,
                "next_contact_date": fields.Date.today() + timedelta(days=3),
                "next_contact_means": "phone",
            }
        )
        cls.contact = env["res.partner"].create(
            {"name": "Glance Buyer", "parent_id": cls.customer.id, "email": "buyer@glance.example"}
        )
        cls.customer.record_satisfaction("happy", date=fields.Datetime.now() - timedelta(days=40))
        cls.customer.record_satisfaction("angry", date=fields.Datetime.now() - timedelta(days=2))
        Complaint = env["crm.complaint"]
        cls.own_complaint = Complaint.create(
            {
                "subject": "Late delivery",
                "partner_id": cls.contact.id,
                "user_id": cls.salesman.id,
                "date_open": fields.Datetime.now() - timedelta(days=6),
            }
        )
        cls.other_complaint = Complaint.create(
            {
                "subject": "Wrong invoice",
                "partner_id": cls.customer.id,
                "user_id": cls.colleague.id,
                "date_open": fields.Datetime.now() - timedelta(days=20),
            }
        )
        cls.tier = env.ref("crm_customer_value.crm_value_tier_gold")
        env["crm.customer.value"].sudo().create(
            {
                "partner_id": cls.customer.id,
                "company_id": env.company.id,
                "value_tier_id": cls.tier.id,
            }
        )
        cls.program = env["loyalty.program"].create(
            key_card_values(
                "Glance key card", 100, [{"name": "Glance Gold", "min_points": 0, "discount": 5}]
            )
        )
        cls.level = cls.program.level_ids
        cls.card = env["loyalty.card"].create(
            {
                "program_id": cls.program.id,
                "partner_id": cls.customer.id,
                "points": 150,
                "level_id": cls.level.id,
            }
        )
        # A call logged on the customer four days ago: the last contact.
        cls.call_date = fields.Datetime.now().replace(microsecond=0) - timedelta(days=4)
        cls.customer.message_post(
            body="Called about the delivery",
            mail_activity_type_id=env.ref("mail.mail_activity_data_call").id,
            subtype_xmlid="mail.mt_note",
        ).date = cls.call_date
        cls.lead = env["crm.lead"].create(
            {
                "name": "Glance renewal",
                "type": "opportunity",
                "partner_id": cls.contact.id,
                "user_id": cls.salesman.id,
            }
        )
        cls.product = env["product.product"].create({"name": "Glance item", "list_price": 100})
        cls.order = (
            env["sale.order"]
            .with_user(cls.salesman)
            .create(
                {
                    "partner_id": cls.contact.id,
                    "order_line": [Command.create({"product_id": cls.product.id})],
                }
            )
        )
