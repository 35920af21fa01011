from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Loading Persian installs it (res_lang.py); the box is for a database that had
    # Persian before, or a company that wants it without Persian users yet.
    module_crm_jalali_calendar = fields.Boolean(string="Jalali Calendar for Persian Users")
