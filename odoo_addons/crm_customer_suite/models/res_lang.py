"""The Jalali calendar comes with Persian: loading Persian (Settings > Languages, or the
set-up script) installs crm_jalali_calendar, so Persian users never meet Gregorian dates
named with Persian months. Other languages change nothing."""

import threading

from odoo import models, tools

JALALI_CALENDAR = "crm_jalali_calendar"


def lives_by_jalali(code):
    """Whether readers of the language ``code`` live by the Solar Hijri calendar: Persian,
    the languages crm_jalali_calendar gives its Jalali flag."""
    return bool(code) and code.startswith("fa")


class ResLang(models.Model):
    _inherit = "res.lang"

    def toggle_active(self):
        result = super().toggle_active()
        self.filtered("active")._install_jalali_calendar()
        return result

    def _jalali_calendar_to_install(self):
        """The Jalali calendar's module when one of these languages lives by it and it is
        not installed yet, else an empty recordset."""
        Module = self.env["ir.module.module"].sudo()
        if not any(lives_by_jalali(lang.code) for lang in self):
            return Module
        return Module.search([("name", "=", JALALI_CALENDAR), ("state", "=", "uninstalled")])

    def _install_jalali_calendar(self):
        """Install the Jalali calendar for these languages, the way Odoo installs a
        company's localisation: at once in a running server, with the module update in
        progress while modules load, never inside tests (module operations are not
        transactional)."""
        module = self._jalali_calendar_to_install()
        if not module:
            return False
        registry = self.env.registry
        if not registry.ready or registry._init:
            return module.button_install()
        if tools.config["test_enable"] or getattr(threading.current_thread(), "testing", False):
            return False
        return module.button_immediate_install()


class BaseLanguageInstall(models.TransientModel):
    _inherit = "base.language.install"

    def lang_install(self):
        action = super().lang_install()
        self.lang_ids._install_jalali_calendar()
        return action
