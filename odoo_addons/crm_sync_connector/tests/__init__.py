from . import test_lead_batch
from . import test_lead_robustness
from . import test_overflow
from . import test_batch_key
from . import test_lease_and_runs
from . import test_sync_security
from . import test_email_batch
from . import test_email_safety
