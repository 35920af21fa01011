from . import test_invitation_after_delivery
from . import test_translation
