"""The apology email now gives the voucher's code (issue 26 #6). Its template is
``noupdate``: reload it from the file, with its Persian, unless a person edited it since
the install (then it is theirs to change)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("crm_customer_care.mail_template_complaint_resolved", False)
    if template and template.write_uid.id == SUPERUSER_ID:
        template.reset_template()
