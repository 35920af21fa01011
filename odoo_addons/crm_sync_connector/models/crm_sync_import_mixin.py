from odoo import models


class CrmSyncImportMixin(models.AbstractModel):
    """What every batch importer shares: results come back in the order of the batch,
    whatever path each record took (duplicate, created, skipped, dead letter)."""

    _name = "crm.sync.import.mixin"
    _description = "Sync: batch importer"

    @staticmethod
    def _numbered(records):
        return [{**record, "_position": index} for index, record in enumerate(records)]

    @staticmethod
    def _in_batch_order(results):
        results.sort(key=lambda result: result.pop("_position"))
        return results
