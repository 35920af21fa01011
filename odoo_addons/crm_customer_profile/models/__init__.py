from . import crm_customer_profile_mixin
from . import crm_profile_catalogue
from . import crm_customer_style
from . import crm_decision_basis
from . import crm_satisfaction_entry
from . import res_partner
from . import crm_lead
from . import res_config_settings
