from . import test_kpi_indicators
from . import test_kpi_inventory
from . import test_kpi_snapshots
from . import test_kpi_access
from . import test_kpi_snapshot_views
from . import test_kpi_local_months
from . import test_kpi_mass_mail
from . import test_roles_kpi
