from . import (
    test_value_formula,
    test_value_recompute,
    test_value_security,
    test_value_tiers,
    test_value_translation,
)
