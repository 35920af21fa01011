from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class CrmComplaintFromMessage(models.TransientModel):
    """Turn a message of a chatter (a logged or synced email) into a complaint, keeping the
    message and its attachments.

    The wizard shows the message's subject, author and body: it reads them with its user's
    rights (no superuser compute), and refuses a message its user may not read, or whose
    document they may not read, when it is created, changed or computed (issue 23)."""

    _name = "crm.complaint.from.message"
    _description = "Turn a Message into a Complaint"

    message_id = fields.Many2one("mail.message", required=True, ondelete="cascade")
    subject = fields.Char(
        compute="_compute_from_message", store=True, readonly=False, compute_sudo=False
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_from_message",
        store=True,
        readonly=False,
        compute_sudo=False,
    )
    category = fields.Selection(
        lambda self: self.env["crm.complaint"]._fields["category"].selection,
        required=True,
        default="product",
    )
    body = fields.Html(
        string="Contents", compute="_compute_body", sanitize=False, compute_sudo=False
    )
    attachment_count = fields.Integer(compute="_compute_attachment_count", compute_sudo=False)

    @api.model_create_multi
    def create(self, vals_list):
        message_ids = [vals["message_id"] for vals in vals_list if vals.get("message_id")]
        self._check_message_access(self.env["mail.message"].browse(message_ids))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("message_id"):
            self._check_message_access(self.env["mail.message"].browse(vals["message_id"]))
        return super().write(vals)

    def _check_message_access(self, messages):
        """The user reads the message and the document it belongs to, or learns nothing of
        it. Field values may sit in the cache already: the check is explicit."""
        for message in messages:
            try:
                message.check_access("read")
                model, res_id = message.sudo().model, message.sudo().res_id
                if model and res_id and model in self.env:
                    self.env[model].browse(res_id).exists().check_access("read")
            except AccessError:
                raise AccessError(
                    self.env._(
                        "You cannot turn this message into a complaint: you are not allowed "
                        "to read it or the document it was posted on."
                    )
                ) from None

    @api.depends("message_id")
    def _compute_from_message(self):
        for wizard in self:
            if not wizard.message_id:
                wizard.subject = wizard.partner_id = False
                continue
            self._check_message_access(wizard.message_id)
            values = self.env["crm.complaint"]._complaint_values_from_message(wizard.message_id)
            wizard.subject = values.get("subject")
            wizard.partner_id = values.get("partner_id")

    @api.depends("message_id")
    def _compute_body(self):
        for wizard in self:
            self._check_message_access(wizard.message_id)
            wizard.body = wizard.message_id.body

    @api.depends("message_id")
    def _compute_attachment_count(self):
        for wizard in self:
            self._check_message_access(wizard.message_id)
            wizard.attachment_count = len(wizard.message_id.attachment_ids)

    def action_create(self):
        self.ensure_one()
        message = self.message_id
        self._check_message_access(message)
        if not message.model or not message.res_id:
            raise UserError(self.env._("This message belongs to no document."))
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
