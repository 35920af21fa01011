from . import test_jalali_conversion
from . import test_jalali_group
from . import test_jalali_reports
from . import test_kpi_months
from . import test_tools_format_date
from . import test_translation
from . import test_web_client
