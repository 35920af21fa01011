from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import USER, ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintCompensation(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Oak chair", "list_price": 250.0, "type": "consu"}
        )
        cls.invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_line_ids": [
                    Command.create({"product_id": cls.product.id, "quantity": 2, "price_unit": 250})
                ],
            }
        )
        cls.invoice.action_post()
        cls.accountant = new_test_user(
            cls.env,
            login="care_accountant",
            groups=f"base.group_user,account.group_account_invoice,{USER}",
            name="Care Accountant",
        )

    def test_refund_creates_a_real_credit_note(self):
        """Odoo's own reversal wizard makes the credit note; the complaint links it."""
        complaint = self._complaint(user=self.accountant, invoice_id=self.invoice.id)
        action = complaint.with_user(self.accountant).action_refund()
        self.assertEqual(action["res_model"], "account.move.reversal")
        wizard_form = Form(
            self.env["account.move.reversal"]
            .with_user(self.accountant)
            .with_context(**action["context"])
        )
        wizard = wizard_form.save()
        wizard.refund_moves()
        credit_note = complaint.credit_note_ids
        self.assertEqual(len(credit_note), 1)
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.reversed_entry_id, self.invoice)
        self.assertEqual(credit_note.amount_total, self.invoice.amount_total)
        self.assertIn(complaint.name, credit_note.ref)
        self.assertEqual(complaint.compensation_type, "refund")
        # A draft refunds nothing yet: the complaint counts what is posted (issue 26 #5).
        self.assertEqual(complaint.compensation_refunded_amount, 0.0)
        credit_note.with_user(self.accountant).action_post()
        self.assertEqual(complaint.compensation_refunded_amount, self.invoice.amount_total)

    def test_refund_needs_a_posted_invoice(self):
        complaint = self._complaint(user=self.accountant)
        with self.assertRaises(UserError):
            complaint.with_user(self.accountant).action_refund()

    def test_voucher_creates_a_real_coupon(self):
        """The manager issues a coupon of the company's apology programme."""
        program = self.env["loyalty.program"].create(
            {
                "name": "Apology coupon",
                "program_type": "coupons",
                "trigger": "with_code",
                "applies_on": "current",
                "reward_ids": [
                    Command.create(
                        {"reward_type": "discount", "discount": 10, "discount_mode": "percent"}
                    )
                ],
            }
        )
        self.company.complaint_voucher_program_id = program
        complaint = self._complaint(user=self.manager)
        complaint.with_user(self.manager).action_issue_voucher()
        coupon = complaint.voucher_id
        self.assertEqual(coupon.program_id, program)
        self.assertEqual(coupon.partner_id, self.customer)
        self.assertEqual(coupon.points, 1.0)
        self.assertTrue(coupon.code)
        self.assertEqual(complaint.voucher_code, coupon.code)
        self.assertEqual(self.env["loyalty.card"].search([("program_id", "=", program.id)]), coupon)

    def test_voucher_without_programme_is_refused(self):
        self.company.complaint_voucher_program_id = False
        complaint = self._complaint(user=self.manager)
        with self.assertRaises(UserError):
            complaint.with_user(self.manager).action_issue_voucher()

    def test_replacement_order_at_zero(self):
        """A salesperson replaces the goods: a sale order at price zero, linked."""
        complaint = self._complaint(user=self.salesman, product_id=self.product.id)
        complaint.with_user(self.salesman).action_create_replacement()
        order = complaint.replacement_order_id
        self.assertEqual(order.partner_id, self.contact)
        self.assertEqual(order.origin, complaint.name)
        self.assertEqual(order.order_line.product_id, self.product)
        self.assertEqual(order.amount_total, 0.0)
        self.assertEqual(complaint.compensation_type, "replacement")
