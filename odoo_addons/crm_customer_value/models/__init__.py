from . import (
    account_move,
    crm_customer_value,
    crm_customer_value_recompute,
    crm_lead,
    crm_value_tier,
    crm_value_tier_history,
    res_company,
    res_config_settings,
    res_partner,
    value_formula,
)
