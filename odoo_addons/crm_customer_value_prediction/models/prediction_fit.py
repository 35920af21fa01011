"""One fit per company, then every customer's prediction, all in numpy.

The company's last fit (parameters, status, message) is kept on the company and shown in
the settings. When the data cannot support a fit the predictions are cleared: no
prediction is better than a wrong one.
"""

import logging

from odoo import fields

from ..lib import lifetime_models as lm
from .prediction_inputs import prediction_inputs
from .prediction_storage import clear_predictions, store_predictions

_logger = logging.getLogger(__name__)

DAYS_PER_WEEK = 7.0
FORECAST_MONTHS = (3, 6, 12)


def predict_company(env, company, settings):
    """Fit the company's models and store every customer's prediction; False if the
    data could not support a fit (the company's status says why)."""
    partner_ids, frequency, recency, age, avg_spend, margin_share = prediction_inputs(
        env, company, settings
    )
    # the literature's time unit; alpha is stored in weeks
    recency, age = recency / DAYS_PER_WEEK, age / DAYS_PER_WEEK
    try:
        if not partner_ids.size:
            raise lm.PredictionError("no posted invoice", "no_customers")
        bgnbd = lm.fit_bgnbd(frequency, recency, age)
        spend = lm.fit_gamma_gamma(frequency, avg_spend)
        columns = predictions(company, settings, bgnbd, spend, frequency, recency, age, avg_spend)
    except lm.PredictionError as error:
        _logger.info("no customer prediction for %s: %s", company.name, error)
        clear_predictions(env, company)
        record_fit(
            company, partner_ids.size, frequency, message=error_message(env, error), error=error
        )
        return False
    columns["predicted_clv"] = columns["predicted_clv"] * margin_share
    store_predictions(env, company, partner_ids, columns)
    record_fit(company, partner_ids.size, frequency, bgnbd=bgnbd, spend=spend)
    return True


def predictions(company, settings, bgnbd, spend, frequency, recency, age, avg_spend):
    """Columns of the stored predictions, one value per customer."""
    order_value = lm.expected_average_spend(spend, frequency, avg_spend)
    columns = {
        "repeat_purchases": frequency,
        "alive_probability": lm.probability_alive(bgnbd, frequency, recency, age),
        "expected_order_value": order_value,
        "predicted_clv": lm.predicted_lifetime_value(
            bgnbd,
            order_value,
            frequency,
            recency,
            age,
            company.value_prediction_months,
            settings["discount_rate"],
        ),
    }
    for months in FORECAST_MONTHS:
        columns[f"expected_purchases_{months}m"] = lm.expected_purchases(
            bgnbd, frequency, recency, age, months * lm.WEEKS_PER_MONTH
        )
    return columns


def error_message(env, error):
    """The reason a fit failed, in the user's language, with what to do about it."""
    _ = env._
    messages = {
        "few_repeaters": _(
            "Only %(count)s customers bought more than once; at least %(minimum)s are "
            "needed to learn how customers buy, leave and spend. No prediction until then.",
            count=error.details.get("count", 0),
            minimum=error.details.get("minimum", lm.MIN_REPEAT_CUSTOMERS),
        ),
        "no_convergence": _(
            "The models did not converge on these customers' history: no prediction."
        ),
        "unstable": _(
            "The models have no stable solution on this data (customers too alike or too "
            "few): no prediction."
        ),
        "no_mean_spend": _(
            "A few very large orders dominate spending: the expected order value cannot "
            "be predicted."
        ),
        "no_customers": _("No customer has a posted invoice yet."),
    }
    return messages.get(error.reason, _("The customers' data cannot be used for a prediction."))


def record_fit(company, customers, frequency, bgnbd=None, spend=None, message="", error=None):
    company.sudo().write(
        {
            "value_prediction_state": "fitted" if bgnbd else "failed",
            "value_prediction_message": message,
            # the case and its figures, so that each reader gets the reason in their own
            # language (res.company._value_prediction_note), not the fit's
            "value_prediction_reason": error.reason if error else False,
            "value_prediction_details": dict(error.details) if error else False,
            "value_prediction_fitted_at": fields.Datetime.now(),
            "value_prediction_customers": customers,
            "value_prediction_repeaters": int((frequency > 0).sum()),
            "value_bgnbd_r": bgnbd.r if bgnbd else 0.0,
            "value_bgnbd_alpha": bgnbd.alpha if bgnbd else 0.0,
            "value_bgnbd_a": bgnbd.a if bgnbd else 0.0,
            "value_bgnbd_b": bgnbd.b if bgnbd else 0.0,
            "value_spend_p": spend.p if spend else 0.0,
            "value_spend_q": spend.q if spend else 0.0,
            "value_spend_gamma": spend.gamma if spend else 0.0,
        }
    )
