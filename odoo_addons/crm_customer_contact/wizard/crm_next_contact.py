from odoo import api, fields, models

from ..models.next_contact import NEXT_CONTACT_MEANS


class CrmNextContact(models.TransientModel):
    """One step from the lead or the customer: what was agreed and when to talk next."""

    _name = "crm.next.contact"
    _description = "Agree the Next Contact"

    res_model = fields.Char(required=True)
    res_id = fields.Many2oneReference(model_field="res_model", required=True)
    date = fields.Date(string="Next Contact On", required=True)
    means = fields.Selection(
        NEXT_CONTACT_MEANS, string="Contact By", required=True, default="phone"
    )
    agreed = fields.Text(string="What Was Agreed")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") and context.get("active_id"):
            values.setdefault("res_model", context["active_model"])
            values.setdefault("res_id", context["active_id"])
        return values

    def action_confirm(self):
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id)
        record.check_access("write")
        record._schedule_next_contact(self.date, self.means, self.agreed)
        return {"type": "ir.actions.act_window_close"}
