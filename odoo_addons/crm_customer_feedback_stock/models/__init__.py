from . import crm_feedback_invitation_rule
