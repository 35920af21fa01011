from odoo import api, fields, models
from odoo.exceptions import AccessError

from .crm_sync_source import INTEGRATION_GROUP, MANAGER_GROUP

# What the sales team decides on a lead, never the sync: the worker's user creates leads
# (salesperson left to Odoo's assignment rules, the source's team, the first open stage)
# and adds to the open lead it matches the new message and empty contact fields only.
PIPELINE_FIELDS = ("user_id", "expected_revenue", "probability", "stage_id")
# ...and on a lead that exists, nor its team, nor whether it is lost or archived
KEPT_FIELDS = (*PIPELINE_FIELDS, "team_id", "active", "lost_reason_id")
# Context key of the sync's creates and writes: the lead keeps the email and phone the form
# gave, and they are not written through to the contact it is linked to, as crm does when
# a lead's email or phone differs from its contact's. A web form never changes a contact.
KEEP_PARTNER = "crm_sync_keep_partner"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    sync_source_id = fields.Many2one(
        "crm.sync.source", string="Synced From", readonly=True, index=True
    )
    sync_registered_by = fields.Char(
        string="Registered By",
        readonly=True,
        help="Who filled in the form or first registered the contact, as the source said.",
    )

    def _inverse_email_from(self):
        if self.env.context.get(KEEP_PARTNER):
            return
        super()._inverse_email_from()

    def _inverse_phone(self):
        if self.env.context.get(KEEP_PARTNER):
            return
        super()._inverse_phone()

    def _is_sync_worker(self):
        """The worker's user (Integration without sync Manager), not as superuser: the
        user the pipeline guard applies to."""
        user = self.env.user
        return (
            not self.env.su
            and user.has_group(INTEGRATION_GROUP)
            and not user.has_group(MANAGER_GROUP)
        )

    def _sync_worker_refusal(self, fields_named):
        labels = [self._fields[name]._description_string(self.env) for name in fields_named]
        return AccessError(
            self.env._(
                "The sync worker's user may not change what the sales team decides on a "
                "lead: %(fields)s.",
                fields=", ".join(sorted(labels)),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        """The worker's user creates leads without a salesperson, a revenue, a probability
        or a stage of its choosing (the sync's own stage is an open one, given as a
        default); a won stage as default is refused too."""
        if self._is_sync_worker():
            named = {f for vals in vals_list for f in PIPELINE_FIELDS if vals.get(f)}
            default_stage = self.env.context.get("default_stage_id")
            if default_stage and self.env["crm.stage"].browse(default_stage).is_won:
                named.add("stage_id")
            named |= {
                field
                for field in ("user_id", "expected_revenue", "probability")
                if self.env.context.get(f"default_{field}")
            }
            if named:
                raise self._sync_worker_refusal(named)
        return super().create(vals_list)

    def write(self, vals):
        """The worker's user never rewrites what the sales team decides on a lead.
        Internal recomputations (probability, stage) do not go through write()."""
        if self._is_sync_worker():
            named = set(KEPT_FIELDS).intersection(vals)
            if named:
                raise self._sync_worker_refusal(named)
        return super().write(vals)
