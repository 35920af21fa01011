from . import loyalty_level
from . import loyalty_rule
from . import loyalty_program
from . import loyalty_card
from . import sale_order
from . import sale_order_line
from . import res_partner
