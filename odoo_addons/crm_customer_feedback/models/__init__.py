from . import crm_feedback_level_map
from . import survey_survey
from . import survey_user_input
from . import survey_invite
from . import crm_satisfaction_entry
from . import res_partner
from . import crm_feedback_invitation_rule
