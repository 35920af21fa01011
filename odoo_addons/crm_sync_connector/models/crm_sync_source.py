from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

SOURCE_KINDS = [
    ("rest_json", "Web-form provider (REST/JSON)"),
    ("soap", "Form service (SOAP)"),
    ("file", "Drop folder (JSONL/CSV)"),
    ("imap", "Mailbox (IMAP)"),
    ("graph", "Microsoft 365 (Graph)"),
    ("ews", "Exchange (EWS)"),
    ("eml", "Drop folder (.eml/mbox)"),
]
DEFAULT_LEASE_SECONDS = 300


class CrmSyncSource(models.Model):
    """A place the worker pulls leads or emails from, with its cursor and lease.

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

    # ------------------------------------------------------------------ the worker's API

    @api.model
    def sync_begin(
        self,
        name,
        kind,
        worker,
        lease_seconds=DEFAULT_LEASE_SECONDS,
        schedule_seconds=0,
        configuration=False,
    ):
        """Take the source's lease for `worker` and open a run; record the schedule and
        the (secret-free) configuration the worker runs the source with.

        Returns {"leased": True, "run_id", "cursor"}, or {"leased": False, "holder",
        "until"} when another worker holds an unexpired lease."""
        source = self._source_for_worker(name, kind)
        if not source._take_lease(worker, lease_seconds):
            return {
                "leased": False,
                "holder": source.lease_owner,
                "until": fields.Datetime.to_string(source.lease_until),
            }
        run = self.env["crm.sync.run"].create({"source_id": source.id, "worker": worker})
        if configuration and (configuration, schedule_seconds) != (
            source.configuration,
            source.schedule_seconds,
        ):
            source.write({"configuration": configuration, "schedule_seconds": schedule_seconds})
        return {
            "leased": True,
            "run_id": run.id,
            "cursor": source.cursor or False,
            "use_gateway": source.email_use_gateway,
        }

    @api.model
    def sync_push_leads(self, run_id, worker, records, rejected, cursor, lease_seconds=None):
        """One batch, in one transaction: import `records` (already normalised by the
        worker) as leads, keep `rejected` ones as dead letters, store the new cursor.

        Returns one {"external_id", "status", "lead_id", "reason"} per record, in order.
        """
        return self._push(
            "crm.sync.lead.import", run_id, worker, records, rejected, cursor, lease_seconds
        )

    @api.model
    def sync_push_emails(self, run_id, worker, mails, rejected, cursor, lease_seconds=None):
        """The email twin of `sync_push_leads`: log `mails` (parsed by the worker) in the
        chatter of the records they concern, in one transaction, and store the cursor.

        Each result has a status: created (logged), duplicate (Message-ID already logged
        in this company), skipped (the source's rules), failed (a dead letter)."""
        return self._push(
            "crm.sync.email.import", run_id, worker, mails, rejected, cursor, lease_seconds
        )

    def _push(self, importer, run_id, worker, records, rejected, cursor, lease_seconds):
        """One batch in one transaction: import, keep dead letters, move the cursor, count."""
        run = self._run_for_worker(run_id, worker, lease_seconds)
        results = self.env[importer]._import_batch(run, records)
        for result in run.source_id._keep_dead_letters(run, rejected):
            result.pop("_position")
            results.append(result)
        if cursor is not None:
            run.source_id.cursor = cursor or False
        run._add_counts(self._count_results(results))
        return results

    @api.model
    def sync_end(self, run_id, worker, error=False):
        """Close the run and give the lease back."""
        run = self.env["crm.sync.run"].browse(run_id).exists()
        if not run or run.worker != worker:
            return False
        run.write(
            {
                "ended_at": fields.Datetime.now(),
                "state": "failed" if error else "done",
                "error": error,
            }
        )
        run.source_id._release_lease(worker)
        return True

    @api.model
    def sync_dead_letters_to_replay(self, name, limit=500):
        source = self.search([("name", "=", name)], limit=1)
        letters = self.env["crm.sync.dead.letter"].search(
            [("source_id", "=", source.id), ("state", "=", "to_replay")], limit=limit
        )
        return letters.read(["external_id", "payload"])

    # ------------------------------------------------------------------ internals

    def _source_for_worker(self, name, kind):
        source = self.with_context(active_test=False).search([("name", "=", name)], limit=1)
        if not source:
            source = self._create_for_worker(name, kind)
        elif not source.active:
            raise UserError(self.env._("Source %s is archived in Odoo.", name))
        return source

    def _create_for_worker(self, name, kind):
        """Create the source a worker runs for the first time. Two workers starting at once
        would both create it: ON CONFLICT makes the later one fail with a serialization
        error, which Odoo answers by running its call again, and that finds the source."""
        defaults = self.default_get(
            ["company_id", "default_medium_id", "email_unknown_sender", "email_log_scope"]
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_sync_source (
                    name, kind, company_id, active, default_medium_id, email_unknown_sender,
                    email_log_scope, email_max_attachment_kb,
                    create_uid, create_date, write_uid, write_date)
                VALUES (%(name)s, %(kind)s, %(company)s, TRUE, %(medium)s, %(unknown)s,
                        %(scope)s, 10240, %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s,
                        NOW() AT TIME ZONE 'UTC')
                ON CONFLICT ON CONSTRAINT crm_sync_source_name_company_unique DO NOTHING
                RETURNING id
                """,
                name=name,
                kind=kind,
                company=defaults["company_id"],
                medium=defaults.get("default_medium_id") or None,
                unknown=defaults["email_unknown_sender"],
                scope=defaults["email_log_scope"],
                uid=self.env.uid,
            )
        )
        row = self.env.cr.fetchone()
        if row:
            return self.browse(row[0])
        return self.with_context(active_test=False).search([("name", "=", name)], limit=1)

    def _take_lease(self, worker, seconds):
        """Atomically: free, expired, or already ours."""
        self.ensure_one()
        self.flush_recordset(["lease_owner", "lease_until"])
        now = fields.Datetime.now()
        self.env.cr.execute(
            """
            UPDATE crm_sync_source
               SET lease_owner = %s, lease_until = %s
             WHERE id = %s
               AND (lease_owner IS NULL OR lease_until < %s OR lease_owner = %s)
            RETURNING id
            """,
            [worker, now + timedelta(seconds=seconds), self.id, now, worker],
        )
        taken = bool(self.env.cr.fetchone())
        self.invalidate_recordset(["lease_owner", "lease_until"])
        return taken

    def _release_lease(self, worker):
        self.flush_recordset(["lease_owner", "lease_until"])
        self.env.cr.execute(
            "UPDATE crm_sync_source SET lease_owner = NULL, lease_until = NULL "
            "WHERE id = %s AND lease_owner = %s",
            [self.id, worker],
        )
        self.invalidate_recordset(["lease_owner", "lease_until"])

    def _run_for_worker(self, run_id, worker, lease_seconds):
        run = self.env["crm.sync.run"].browse(run_id).exists()
        if not run or run.worker != worker:
            raise UserError(
                self.env._(
                    "Run %(run)s does not belong to worker %(worker)s.", run=run_id, worker=worker
                )
            )
        # Serialise batches of one source, whatever happened to the lease.
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s, %s)", [7_734, run.source_id.id])
        if not run.source_id._take_lease(worker, lease_seconds or DEFAULT_LEASE_SECONDS):
            raise UserError(
                self.env._(
                    "Worker %(worker)s lost the lease on %(source_name)s.",
                    worker=worker,
                    source_name=run.source_id.name,
                )
            )
        return run

    def _keep_dead_letters(self, run, rejected):
        """Rejected records become dead letters; a replayed one that fails again goes back
        to its letter with the new reason."""
        letters = self.env["crm.sync.dead.letter"]
        open_letters = {
            letter.external_id: letter
            for letter in letters.search(
                [
                    ("source_id", "=", self.id),
                    ("state", "in", ("new", "to_replay")),
                    (
                        "external_id",
                        "in",
                        [r.get("external_id") for r in rejected if r.get("external_id")],
                    ),
                ]
            )
        }
        to_create = []
        for letter in rejected:
            existing = letters.browse(
                letter.get("dead_letter_id") or []
            ).exists() or open_letters.get(letter.get("external_id"))
            if existing:
                # a record read again, or replayed and failing again: one letter, its attempts
                existing.write(
                    {
                        "reason": letter.get("reason") or "rejected",
                        "state": "new",
                        "attempts": existing.attempts + 1,
                        "run_id": run.id,
                    }
                )
            else:
                to_create.append(letter)
        letters.create(
            [
                {
                    "source_id": self.id,
                    "run_id": run.id,
                    "external_id": letter.get("external_id") or False,
                    "payload": letter.get("payload") or "",
                    "reason": letter.get("reason") or "rejected",
                }
                for letter in to_create
            ]
        )
        return [
            {
                "_position": letter.get("_position", 10**9),
                "external_id": letter.get("external_id"),
                "status": "failed",
                "lead_id": False,
                "reason": letter.get("reason"),
            }
            for letter in rejected
        ]

    @staticmethod
    def _count_results(results):
        counts = {
            "fetched": len(results),
            "created": 0,
            "updated": 0,
            "duplicate": 0,
            "failed": 0,
            "skipped": 0,
        }
        for result in results:
            counts[result["status"]] += 1
        return counts

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
        """For an operator whose worker died holding the lease."""
        self.sudo().write({"lease_owner": False, "lease_until": False})
