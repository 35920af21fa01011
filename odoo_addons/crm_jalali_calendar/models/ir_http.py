from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        info = super().session_info()
        # The language the web client speaks (its translations and formats come from
        # user_context), so that its calendar never disagrees with them.
        user_lang = info.get("user_context", {}).get("lang") or self.env.user.lang
        lang = self.env["res.lang"]._lang_get(user_lang or "en_US")
        info["jalali"] = lang._jalali_session_flags()
        if lang.jalali_calendar and "user_context" in info:
            # Every request of this user's web client asks for Jalali periods
            # when grouping by month/quarter/year (see models/base.py).
            # A copy: Odoo may share this dict with the HTTP session's context.
            info["user_context"] = {**info["user_context"], "jalali_periods": True}
        return info
