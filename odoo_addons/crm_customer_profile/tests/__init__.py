from . import (
    test_access_rights,
    test_customer_scope,
    test_lead_profile,
    test_profile_review,
    test_satisfaction,
    test_translation,
)
