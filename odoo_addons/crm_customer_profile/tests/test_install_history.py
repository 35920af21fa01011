from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstallLeavesHistoryAlone(TransactionCase):
    """Issue 30: installing the suite posted "Internal / External -> External" on every
    contact (249,298 notifications for 250,000 partners): the stored, tracked scope was
    computed by the ORM for all of them at once. The install fills it without a word;
    a person's change of it is still tracked."""

    def _partner_messages(self, partners):
        return self.env["mail.message"].search_count(
            [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
        )

    def _install_the_scope_column_again(self):
        """What installing the addon does to res_partner: the column does not exist, the
        registry makes it (res.partner's _auto_init), Odoo flushes, the transaction
        commits (where mail tracking posts its messages)."""
        self.env.flush_all()
        self.env.cr.execute("ALTER TABLE res_partner DROP COLUMN customer_scope CASCADE")
        self.env.invalidate_all()
        self.registry.init_models(
            self.env.cr, ["res.partner"], {"module": "crm_customer_profile"}, install=True
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    def test_install_posts_no_message_on_any_partner(self):
        company_partner = self.env.company.partner_id
        customers = self.env["res.partner"].create(
            [{"name": f"Customer {number}"} for number in range(3000)]
        )
        colleague = self.env["res.partner"].create(
            {"name": "Colleague", "parent_id": company_partner.id}
        )
        self.env.cr.precommit.run()  # what creating them posts, posted now
        everyone = customers | colleague | company_partner
        before = self._partner_messages(everyone)

        self._install_the_scope_column_again()

        self.assertEqual(self._partner_messages(everyone), before)
        self.assertEqual(set(customers.mapped("customer_scope")), {"external"})
        self.assertEqual(colleague.customer_scope, "internal")
        self.assertEqual(company_partner.customer_scope, "internal")
        self.assertEqual(self.env.ref("base.user_admin").partner_id.customer_scope, "internal")

        # a person's change is still history
        before = self._partner_messages(customers[0])
        customers[0].customer_scope = "internal"
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(self._partner_messages(customers[0]), before + 1)
