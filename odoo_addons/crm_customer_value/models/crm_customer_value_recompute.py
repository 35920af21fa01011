"""Entry points of the customer-value recompute; each runs the same steps, each step a
module of plain functions over the environment:

1. aggregate invoices and apply the formula (value_aggregation.py);
2. store the money side of each value (value_storage.py);
3. score and tier the whole company (value_ranking.py);
4. tell people about tier moves (value_notification.py).

`_recompute_company` does all of a company's customers at once (the "Recompute now"
button); `_cron_recompute_values` works through the queue of crm_customer_value_queue.py a
batch at a time. Nothing here reads one customer's invoices at a time; see
bench/value_recompute.py.
"""

import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .crm_customer_value_queue import RECOMPUTE_CRON
from .value_aggregation import aggregate_money, load_new_values, value_settings
from .value_notification import announce_tier_changes
from .value_ranking import rank_company
from .value_storage import store_money

_logger = logging.getLogger(__name__)

LOCK_KEY = 51_873  # pg advisory lock namespace of this addon (any constant)


class CrmCustomerValue(models.Model):
    _inherit = "crm.customer.value"

    @api.model
    def _cron_recompute_values(self):
        """One batch of the queue per call (Odoo 18's batched cron): Odoo commits and
        calls again while `remaining` is not zero."""
        queue = self.env["crm.customer.value.queue"]
        queue._enqueue_daily_refresh()
        company = queue._next_company()
        if not company:
            return
        self.env.flush_all()
        if not self._lock_company(company):
            # "Recompute now" is running for this company: come back in a minute.
            self._retry_later()
            return
        partner_ids = queue._take_batch(company)
        count = self._recompute_partners(company, partner_ids)
        if not queue._pending(company):
            self._finish_company(company)
        self.env["ir.cron"]._notify_progress(done=count or 1, remaining=queue._pending())

    @api.model
    def _recompute_company(self, company):
        """Recompute every customer of `company` now, in this transaction.

        Returns {"count": customers written, "changed": customers that changed tier}."""
        self.env.flush_all()
        if not self._lock_company(company):
            raise UserError(
                self.env._("Customer values of %s are being recomputed already.", company.name)
            )
        self.env["crm.customer.value.queue"]._forget(company)
        settings = value_settings(self.env, company)
        rows = aggregate_money(self.env, company, settings)
        load_new_values(self.env, settings, rows)
        store_money(self.env, company)
        changes = self._finish_company(company, settings)
        return {"count": len(rows), "changed": len(changes)}

    # ------------------------------------------------------------------ steps

    @api.model
    def _recompute_partners(self, company, partner_ids):
        """Aggregate and store a batch of customers; returns how many were looked at."""
        if not partner_ids:
            return 0
        settings = value_settings(self.env, company)
        rows = aggregate_money(self.env, company, settings, partner_ids)
        load_new_values(self.env, settings, rows)
        store_money(self.env, company, partner_ids)
        self.env.invalidate_all()  # written in SQL
        return len(partner_ids)

    @api.model
    def _finish_company(self, company, settings=None):
        """Rank the company's customers and announce the tier moves."""
        settings = settings or value_settings(self.env, company)
        changes = rank_company(self.env, company, settings)
        self.env.invalidate_all()
        announce_tier_changes(self.env, company, changes)
        _logger.info("customer values of %s ranked: %s tier changes", company.name, len(changes))
        return changes

    def _lock_company(self, company):
        """One recompute per company at a time; the lock ends with the transaction."""
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", LOCK_KEY, company.id))
        return self.env.cr.fetchone()[0]

    def _retry_later(self):
        cron = self.env.ref(RECOMPUTE_CRON)
        cron.sudo()._trigger(at=fields.Datetime.now() + timedelta(minutes=1))
