from . import test_invitation_after_complaint
from . import test_translation
