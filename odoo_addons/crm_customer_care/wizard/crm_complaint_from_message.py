from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmComplaintFromMessage(models.TransientModel):
    """Turn a message of a chatter (a logged or synced email) into a complaint, keeping the
    message and its attachments."""

    _name = "crm.complaint.from.message"
    _description = "Turn a Message into a Complaint"

    message_id = fields.Many2one("mail.message", required=True, ondelete="cascade")
    subject = fields.Char(compute="_compute_from_message", store=True, readonly=False)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_from_message",
        store=True,
        readonly=False,
    )
    category = fields.Selection(
        lambda self: self.env["crm.complaint"]._fields["category"].selection,
        required=True,
        default="product",
    )
    body = fields.Html(related="message_id.body")
    attachment_count = fields.Integer(compute="_compute_attachment_count")

    @api.depends("message_id")
    def _compute_from_message(self):
        for wizard in self:
            values = self.env["crm.complaint"]._complaint_values_from_message(wizard.message_id)
            wizard.subject = values.get("subject")
            wizard.partner_id = values.get("partner_id")

    @api.depends("message_id")
    def _compute_attachment_count(self):
        for wizard in self:
            wizard.attachment_count = len(wizard.message_id.attachment_ids)

    def action_create(self):
        self.ensure_one()
        message = self.message_id
        if not message.model or not message.res_id:
            raise UserError(self.env._("This message belongs to no document."))
        message.check_access("read")
        Complaint = self.env["crm.complaint"]
        values = Complaint._complaint_values_from_message(message)
        values.update(subject=self.subject, category=self.category)
        if self.partner_id:
            values["partner_id"] = self.partner_id.id
        complaint = Complaint.create(values)
        complaint._copy_message(message)
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.complaint",
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": complaint.id,
        }
