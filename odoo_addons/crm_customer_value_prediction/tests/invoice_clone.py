"""Many posted customer invoices in a few statements, for data sets of thousands.

Odoo creates and posts one real invoice of 1.00 (one line, no tax); every other invoice is
a copy of its rows, column for column, with its own number, customer and dates and every
money column scaled by its amount. The rows are the ones Odoo itself wrote for a posted
invoice, which keeps the load faithful at a few seconds instead of minutes through the ORM.
"""

from odoo import Command
from odoo.tools import SQL

MOVE_MONEY = (
    "amount_untaxed",
    "amount_tax",
    "amount_total",
    "amount_residual",
    "amount_untaxed_signed",
    "amount_untaxed_in_currency_signed",
    "amount_tax_signed",
    "amount_total_signed",
    "amount_total_in_currency_signed",
    "amount_residual_signed",
    "quick_edit_total_amount",
)
LINE_MONEY = (
    "balance",
    "debit",
    "credit",
    "amount_currency",
    "amount_residual",
    "amount_residual_currency",
    "price_unit",
    "price_subtotal",
    "price_total",
    "tax_base_amount",
)


def post_template(env, partner):
    move = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_line_ids": [
                Command.create({"name": "CDs", "price_unit": 1.0, "tax_ids": [Command.clear()]})
            ],
        }
    )
    move.action_post()
    env.flush_all()
    return move


def clone_invoices(env, template, rows, prefix):
    """Posted copies of `template` (an invoice of 1.00) for (partner id, date, amount)."""
    cr = env.cr
    cr.execute(
        """
        CREATE TEMP TABLE invoice_clone (
            n serial, move_id integer, partner_id integer, day date, amount numeric
        ) ON COMMIT DROP
        """
    )
    cr.execute(
        SQL(
            """
            INSERT INTO invoice_clone (partner_id, day, amount)
            SELECT * FROM unnest(%s::int[], %s::date[], %s::numeric[])
            """,
            [row[0] for row in rows],
            [row[1] for row in rows],
            [row[2] for row in rows],
        )
    )
    cr.execute("UPDATE invoice_clone SET move_id = nextval('account_move_id_seq')")
    replaced = {
        "id": SQL("c.move_id"),
        "name": SQL("%s || c.n", prefix),
        "payment_reference": SQL("%s || c.n", prefix),
        "sequence_prefix": SQL("%s", prefix),
        "sequence_number": SQL("c.n"),
        "partner_id": SQL("c.partner_id"),
        "commercial_partner_id": SQL("c.partner_id"),
        "partner_shipping_id": SQL("c.partner_id"),
        "date": SQL("c.day"),
        "invoice_date": SQL("c.day"),
        "invoice_date_due": SQL("c.day"),
        "secure_sequence_number": SQL("NULL"),
        "inalterable_hash": SQL("NULL"),
    }
    _copy(cr, "account_move", template.id, "id", replaced, MOVE_MONEY)
    replaced = {
        "move_id": SQL("c.move_id"),
        "move_name": SQL("%s || c.n", prefix),
        "partner_id": SQL("c.partner_id"),
        "date": SQL("c.day"),
        "invoice_date": SQL("c.day"),
        "date_maturity": SQL("c.day"),
    }
    _copy(cr, "account_move_line", template.id, "move_id", replaced, LINE_MONEY, skip=("id",))
    env.invalidate_all()


def _copy(cr, table, template_id, key, replaced, money, skip=()):
    cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            table,
        )
    )
    columns = [name for (name,) in cr.fetchall() if name not in skip]
    values = [
        replaced.get(name)
        or (
            SQL("t.%s * c.amount", SQL.identifier(name))
            if name in money
            else SQL("t.%s", SQL.identifier(name))
        )
        for name in columns
    ]
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s t CROSS JOIN invoice_clone c WHERE t.%s = %s",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(name) for name in columns),
            SQL(", ").join(values),
            SQL.identifier(table),
            SQL.identifier(key),
            template_id,
        )
    )
