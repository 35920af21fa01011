import logging

import psycopg2

from odoo import models
from odoo.exceptions import UserError
from odoo.service.model import _as_validation_error

_logger = logging.getLogger(__name__)


class CrmSyncImportMixin(models.AbstractModel):
    """What every batch importer shares: results come back in the order of the batch,
    whatever path each record took (duplicate, created, skipped, dead letter), and one
    record Odoo refuses never takes its batch down with it."""

    _name = "crm.sync.import.mixin"
    _description = "Sync: batch importer"

    @staticmethod
    def _numbered(records):
        return [{**record, "_position": index} for index, record in enumerate(records)]

    @staticmethod
    def _in_batch_order(results):
        results.sort(key=lambda result: result.pop("_position"))
        return results

    def _attempt(self, function, *args):
        """Run `function(*args)` under a savepoint: (its result, False), or (None, the
        reason Odoo refused it: {"reason": Odoo's message, "reasons": its code}).

        Every error but a concurrency one is the record's: a batch is first stored in one
        go and, when that fails, record by record through here, so that only the records
        Odoo refuses become dead letters and the cursor still moves. Concurrency errors
        go up: Odoo runs the whole call again."""
        try:
            with self.env.cr.savepoint():
                return function(*args), False
        except psycopg2.OperationalError:
            raise
        except Exception as exc:  # the record's error is its dead letter's reason
            _logger.info("sync: a record was refused: %s", exc.__class__.__name__)
            return None, self._failure_reason(exc)

    def _failure_reason(self, exc):
        if isinstance(exc, psycopg2.IntegrityError):
            exc = _as_validation_error(self.env, exc)
        if isinstance(exc, UserError):
            message = str(exc.args[0])
        else:
            message = str(exc) or exc.__class__.__name__
        return self.env["crm.sync.dead.letter.reason"]._reason("odoo_refused", detail=message)
