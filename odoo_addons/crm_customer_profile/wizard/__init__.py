from . import crm_satisfaction_record
