from . import test_survey_satisfaction
from . import test_invitations
from . import test_translation
from . import test_roles_feedback
