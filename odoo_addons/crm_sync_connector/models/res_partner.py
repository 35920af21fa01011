from odoo import models
from odoo.tools.sql import create_index


class ResPartner(models.Model):
    _inherit = "res.partner"

    def init(self):
        """Every batch of submissions looks contacts up by normalised email and sanitised
        phone (crm.sync.lead.matching), as crm.lead indexes its own: without these indexes
        each batch reads the whole contacts table."""
        result = super().init()
        for column in ("email_normalized", "phone_sanitized"):
            create_index(
                self.env.cr,
                f"res_partner_{column}_crm_sync_index",
                self._table,
                [column],
                where=f"{column} IS NOT NULL",
            )
        return result
