"""Reports and QWeb pages print Jalali dates for readers of a Jalali language."""

from odoo import api, models

from . import jalali_format


class IrQwebFieldDate(models.AbstractModel):
    _inherit = "ir.qweb.field.date"

    @api.model
    def value_to_html(self, value, options):
        lang = value and jalali_format.jalali_lang(self.env)
        if not lang:
            return super().value_to_html(value, options)
        return jalali_format.format_date(self.env, value, lang, options.get("format"))


class IrQwebFieldDatetime(models.AbstractModel):
    _inherit = "ir.qweb.field.datetime"

    @api.model
    def value_to_html(self, value, options):
        lang = value and jalali_format.jalali_lang(self.env)
        # Time-only output has no calendar: Odoo's own formatting is right.
        if not lang or options.get("time_only"):
            return super().value_to_html(value, options)
        if options.get("date_only"):
            local = self.with_context(tz=options.get("tz_name") or self.env.context.get("tz"))
            return jalali_format.format_date(local.env, value, lang, options.get("format"))
        return jalali_format.format_datetime(
            self.env,
            value,
            lang,
            tz=options.get("tz_name"),
            dt_format=options.get("format"),
            hide_seconds=options.get("hide_seconds"),
        )
