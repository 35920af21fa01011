from . import (
    crm_customer_profile_mixin,
    crm_customer_style,
    crm_decision_basis,
    crm_lead,
    crm_satisfaction_entry,
    res_config_settings,
    res_partner,
)
