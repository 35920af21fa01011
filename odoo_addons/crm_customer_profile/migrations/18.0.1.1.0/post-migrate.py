"""Databases that had the addon before the review clock: start it as an install does."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.partner"]._start_profile_review_clock()
