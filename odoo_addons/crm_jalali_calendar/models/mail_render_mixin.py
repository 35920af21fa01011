"""Mail templates' ``format_date`` / ``format_datetime`` write Jalali dates for
recipients whose language uses the Jalali calendar (the template is rendered in the
recipient's language, so ``lang_code`` or the context's lang decides)."""

from odoo import api, models

from . import jalali_format


class MailRenderMixin(models.AbstractModel):
    _inherit = "mail.render.mixin"

    @api.model
    def _render_eval_context(self):
        render_context = super()._render_eval_context()
        gregorian_date = render_context["format_date"]
        gregorian_datetime = render_context["format_datetime"]
        env = self.env

        def format_date(date, date_format=False, lang_code=False):
            lang = date and jalali_format.jalali_lang(env, lang_code or None)
            if not lang:
                return gregorian_date(date, date_format, lang_code)
            return jalali_format.format_date(env, date, lang, date_format)

        def format_datetime(dt, tz=False, dt_format=False, lang_code=False):
            lang = dt and jalali_format.jalali_lang(env, lang_code or None)
            if not lang:
                return gregorian_datetime(dt, tz, dt_format, lang_code)
            return jalali_format.format_datetime(env, dt, lang, tz=tz, dt_format=dt_format)

        render_context.update(format_date=format_date, format_datetime=format_datetime)
        return render_context
