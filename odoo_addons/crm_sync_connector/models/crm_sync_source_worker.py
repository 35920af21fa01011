from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .crm_sync_source import INTEGRATION_GROUP, MANAGER_GROUP

DEFAULT_LEASE_SECONDS = 300
# pg_advisory_xact_lock(namespace, source id): the batches of one source, one at a time
BATCH_LOCK_NAMESPACE = 7_734
STATUSES = ("created", "updated", "duplicate", "skipped", "failed")


class CrmSyncSource(models.Model):
    """The worker's API (crm_sync/pipeline.py): begin a run, push batches, end the run,
    fetch the dead letters to replay. Every argument and answer key is part of a contract
    with workers already deployed: add, never rename. Below them: which source a worker
    means, and who runs it now (the lease).

    Who reaches what: every entry point below first checks that its caller is the worker's
    user (Integration) or a sync manager (`_check_worker_access`). The integration user
    has no right to write or create sources through the ORM (only managers configure them:
    record rules in security/); the few fields the worker moves (lease, cursor, the
    configuration and schedule it reports) are written here, field by field, in SQL or as
    sudo, after that check."""

    _inherit = "crm.sync.source"

    @api.model
    def _check_worker_access(self):
        """The worker's API is for the worker's user and for sync managers."""
        user = self.env.user
        if not (self.env.su or user.has_group(INTEGRATION_GROUP) or user.has_group(MANAGER_GROUP)):
            raise AccessError(
                self.env._(
                    "Only the sync worker's user (CRM Sync / Integration) or a CRM Sync "
                    "manager may run sync sources."
                )
            )

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
        the (secret-free) configuration the worker runs the source with. A run another
        worker left running is closed as aborted.

        Returns {"leased": True, "run_id", "cursor", "use_gateway"}, or {"leased": False,
        "holder", "until"} (UTC) when another worker holds an unexpired lease."""
        self._check_worker_access()
        source = self._source_for_worker(name, kind)
        previous = source._take_lease(worker, lease_seconds)
        if not previous:
            return {
                "leased": False,
                "holder": source.lease_owner,
                "until": fields.Datetime.to_string(source.lease_until),
            }
        source._abort_orphan_runs(worker, previous[1])
        run = self.env["crm.sync.run"].create({"source_id": source.id, "worker": worker})
        if configuration and (configuration, schedule_seconds) != (
            source.configuration,
            source.schedule_seconds,
        ):
            # sudo for these two fields only, reached by the worker's user or a sync manager
            # (checked above), on a source of its companies (found by a search as the user)
            source.sudo().write(
                {"configuration": configuration, "schedule_seconds": schedule_seconds}
            )
        return {
            "leased": True,
            "run_id": run.id,
            "cursor": source.cursor or False,
            "use_gateway": source.email_use_gateway,
        }

    @api.model
    def sync_push_leads(
        self, run_id, worker, records, rejected, cursor, lease_seconds=None, batch_key=None
    ):
        """One batch, in one transaction: import `records` (normalised by the worker, and
        again here) as leads, keep `rejected` ones as dead letters, store the new cursor.

        `batch_key` names the batch for its retries: a batch whose key was already stored
        for this source answers what it answered then, and changes nothing.

        Returns one {"external_id", "status", "lead_id", "reason"} per record, in order.
        """
        return self._push(
            "crm.sync.lead.import",
            run_id,
            worker,
            records,
            rejected,
            cursor,
            lease_seconds,
            batch_key,
        )

    @api.model
    def sync_push_emails(
        self, run_id, worker, mails, rejected, cursor, lease_seconds=None, batch_key=None
    ):
        """The email twin of `sync_push_leads`: log `mails` (parsed by the worker) in the
        chatter of the records they concern, in one transaction, and store the cursor.

        Each result has a status: created (logged), duplicate (Message-ID already logged
        in this company), skipped (the source's rules), failed (a dead letter)."""
        return self._push(
            "crm.sync.email.import",
            run_id,
            worker,
            mails,
            rejected,
            cursor,
            lease_seconds,
            batch_key,
        )

    def _push(self, importer, run_id, worker, records, rejected, cursor, lease_seconds, key):
        """One batch in one transaction: import, keep dead letters, move the cursor, count;
        or, for a batch already stored under `key`, its stored answer and nothing else."""
        self._check_worker_access()
        run = self._run_for_worker(run_id, worker, lease_seconds)
        batches = self.env["crm.sync.batch"]
        if key:
            stored = batches._stored_results(run.source_id, key)
            if stored is not None:
                return stored
        results = self.env[importer]._import_batch(run, records)
        for result in self.env["crm.sync.dead.letter"]._keep_rejected(run, rejected):
            result.pop("_position")
            results.append(result)
        if cursor is not None:
            # sudo for the cursor only, reached by the worker's user or a sync manager
            # (checked above) holding the lease of a run it can read
            run.source_id.sudo().cursor = cursor or False
        run._add_counts(self._count_results(results))
        if key:
            batches._store_results(run, key, results)
        return results

    @api.model
    def sync_end(self, run_id, worker, error=False, warnings=None):
        """Close the run and give the lease back. A run closed as aborted (another worker
        took over) stays so. `warnings`: what the worker noticed without failing (a full
        page without a next cursor), kept on the run for the operator."""
        self._check_worker_access()
        run = self.env["crm.sync.run"].browse(run_id).exists()
        if not run or run.worker != worker or run.state != "running":
            return False
        run.write(
            {
                "ended_at": fields.Datetime.now(),
                "state": "failed" if error else "done",
                "error": error,
                "note": "\n".join(warnings) if warnings else False,
            }
        )
        run.source_id._release_lease(worker)
        return True

    @api.model
    def sync_dead_letters_to_replay(self, name, limit=500):
        """The letters a person marked "To Replay", each with the `kind` of record it is
        ("lead" or "email"), so the worker replays it through the right path."""
        self._check_worker_access()
        source = self._find_for_worker(name)
        letters = self.env["crm.sync.dead.letter"].search(
            [("source_id", "=", source.id), ("state", "=", "to_replay")], limit=limit
        )
        kind = source._record_kind() if source else "lead"
        return [
            {
                "id": letter.id,
                "external_id": letter.external_id,
                "payload": letter.payload,
                "kind": kind,
            }
            for letter in letters
        ]

    @staticmethod
    def _count_results(results):
        counts = {"fetched": len(results), **dict.fromkeys(STATUSES, 0)}
        for result in results:
            counts[result["status"]] += 1
        return counts

    # ------------------------------------------------------------------ source and lease

    @api.model
    def _find_for_worker(self, name):
        """Names are unique per company only: among the companies of the worker's user
        (record rules), the source of its current company first."""
        sources = self.with_context(active_test=False).search(
            [("name", "=", name), ("company_id", "in", self.env.companies.ids)]
        )
        return sources.sorted(lambda source: source.company_id != self.env.company)[:1]

    @api.model
    def _source_for_worker(self, name, kind):
        source = self._find_for_worker(name)
        if not source:
            source = self._create_for_worker(name, kind)
        elif not source.active:
            raise UserError(self.env._("Source %s is archived in Odoo.", name))
        return source

    @api.model
    def _create_for_worker(self, name, kind):
        """Create the source a worker runs for the first time, in its current company. Two
        workers starting at once would both create it: ON CONFLICT makes the later one fail
        with a serialization error, which Odoo answers by running its call again, and that
        finds the source."""
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
        return self._find_for_worker(name)

    def _take_lease(self, worker, seconds):
        """Atomically: free, expired, or already ours. Returns False when another worker
        holds it, else the previous holder and the end of its lease (both may be None)."""
        self.ensure_one()
        self.flush_recordset(["lease_owner", "lease_until"])
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                UPDATE crm_sync_source source
                   SET lease_owner = %(worker)s, lease_until = %(until)s
                  FROM (SELECT id, lease_owner, lease_until
                          FROM crm_sync_source WHERE id = %(id)s FOR UPDATE) previous
                 WHERE source.id = previous.id
                   AND (previous.lease_owner IS NULL OR previous.lease_until < %(now)s
                        OR previous.lease_owner = %(worker)s)
             RETURNING previous.lease_owner, previous.lease_until
                """,
                worker=worker,
                until=now + timedelta(seconds=seconds),
                id=self.id,
                now=now,
            )
        )
        row = self.env.cr.fetchone()
        self.invalidate_recordset(["lease_owner", "lease_until"])
        return row or False

    def _release_lease(self, worker):
        self.flush_recordset(["lease_owner", "lease_until"])
        self.env.cr.execute(
            "UPDATE crm_sync_source SET lease_owner = NULL, lease_until = NULL "
            "WHERE id = %s AND lease_owner = %s",
            [self.id, worker],
        )
        self.invalidate_recordset(["lease_owner", "lease_until"])

    def _abort_orphan_runs(self, worker, previous_until):
        """Runs of other workers still "running" when `worker` takes the lease lost their
        worker (killed, or its host gone): close them, saying so, instead of leaving them
        running forever."""
        self.ensure_one()
        orphans = self.env["crm.sync.run"].search(
            [("source_id", "=", self.id), ("state", "=", "running"), ("worker", "!=", worker)]
        )
        for run in orphans:
            if previous_until:
                error = self.env._(
                    "Worker %(old)s stopped renewing its lease, which expired on %(until)s "
                    "(UTC); worker %(new)s took the source over. What this run stored is "
                    "kept; the next run goes on from the source's cursor.",
                    old=run.worker,
                    until=fields.Datetime.to_string(previous_until),
                    new=worker,
                )
            else:
                error = self.env._(
                    "Worker %(old)s left this run open and its lease was released; worker "
                    "%(new)s took the source over. What this run stored is kept; the next "
                    "run goes on from the source's cursor.",
                    old=run.worker,
                    new=worker,
                )
            run.write({"state": "aborted", "ended_at": fields.Datetime.now(), "error": error})

    def _run_for_worker(self, run_id, worker, lease_seconds):
        run = self.env["crm.sync.run"].browse(run_id).exists()
        if not run or run.worker != worker:
            raise UserError(
                self.env._(
                    "Run %(run)s does not belong to worker %(worker)s.", run=run_id, worker=worker
                )
            )
        # Serialise batches of one source, whatever happened to the lease.
        self.env.cr.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)", [BATCH_LOCK_NAMESPACE, run.source_id.id]
        )
        if run.state != "running" or not run.source_id._take_lease(
            worker, lease_seconds or DEFAULT_LEASE_SECONDS
        ):
            raise UserError(
                self.env._(
                    "Worker %(worker)s lost the lease on %(source_name)s.",
                    worker=worker,
                    source_name=run.source_id.name,
                )
            )
        return run
