"""Customers whose value must be recomputed, and the cron that works through them.

Posting an invoice only appends its customer here (one INSERT, no lock, no ranking), so
accounting never waits for, nor fails because of, the customer values. The cron
recomputes the queued customers of one company per call, a batch at a time, in Odoo 18's
batched-cron pattern: one batch, report progress, return; Odoo commits and calls again
while work remains. The company's ranking runs once its queue is empty.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

RECOMPUTE_CRON = "crm_customer_value.ir_cron_recompute_values"
BATCH_SIZE = 2000
TRIGGER_DELAY_SECONDS = 10  # a burst of postings in these seconds wakes the cron once
COMMIT_MARGIN_SECONDS = 2  # time a posting transaction has to commit before the run


class CrmCustomerValueQueue(models.Model):
    _name = "crm.customer.value.queue"
    _description = "Customer Value to Recompute"
    _log_access = False  # appended by every invoice posting: keep the row small

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, ondelete="cascade", index=True)

    # ------------------------------------------------------------------ filling

    @api.model
    def _enqueue(self, pairs):
        """Queue (partner id, company id) pairs; duplicates are harmless and never block."""
        pairs = [pair for pair in pairs if all(pair)]
        if not pairs:
            return
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_customer_value_queue (partner_id, company_id)
                SELECT * FROM unnest(%s::int[], %s::int[])
                """,
                [pair[0] for pair in pairs],
                [pair[1] for pair in pairs],
            )
        )
        self._trigger_recompute()

    @api.model
    def _trigger_recompute(self):
        """Wake the recompute cron a few seconds from now, unless a wake-up is already
        planned for later than this transaction's commit: a burst of postings asks once.

        A planned wake-up still in the future belongs to no running job, so the run it
        starts reads the queue after this transaction has committed. Being in the future,
        it sends no NOTIFY: the cron runner takes it at its next poll."""
        cron = self.env.ref(RECOMPUTE_CRON, raise_if_not_found=False)
        if not cron:
            return
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                "SELECT 1 FROM ir_cron_trigger WHERE cron_id = %s AND call_at >= %s LIMIT 1",
                cron.id,
                now + timedelta(seconds=COMMIT_MARGIN_SECONDS),
            )
        )
        if not self.env.cr.fetchone():
            cron.sudo()._trigger(at=now + timedelta(seconds=TRIGGER_DELAY_SECONDS))

    @api.model
    def _enqueue_company(self, company):
        """Queue every customer of `company`: the nightly refresh and the first run after
        install. Set-based: one INSERT ... SELECT."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_customer_value_queue (partner_id, company_id)
                SELECT partner_id, %(company_id)s FROM (
                    SELECT DISTINCT aml.partner_id
                      FROM account_move_line aml
                      JOIN account_move am ON am.id = aml.move_id
                     WHERE aml.company_id = %(company_id)s
                       AND aml.parent_state = 'posted'
                       AND aml.display_type = 'product'
                       AND am.move_type IN ('out_invoice', 'out_refund')
                       AND aml.partner_id IS NOT NULL
                     UNION
                    SELECT p.id
                      FROM res_partner p
                     WHERE p.customer_rank > 0
                       AND p.active
                       AND p.id = p.commercial_partner_id
                       AND (p.company_id IS NULL OR p.company_id = %(company_id)s)
                     UNION
                    SELECT v.partner_id FROM crm_customer_value v
                     WHERE v.company_id = %(company_id)s
                ) customers
                """,
                company_id=company.id,
            )
        )
        return self.env.cr.rowcount

    @api.model
    def _enqueue_daily_refresh(self):
        """Once a day every customer is recomputed: recency moves on without invoices."""
        today = fields.Date.context_today(self)
        companies = (
            self.env["res.company"]
            .sudo()
            .search(["|", ("value_refreshed_on", "=", False), ("value_refreshed_on", "<", today)])
        )
        for company in companies:
            self._enqueue_company(company)
        companies.value_refreshed_on = today

    # ------------------------------------------------------------------ draining

    @api.model
    def _next_company(self):
        self.env.cr.execute("SELECT company_id FROM crm_customer_value_queue ORDER BY id LIMIT 1")
        row = self.env.cr.fetchone()
        return self.env["res.company"].browse(row[0]) if row else None

    @api.model
    def _take_batch(self, company, limit=None):
        """The first `limit` distinct customers queued for `company`, removed from the
        queue (their duplicates too). Rows that concurrent postings add stay for the next
        call, which their own trigger asks for."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT partner_id FROM crm_customer_value_queue
                 WHERE company_id = %s
              GROUP BY partner_id
              ORDER BY MIN(id)
                 LIMIT %s
                """,
                company.id,
                limit or BATCH_SIZE,
            )
        )
        partner_ids = [row[0] for row in cr.fetchall()]
        cr.execute(
            SQL(
                """
                DELETE FROM crm_customer_value_queue
                 WHERE company_id = %s AND partner_id = ANY(%s)
                """,
                company.id,
                partner_ids,
            )
        )
        return partner_ids

    @api.model
    def _forget(self, company):
        """A full recompute of `company` covered every queued customer it can see."""
        self.env.cr.execute(
            SQL("DELETE FROM crm_customer_value_queue WHERE company_id = %s", company.id)
        )

    @api.model
    def _pending(self, company=None):
        where = SQL("WHERE company_id = %s", company.id) if company else SQL("")
        self.env.cr.execute(
            SQL(
                "SELECT COUNT(DISTINCT (partner_id, company_id)) FROM crm_customer_value_queue %s",
                where,
            )
        )
        return self.env.cr.fetchone()[0]
