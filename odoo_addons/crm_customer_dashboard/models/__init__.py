from . import crm_customer_dashboard
from . import dashboard_drilldown
from . import dashboard_preference
