from odoo import fields, models

from .res_partner import (
    DEFAULT_REVIEW_CAP,
    DEFAULT_REVIEW_MONTHS,
    REVIEW_CAP_PARAM,
    REVIEW_MONTHS_PARAM,
)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    customer_profile_review_months = fields.Integer(
        string="Review Customer Profiles Every (Months)",
        config_parameter=REVIEW_MONTHS_PARAM,
        default=DEFAULT_REVIEW_MONTHS,
        help="A profile not reviewed for this many months shows in the 'To Review' filter "
        "and its salesperson gets an activity.",
    )
    customer_profile_review_cap = fields.Integer(
        string="Open Review Requests per Salesperson",
        config_parameter=REVIEW_CAP_PARAM,
        default=DEFAULT_REVIEW_CAP,
        help="The daily cron gives a salesperson new review activities only while they have "
        "fewer open ones than this.",
    )
