from . import test_dashboard_data
from . import test_dashboard_access
from . import test_dashboard_tour
from . import test_dashboard_drilldown
from . import test_dashboard_currency
