from odoo.tests import tagged

from .common import CustomerContactCase


@tagged("post_install", "-at_install")
class TestPromotionalEmail(CustomerContactCase):
    def _compose(self, user, **values):
        return (
            self.env["mail.compose.message"]
            .with_user(user)
            .with_context(
                default_model="res.partner",
                default_res_ids=self.bahar.ids,
                default_composition_mode="comment",
            )
            .create(
                dict(
                    {"subject": "Our offer", "body": "<p>Spring offer</p>"},
                    partner_ids=self.bahar.ids,
                    **values,
                )
            )
        )

    def test_email_marked_promotional_counts(self):
        """The salesperson ticks Promotional on a hand-written email: it counts against the
        limit; an unmarked reply does not."""
        self._compose(self.salesman, contact_promotional=True).action_send_mail()
        self._compose(self.salesman).action_send_mail()
        customer = self.bahar.with_user(self.salesman)
        self.assertEqual(customer.contact_count_month, 2)
        self.assertEqual(customer.contact_promotional_count_month, 1)

    def test_promotional_template_marks_the_email(self):
        template = self.env["mail.template"].create(
            {
                "name": "New products",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "subject": "New products",
                "body_html": "<p>Our new range</p>",
                "contact_promotional": True,
            }
        )
        composer = self._compose(self.manager, template_id=template.id)
        self.assertTrue(composer.contact_promotional)
        composer.action_send_mail()
        self.assertEqual(self.bahar.with_user(self.manager).contact_promotional_count_month, 1)
