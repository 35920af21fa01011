from odoo import models
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column


class ResPartner(models.Model):
    """The scope of every existing partner, filled in SQL when the column is made.

    `customer_scope` is computed, stored and tracked (a person's change of it belongs in
    the history). Left to the ORM, installing the suite computes it for every partner and
    mail tracking posts "Internal / External -> External" on each: a line nobody wrote at
    the top of every customer's history, one message and one tracking value per partner
    (250,000 of each on a real company's database, most of the install's time and its
    lock on res_partner). The column made here, Odoo sees it exists and computes nothing;
    the SQL follows `_compute_customer_scope` rule for rule."""

    _inherit = "res.partner"

    def _auto_init(self):
        if not column_exists(self.env.cr, self._table, "customer_scope"):
            create_column(self.env.cr, self._table, "customer_scope", "varchar")
            self.env.cr.execute(self._customer_scope_fill_sql())
        return super()._auto_init()

    def _customer_scope_fill_sql(self):
        """Internal: active internal users, active employees (hr), the companies' own
        partners and the contacts filed under them; everyone else external."""
        cr = self.env.cr
        employees = SQL("FALSE")
        if column_exists(cr, "hr_employee", "work_contact_id"):
            employees = SQL(
                "EXISTS (SELECT 1 FROM hr_employee e WHERE e.work_contact_id = p.id AND e.active)"
            )
        return SQL(
            """
            UPDATE res_partner p
               SET customer_scope = CASE WHEN
                       EXISTS (SELECT 1 FROM res_users u
                                WHERE u.partner_id = p.id AND u.active AND NOT u.share)
                       OR %(employees)s
                       OR p.id IN (SELECT partner_id FROM res_company WHERE active)
                       OR p.parent_id IN (SELECT partner_id FROM res_company WHERE active)
                   THEN 'internal' ELSE 'external' END
            """,
            employees=employees,
        )
