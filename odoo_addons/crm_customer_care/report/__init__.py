from . import crm_complaint_resolution_report
