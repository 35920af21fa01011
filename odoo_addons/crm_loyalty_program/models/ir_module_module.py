from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        """A language installed after the rewards were written: describe them in it too
        (those still showing the English text Odoo wrote)."""
        result = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        if "crm_loyalty_program" in modules:
            rewards = self.env["loyalty.reward"].with_context(active_test=False).search([])
            for lang in set(langs) - {"en_US"}:
                untranslated = rewards.filtered(
                    lambda r, lang=lang: (
                        r.with_context(lang=lang).description
                        == r.with_context(lang="en_US").description
                    )
                )
                untranslated.with_context(lang=lang)._compute_description()
        return result
