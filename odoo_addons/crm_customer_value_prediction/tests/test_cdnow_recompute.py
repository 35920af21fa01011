import logging
import time

import numpy as np

from odoo.tests import freeze_time, tagged

from odoo.addons.crm_customer_value.models.value_aggregation import value_settings
from odoo.addons.crm_customer_value.tests.common import CustomerValueCase
from odoo.addons.crm_customer_value_prediction.lib import lifetime_models as lm
from odoo.addons.crm_customer_value_prediction.models.prediction_inputs import (
    prediction_inputs,
)

from . import cdnow, invoice_clone

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestCdnowInOdoo(CustomerValueCase):
    """CDNOW's 2,357 customers as Odoo customers with posted invoices (one per customer and
    purchase day of the 39-week calibration, copied in SQL from an invoice Odoo posted: see
    invoice_clone.py), valued by the suite's own recompute on the last day of calibration."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        started = time.perf_counter()
        cls.days = cdnow.purchase_days()
        cls.partners = cls.env["res.partner"].create(
            [{"name": f"CDNOW {customer:04d}"} for customer in sorted(cls.days)]
        )
        partner_of = dict(zip(sorted(cls.days), cls.partners.ids, strict=True))
        template = invoice_clone.post_template(cls.env, cls.new_customer("Invoice template"))
        rows = [
            (partner_of[customer], day, amount)
            for customer, spent in cls.days.items()
            for day, amount in spent.items()
            if day <= cdnow.CALIBRATION_END
        ]
        invoice_clone.clone_invoices(cls.env, template, rows, "CDNOW/")
        template.button_draft()
        template.button_cancel()
        with freeze_time(f"{cdnow.CALIBRATION_END} 12:00:00"):
            cls.env["crm.customer.value"]._recompute_company(cls.company)
        cls.values = cls.env["crm.customer.value"].search(
            [("company_id", "=", cls.company.id), ("partner_id", "in", cls.partners.ids)]
        )
        _logger.info(
            "CDNOW: %s invoices posted and valued in %.1f s",
            len(rows),
            time.perf_counter() - started,
        )

    def test_fitted_parameters_match_the_published_table(self):
        self.assertEqual(self.company.value_prediction_state, "fitted")
        self.assertEqual(self.company.value_prediction_customers, len(self.partners))
        fitted = {
            "r": self.company.value_bgnbd_r,
            "alpha": self.company.value_bgnbd_alpha,
            "a": self.company.value_bgnbd_a,
            "b": self.company.value_bgnbd_b,
            "p": self.company.value_spend_p,
            "q": self.company.value_spend_q,
            "gamma": self.company.value_spend_gamma,
        }
        published = {**cdnow.PUBLISHED_BGNBD, **cdnow.PUBLISHED_SPEND}
        for name, value in published.items():
            with self.subTest(parameter=name):
                self.assertEqual(cdnow.significant(fitted[name]), cdnow.significant(value))

    def test_holdout_model_beats_naive_baseline(self):
        """The next 39 weeks of each customer, predicted from what Odoo aggregated and
        fitted, against what they bought (from the file: never loaded into Odoo)."""
        company = self.company
        with freeze_time(f"{cdnow.CALIBRATION_END} 12:00:00"):
            settings = value_settings(self.env, company)
        partner_ids, x, recency, age, _spend, _margin = prediction_inputs(
            self.env, company, settings
        )
        bgnbd = lm.BgNbdParams(
            company.value_bgnbd_r,
            company.value_bgnbd_alpha,
            company.value_bgnbd_a,
            company.value_bgnbd_b,
        )
        predicted = lm.expected_purchases(bgnbd, x, recency / 7, age / 7, cdnow.HOLDOUT_WEEKS)
        naive = x / (age / 7) * cdnow.HOLDOUT_WEEKS
        customer_of = {partner.id: int(partner.name.split()[1]) for partner in self.partners}
        summary = cdnow.summary(self.days)
        actual = np.array([summary["holdout"][customer_of[pid] - 1] for pid in partner_ids])
        model_mae = np.abs(predicted - actual).mean()
        naive_mae = np.abs(naive - actual).mean()
        _logger.info(
            "CDNOW in Odoo, 39-week holdout, per-customer MAE: model %.3f, "
            "calibration rate carried forward %.3f",
            model_mae,
            naive_mae,
        )
        self.assertLess(model_mae, 0.85 * naive_mae)

    def test_every_customer_has_a_prediction(self):
        self.assertEqual(len(self.values), len(self.partners))
        self.assertFalse(self.values.filtered(lambda value: not value.alive_status))
        self.assertTrue(all(value.predicted_clv >= 0 for value in self.values))
        self.assertGreater(sum(self.values.mapped("predicted_clv")), 0)
        single = self.values.filtered(lambda value: value.repeat_purchases == 0)
        self.assertEqual(set(single.mapped("alive_status")), {"single"})
        repeat = self.values - single
        self.assertEqual(
            set(repeat.mapped("alive_status")),
            {"active", "at_risk", "lost"},
            "CDNOW's repeat buyers span the three statuses",
        )
        for value in repeat:
            self.assertLessEqual(value.expected_purchases_3m, value.expected_purchases_12m)

    def test_salesperson_sees_the_prediction_on_the_customer(self):
        partner = self.values.sorted("predicted_clv", reverse=True)[0].partner_id
        as_salesman = partner.with_user(self.salesman)
        self.assertTrue(as_salesman.value_alive_status)
        self.assertGreater(as_salesman.value_predicted_clv, 0)
        self.assertIn(
            as_salesman,
            self.env["res.partner"]
            .with_user(self.salesman)
            .search([("value_alive_status", "=", as_salesman.value_alive_status)]),
        )
