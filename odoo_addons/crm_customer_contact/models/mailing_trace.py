from odoo import models
from odoo.tools import create_index


class MailingTrace(models.Model):
    _inherit = "mailing.trace"

    def init(self):
        # The monthly contact count reads one month of traces; without this index it
        # scans every trace ever sent.
        result = super().init()
        create_index(self.env.cr, "mailing_trace_create_date_index", self._table, ["create_date"])
        return result
