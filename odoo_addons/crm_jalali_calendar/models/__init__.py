from . import base
from . import ir_http
from . import ir_qweb_fields
from . import mail_render_mixin
from . import res_company
from . import res_config_settings
from . import res_lang
from . import tools_format_date
