from . import test_invitation_after_delivery
