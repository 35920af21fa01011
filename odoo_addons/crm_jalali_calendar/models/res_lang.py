from odoo import api, fields, models

from .jalali_sql import create_jalali_calendar


class ResLang(models.Model):
    _inherit = "res.lang"

    jalali_calendar = fields.Boolean(
        compute="_compute_jalali_calendar",
        store=True,
        readonly=False,
        help="Users of this language read, type and pick dates in the Solar Hijri "
        "(Jalali) calendar; stored dates stay Gregorian.",
    )
    jalali_persian_digits = fields.Boolean(
        string="Persian Digits in Dates",
        help="Write Jalali dates with Persian digits (۱۴۰۴/۰۹/۰۲) instead of 1404/09/02.",
    )

    def init(self):
        result = super().init()
        create_jalali_calendar(self.env.cr)
        return result

    @api.depends("code")
    def _compute_jalali_calendar(self):
        # Persian is the language whose speakers live by the Solar Hijri calendar;
        # every other language keeps Odoo's Gregorian behaviour unless switched on.
        for lang in self:
            lang.jalali_calendar = bool(lang.code) and lang.code.startswith("fa")

    def _jalali_session_flags(self):
        """What the web client needs to know about this language's calendar (all off
        for no language, e.g. an inactive one)."""
        return {
            "calendar": bool(self.jalali_calendar),
            "persian_digits": bool(self.jalali_calendar and self.jalali_persian_digits),
        }
