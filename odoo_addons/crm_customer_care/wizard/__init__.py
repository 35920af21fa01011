from . import crm_complaint_followup
from . import crm_complaint_from_message
