from . import customer_glance
from . import last_contact
from . import res_config_settings
from . import res_lang
from . import sale_order
