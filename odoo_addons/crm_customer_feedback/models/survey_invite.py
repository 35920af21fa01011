from odoo import models


class SurveyInvite(models.TransientModel):
    _inherit = "survey.invite"

    def _send_mail(self, answer):
        # Every invitation, from the survey's Share button or from an invitation rule, is
        # a contact with the customer: stamp it so that the contact count sees it.
        mail = super()._send_mail(answer)
        if answer.partner_id:
            answer.sudo().write(
                answer._feedback_stamp_invitation(self.env.context.get("feedback_rule"))
            )
        return mail
