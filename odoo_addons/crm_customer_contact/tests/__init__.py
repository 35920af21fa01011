from . import test_contact_policy
from . import test_next_contact
from . import test_reminder_plan
from . import test_purchase_promise
from . import test_translation
from . import test_segment_coupon
