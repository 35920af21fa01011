"""The pyramid by predicted lifetime value, when the company's setting asks for it.

crm_customer_value ranks by the SQL expression in its settings' "ranking_value" (over its
alias `v` of crm_customer_value); this addon puts the predicted value there once the
company's models are fitted. Customers without a prediction (no posted invoice) have no
future purchases to count: they rank as worth nothing.
"""

from odoo.tools import SQL


def use_predicted_ranking(company, settings):
    if company.value_tier_on_prediction and company.value_prediction_state == "fitted":
        settings["ranking_value"] = SQL("COALESCE(v.predicted_clv, 0)")
    return settings
