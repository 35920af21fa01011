from . import crm_next_contact
from . import crm_segment_coupon
from . import mail_compose_message
