from . import test_customer_glance
from . import test_customer_glance_tour
from . import test_suite
from . import test_calendar_with_persian
