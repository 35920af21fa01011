"""Issue 23, defect 10: a compensation is positive, at most what the invoice still owes
the customer unless a care manager confirms more, and a voucher is issued once. Amounts
are in the complaint company's currency: company A counts in dollars, company B in rials.
"""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.crm_customer_profile.tests.roles import SuiteRolesCase

CARE_USER = "base.group_user,crm_customer_care.crm_customer_care_group_user"
CARE_MANAGER = "base.group_user,crm_customer_care.crm_customer_care_group_manager"


@tagged("post_install", "-at_install")
class TestCompensationLimits(SuiteRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.care_user_a = cls._user("limits_care_user_a", CARE_USER, cls.company_a)
        cls.care_manager_a = cls._user("limits_care_manager_a", CARE_MANAGER, cls.company_a)
        cls.care_user_b = cls._user("limits_care_user_b", CARE_USER, cls.company_b)
        cls.product = cls.env["product.product"].create(
            {"name": "Walnut table", "type": "consu", "taxes_id": [Command.clear()]}
        )
        cls.invoice_a = cls._invoice(cls.company_a, cls.customer_a, 500.0)
        cls.complaint_a = cls._complaint(cls.care_user_a, cls.company_a, cls.invoice_a)

    @classmethod
    def _invoice(cls, company, customer, price):
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=company.ids))
        invoice = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "company_id": company.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "quantity": 1,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    @classmethod
    def _complaint(cls, user, company, invoice=None):
        return (
            cls.env["crm.complaint"]
            .with_user(user)
            .create(
                {
                    "subject": "Scratched table",
                    "partner_id": invoice.partner_id.id if invoice else cls.customer_a.id,
                    "company_id": company.id,
                    "invoice_id": invoice.id if invoice else False,
                    "compensation_type": "gift",
                }
            )
        )

    def _refund(self, invoice, amount):
        """Another refund of the invoice, posted, for part of its amount."""
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Earlier refund"})
        )
        reversal.reverse_moves()
        credit_note = invoice.reversal_move_ids
        credit_note.invoice_line_ids.price_unit = amount
        credit_note.action_post()
        return credit_note

    def test_care_user_cannot_enter_a_negative_compensation(self):
        """care user of A enters a compensation of -500 dollars."""
        complaint = self.complaint_a.with_user(self.care_user_a)
        with self.assertRaises(ValidationError):
            complaint.compensation_amount = -500
        with self.assertRaises(ValidationError):
            self.env["crm.complaint"].with_user(self.care_user_a).create(
                {"subject": "Negative", "partner_id": self.customer_a.id, "compensation_amount": -1}
            )

    def test_care_user_cannot_exceed_the_invoice(self):
        """care user of A enters 1e15 dollars, then one cent more than the invoice."""
        complaint = self.complaint_a.with_user(self.care_user_a)
        with self.assertRaises(ValidationError):
            complaint.compensation_amount = 1e15
        with self.assertRaises(ValidationError):
            complaint.compensation_amount = 500.01
        complaint.compensation_amount = 500.0
        # Within the currency's rounding is the same amount.
        complaint.compensation_amount = 500.004
        self.assertEqual(complaint.compensation_amount, 500.0)

    def test_earlier_posted_credit_notes_lower_the_limit(self):
        """care user of A: the invoice was already refunded by 200 dollars; 300 remain."""
        self._refund(self.invoice_a, 200.0)
        complaint = self.complaint_a.with_user(self.care_user_a)
        with self.assertRaises(ValidationError):
            complaint.compensation_amount = 300.01
        complaint.compensation_amount = 300.0

    def test_care_user_cannot_confirm_more_than_the_invoice(self):
        """care user of A confirms, as a manager would, a compensation above the invoice."""
        complaint = self.complaint_a.with_user(self.care_user_a)
        with self.assertRaises(AccessError):
            complaint.write({"compensation_approved_amount": 800, "compensation_amount": 800})

    def test_care_manager_confirms_more_than_the_invoice(self):
        """care manager of A confirms 800 dollars for a 500 dollar invoice; the care user
        may then lower it, not raise it past what the manager confirmed."""
        self.complaint_a.with_user(self.care_manager_a).write(
            {"compensation_approved_amount": 800, "compensation_amount": 800}
        )
        self.assertEqual(self.complaint_a.compensation_approved_by_id, self.care_manager_a)
        complaint = self.complaint_a.with_user(self.care_user_a)
        complaint.compensation_amount = 700
        with self.assertRaises(ValidationError):
            complaint.compensation_amount = 800.01

    def test_without_invoice_a_manager_confirms_any_amount(self):
        """care user of A sets an amount on a complaint without an invoice: a care manager
        confirms it first."""
        complaint = self._complaint(self.care_user_a, self.company_a)
        with self.assertRaises(ValidationError):
            complaint.with_user(self.care_user_a).compensation_amount = 50
        complaint.with_user(self.care_manager_a).compensation_approved_amount = 50
        complaint.with_user(self.care_user_a).compensation_amount = 50

    def test_rial_company_counts_past_a_trillion(self):
        """care user of B compensates 5·10^12 rials, what the rial invoice says."""
        self.env["account.chart.template"].try_loading(
            "generic_coa", self.company_b, install_demo=False
        )
        # The generic chart counts in dollars; company B keeps its rials.
        self.company_b.currency_id = self.env.ref("base.IRR")
        invoice_b = self._invoice(self.company_b, self.customer_b, 5e12)
        self.assertEqual(invoice_b.company_currency_id, self.env.ref("base.IRR"))
        complaint = self._complaint(self.care_user_b, self.company_b, invoice_b)
        self.assertEqual(complaint.currency_id, self.env.ref("base.IRR"))
        complaint.with_user(self.care_user_b).compensation_amount = 5e12
        with self.assertRaises(ValidationError):
            complaint.with_user(self.care_user_b).compensation_amount = 5e12 + 1

    def test_the_error_says_the_limit_in_the_companys_currency(self):
        """care user of A over the limit reads the limit in dollars, in Persian too."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["crm_customer_care"], ["fa_IR"])
        complaint = self.complaint_a.with_user(self.care_user_a)
        with self.assertRaises(ValidationError) as caught:
            complaint.compensation_amount = 1e15
        self.assertIn("500", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            complaint.with_context(lang="fa_IR").compensation_amount = 1e15
        self.assertIn("مدیر", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            complaint.with_context(lang="fa_IR").compensation_amount = -5
        self.assertIn("منفی", str(caught.exception))

    def test_voucher_is_issued_once(self):
        """care manager of A issues the apology coupon twice for the same complaint."""
        program = self.env["loyalty.program"].create(
            {
                "name": "Apology coupon",
                "program_type": "coupons",
                "trigger": "with_code",
                "applies_on": "current",
                "company_id": self.company_a.id,
                "reward_ids": [
                    Command.create(
                        {"reward_type": "discount", "discount": 10, "discount_mode": "percent"}
                    )
                ],
            }
        )
        self.company_a.complaint_voucher_program_id = program
        complaint = self.complaint_a.with_user(self.care_manager_a)
        complaint.action_issue_voucher()
        coupon = complaint.voucher_id
        self.assertTrue(coupon)
        with self.assertRaises(UserError):
            complaint.action_issue_voucher()
        self.assertEqual(complaint.voucher_id, coupon)
        self.assertEqual(self.env["loyalty.card"].search([("program_id", "=", program.id)]), coupon)

    def test_replacement_is_ordered_once(self):
        """salesperson_all orders the replacement twice for the same complaint."""
        complaint = (
            self.env["crm.complaint"]
            .with_user(self.salesperson_all)
            .create(
                {
                    "subject": "Broken leg",
                    "partner_id": self.customer_a.id,
                    "product_id": self.product.id,
                }
            )
        )
        complaint.action_create_replacement()
        order = complaint.replacement_order_id
        with self.assertRaises(UserError):
            complaint.action_create_replacement()
        self.assertEqual(complaint.replacement_order_id, order)
