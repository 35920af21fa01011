"""A mail's attachments: kept on the record it is logged on, or, over the source's size
limit, listed in the message (never silently dropped)."""

from markupsafe import Markup, escape

from odoo import api, models


class CrmSyncEmailAttachments(models.AbstractModel):
    _name = "crm.sync.email.attachments"
    _description = "Sync: email attachments"

    @staticmethod
    def _keeps(attachment, source):
        limit = (source.email_max_attachment_kb or 0) * 1024
        return bool(attachment.get("data")) and (attachment.get("size") or 0) <= limit

    @api.model
    def _notes(self, mail, source):
        """Attachments too big to keep, listed for the message's body."""
        skipped = [a for a in mail.get("attachments") or [] if not self._keeps(a, source)]
        if not skipped:
            return Markup("")
        items = Markup("").join(
            Markup("<li>%s (%s KB, %s)</li>")
            % (a.get("name") or "?", (a.get("size") or 0) // 1024, a.get("mimetype") or "?")
            for a in skipped
        )
        note = escape(self.env._("Attachments not kept (over the size limit):"))
        return Markup("<p><i>%s</i></p><ul>%s</ul>") % (note, items)

    @api.model
    def _attach(self, owners, messages, source):
        """One attachment per kept file and message, linked to the message."""
        values, targets = [], []
        for mail, message in zip(owners, messages, strict=True):
            for attachment in mail.get("attachments") or []:
                if self._keeps(attachment, source):
                    values.append(
                        {
                            "name": attachment.get("name") or "attachment",
                            "mimetype": attachment.get("mimetype"),
                            "datas": attachment["data"],
                            "res_model": message.model,
                            "res_id": message.res_id,
                        }
                    )
                    targets.append(message)
        if not values:
            return
        # sudo as the messages: the records they go on were chosen within the source's company
        attachments = self.env["ir.attachment"].sudo().create(values)
        for message, attachment in zip(targets, attachments, strict=True):
            message.attachment_ids = [(4, attachment.id)]
