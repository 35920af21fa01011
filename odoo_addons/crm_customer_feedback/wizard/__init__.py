from . import crm_feedback_fill
