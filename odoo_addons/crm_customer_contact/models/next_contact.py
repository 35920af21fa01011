"""The next contact agreed with the customer (seed 001): when and how, on the lead and on
the customer; the salesperson gets an activity due that day."""

from odoo import fields, models
from odoo.tools import format_date

NEXT_CONTACT_MEANS = [
    ("phone", "Phone Call"),
    ("meeting", "Meeting"),
    ("email", "Email"),
    ("sms", "SMS"),
    ("visit", "Visit"),
]
# The activity the salesperson gets for each means of contact.
MEANS_ACTIVITY_TYPE = {
    "phone": "mail.mail_activity_data_call",
    "meeting": "mail.mail_activity_data_meeting",
    "email": "mail.mail_activity_data_email",
}
DEFAULT_ACTIVITY_TYPE = "mail.mail_activity_data_todo"


class CrmNextContactMixin(models.AbstractModel):
    _name = "crm.next.contact.mixin"
    _description = "Next Agreed Contact"

    # The company's notes about the customer, not the customer's to read (a portal user
    # reads their own partner and orders): internal users only.
    next_contact_date = fields.Date(
        string="Next Contact",
        tracking=True,
        copy=False,
        groups="base.group_user",
        help="The date agreed with the customer.",
    )
    next_contact_means = fields.Selection(
        NEXT_CONTACT_MEANS,
        string="Next Contact By",
        tracking=True,
        copy=False,
        groups="base.group_user",
    )

    def _next_contact_salesperson(self):
        self.ensure_one()
        return self.user_id or self.env.user

    def _schedule_next_contact(self, date, means, agreed):
        """Store the agreement, log it in the chatter and give the salesperson an
        activity due on the agreed day, replacing an earlier next-contact activity."""
        self.ensure_one()
        self.write({"next_contact_date": date, "next_contact_means": means})
        previous = self.activity_ids.filtered("crm_next_contact")
        previous.unlink()
        activity_type = self.env.ref(
            MEANS_ACTIVITY_TYPE.get(means, DEFAULT_ACTIVITY_TYPE), raise_if_not_found=False
        ) or self.env.ref(DEFAULT_ACTIVITY_TYPE)
        means_label = dict(self._fields["next_contact_means"]._description_selection(self.env))
        activity = self.activity_schedule(
            activity_type_id=activity_type.id,
            date_deadline=date,
            summary=self.env._("Next contact (%(means)s)", means=means_label.get(means, "")),
            note=agreed,
            user_id=self._next_contact_salesperson().id,
            crm_next_contact=True,
        )
        self.message_post(
            body=self.env._(
                "Next contact agreed for %(date)s by %(means)s: %(agreed)s",
                # In the writer's format and calendar (Jalali for Persian, through
                # crm_jalali_calendar), as Odoo writes the activity's deadline.
                date=format_date(self.env, date),
                means=means_label.get(means, ""),
                agreed=agreed or "-",
            ),
            subtype_xmlid="mail.mt_note",
        )
        return activity
