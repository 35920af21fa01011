from . import test_lifetime_models
from . import test_cdnow_recompute
from . import test_prediction_recompute
from . import test_prediction_translation
from . import test_rial_company
from . import test_prediction_refused
