from . import test_value_formula
from . import test_value_queue
from . import test_value_recompute
from . import test_value_security
from . import test_value_tiers
from . import test_value_translation
