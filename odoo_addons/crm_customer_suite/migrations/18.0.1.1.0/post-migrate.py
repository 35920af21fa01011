"""A database that loaded Persian before the calendar came with it gets the calendar now,
in this same update (a module marked for install while modules load is installed before
the update ends)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.lang"].search([])._install_jalali_calendar()
