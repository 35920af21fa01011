from . import crm_sync_import_mixin
from . import crm_sync_source
from . import crm_sync_binding
from . import crm_sync_run
from . import crm_sync_dead_letter
from . import crm_lead
from . import crm_sync_lead_import
from . import crm_sync_email_import
