from odoo import fields, models
from odoo.exceptions import AccessError

MANAGER_GROUP = "crm_sync_connector.crm_sync_connector_group_manager"
INTEGRATION_GROUP = "crm_sync_connector.crm_sync_connector_group_integration"

SOURCE_KINDS = [
    ("rest_json", "Web-form provider (REST/JSON)"),
    ("soap", "Form service (SOAP)"),
    ("file", "Drop folder (JSONL/CSV)"),
    ("imap", "Mailbox (IMAP)"),
    ("graph", "Microsoft 365 (Graph)"),
    ("ews", "Exchange (EWS)"),
    ("eml", "Drop folder (.eml/mbox)"),
    ("webhook", "Web form (webhook, pushed)"),
]
EMAIL_KINDS = ("imap", "graph", "ews", "eml")


class CrmSyncSource(models.Model):
    """A place the worker pulls leads or emails from, with its cursor and lease.

    This file holds what a person sees and does; the worker's API is in
    crm_sync_source_worker.py (with the lease).

    The worker's configuration says how to reach the source (URL, credentials); Odoo keeps
    what must survive the worker: where it stopped (cursor), who runs it now (lease), what
    each run did, and what could not be imported."""

    _name = "crm.sync.source"
    _description = "Sync Source"
    _order = "name"

    name = fields.Char(required=True, help="The source's name in the worker's configuration.")
    kind = fields.Selection(SOURCE_KINDS, required=True, default="rest_json")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    schedule_seconds = fields.Integer(
        string="Runs Every (Seconds)", readonly=True, help="As the worker's configuration says."
    )
    configuration = fields.Text(
        readonly=True,
        help="The worker's settings for this source, as it last reported them; secrets are "
        "never sent (they stay in the worker's environment).",
    )
    cursor = fields.Char(
        readonly=True, copy=False, help="Where the next run continues; set by the worker."
    )
    lease_owner = fields.Char(readonly=True, copy=False)
    lease_until = fields.Datetime(readonly=True, copy=False)
    last_run_id = fields.Many2one("crm.sync.run", compute="_compute_last_run_id")
    run_ids = fields.One2many("crm.sync.run", "source_id", string="Runs")
    dead_letter_ids = fields.One2many("crm.sync.dead.letter", "source_id")
    dead_letter_count = fields.Integer(compute="_compute_dead_letter_count")
    utm_source_id = fields.Many2one(
        "utm.source", string="UTM Source", help="Leads from here get this source."
    )
    default_medium_id = fields.Many2one(
        "utm.medium",
        default=lambda self: self.env.ref("utm.utm_medium_website", raise_if_not_found=False),
    )
    lead_team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        help="Leave empty to let Odoo's assignment rules choose the team and salesperson.",
    )

    email_unknown_sender = fields.Selection(
        [("lead", "Create a lead"), ("ignore", "Ignore"), ("dead_letter", "Dead letter")],
        string="Unknown Senders",
        default="lead",
        required=True,
        help="What to do with a mail that matches no customer, lead or thread.",
    )
    email_log_scope = fields.Selection(
        [("all", "Log everything"), ("customers", "Only threads with customers")],
        string="Log",
        default="customers",
        required=True,
    )
    email_never_log = fields.Text(
        string="Never Log",
        help="Addresses and domains, one per line, whose mails are never logged "
        "(e.g. a lawyer, hr@ourcompany.com, a private domain).",
    )
    email_use_gateway = fields.Boolean(
        string="Use Odoo's Mail Gateway",
        help="Hand each mail to Odoo's own mail gateway (message_process) instead, so that "
        "mail aliases and routing rules apply; a mail no alias routes becomes a dead letter.",
    )
    email_max_attachment_kb = fields.Integer(
        string="Keep Attachments up To (KB)",
        default=10240,
        help="Larger attachments are listed in the message, not stored.",
    )

    _sql_constraints = [
        ("name_company_unique", "unique(name, company_id)", "Source names are unique per company."),
    ]

    def _compute_last_run_id(self):
        for source in self:
            source.last_run_id = source.run_ids[:1]

    def _compute_dead_letter_count(self):
        counts = dict(
            self.env["crm.sync.dead.letter"]._read_group(
                [("source_id", "in", self.ids), ("state", "in", ("new", "to_replay"))],
                ["source_id"],
                ["__count"],
            )
        )
        for source in self:
            source.dead_letter_count = counts.get(source, 0)

    def _record_kind(self):
        """What the source's items become: "email" (logged in the chatter) or "lead"."""
        self.ensure_one()
        return "email" if self.kind in EMAIL_KINDS else "lead"

    def _never_log_patterns(self):
        lines = (self.email_never_log or "").replace(",", "\n").splitlines()
        return {line.strip().lower().lstrip("@") for line in lines if line.strip()}

    def action_open_dead_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_sync_connector.crm_sync_dead_letter_action"
        )
        action["domain"] = [("source_id", "=", self.id)]
        return action

    def action_open_runs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_sync_connector.crm_sync_run_action"
        )
        action["domain"] = [("source_id", "=", self.id)]
        return action

    def action_release_lease(self):
        """For an operator whose worker died holding the lease: sync managers only (a
        worker gives its own lease back through sync_end). Written as the manager, so the
        source must be of one of their companies."""
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(
                self.env._("Only a CRM Sync manager may release the lease of a sync source.")
            )
        self.write({"lease_owner": False, "lease_until": False})
