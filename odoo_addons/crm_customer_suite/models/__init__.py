from . import customer_glance
from . import last_contact
from . import sale_order
