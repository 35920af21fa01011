"""Dead letters kept before reasons had codes: the codes their English text means, so that
they too read in each reader's language. A text that is not one the worker or the addon
wrote (Odoo's own message, a newer worker's) stays as it is, and is read as it is."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    letters = env["crm.sync.dead.letter"].with_context(active_test=False)
    reasons = env["crm.sync.dead.letter.reason"]
    for letter in letters.search([]).filtered(lambda letter: not letter.reasons):
        codes = reasons._from_legacy_text(letter.reason)
        if codes:
            letter.write({"reasons": codes, "reason_code": codes[0]["code"]})
