from . import crm_customer_dashboard
from . import dashboard_drilldown
