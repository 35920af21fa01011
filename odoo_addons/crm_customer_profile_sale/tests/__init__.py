from . import test_sale_warning
