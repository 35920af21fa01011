from . import test_access_rights
from . import test_customer_scope
from . import test_lead_profile
from . import test_profile_review
from . import test_satisfaction
from . import test_translation
from . import test_satisfaction_graph
from . import test_install_history
