"""The key-customer card mail prints the level's discount as the card does: "10%", not "10.0%"."""

from odoo.modules.migration import load_script
from odoo.tests import tagged
from odoo.tools.misc import file_path

from .test_levels_and_cards import KeyCardCase

MIGRATION = "crm_loyalty_program/migrations/18.0.1.0.1/post-migrate.py"
OLD_LINE = '<p>with <t t-out="object.level_id.discount"></t>% off every purchase</p>'


@tagged("post_install", "-at_install")
class TestCardMail(KeyCardCase):
    def gold_card(self):
        self.order(price=200).action_confirm()
        card = self.card()
        self.assertEqual(card.level_id, self.gold)
        return card

    def test_mail_prints_the_discount_like_the_card(self):
        card = self.gold_card()
        template = self.env.ref("crm_loyalty_program.mail_template_key_customer_card")
        body = template._render_field("body_html", card.ids)[card.id]
        self.assertIn('<bdi dir="ltr">10%</bdi>', body)
        self.assertNotIn("10.0%", body)

    def test_upgrade_rewrites_the_old_discount_and_nothing_else(self):
        card = self.gold_card()
        template = self.env.ref("crm_loyalty_program.mail_template_key_customer_card")
        edited = "<p>Our own words, edited by the company.</p>"
        self.env.cr.execute(
            "UPDATE mail_template SET body_html = jsonb_build_object('en_US', %s::text)"
            " WHERE id = %s",
            (OLD_LINE + edited, template.id),
        )
        template.invalidate_recordset(["body_html"])
        self.assertIn("10.0%", template._render_field("body_html", card.ids)[card.id])

        load_script(file_path(MIGRATION), "crm_loyalty_program_post_migrate").migrate(
            self.env.cr, "18.0.1.0.0"
        )
        template.invalidate_recordset(["body_html"])

        body = template._render_field("body_html", card.ids)[card.id]
        self.assertIn('<bdi dir="ltr">10%</bdi>', body)
        self.assertIn(edited, body)

    def test_upgrade_leaves_a_rewritten_discount_alone(self):
        template = self.env.ref("crm_loyalty_program.mail_template_key_customer_card")
        own = "<p>With <b>a discount</b> on every purchase.</p>"
        template.body_html = own
        load_script(file_path(MIGRATION), "crm_loyalty_program_post_migrate").migrate(
            self.env.cr, "18.0.1.0.0"
        )
        template.invalidate_recordset(["body_html"])
        self.assertEqual(str(template.body_html), own)
