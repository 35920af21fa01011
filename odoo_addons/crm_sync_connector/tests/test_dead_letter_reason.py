import importlib.util
from pathlib import Path

from odoo.tests import new_test_user, tagged

from .common import SyncCase

FSI, PDI = "\u2068", "\u2069"
MIGRATION = Path(__file__).parent.parent / "migrations" / "18.0.1.2.0" / "post-migrate.py"


def persian(text):
    return any("\u0600" <= char <= "\u06ff" for char in text)


@tagged("post_install", "-at_install")
class TestDeadLetterReason(SyncCase):
    """A dead letter's reason reads in the language of whoever opens it: kept as codes with
    parameters (from the worker or from Odoo), rendered when it is read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        groups = "sales_team.group_sale_manager,crm_sync_connector.crm_sync_connector_group_manager"
        cls.persian_manager = new_test_user(
            cls.env, login="fa_sales_manager", groups=groups, lang="fa_IR"
        )
        cls.english_manager = new_test_user(
            cls.env, login="en_sales_manager", groups=groups, lang="en_US"
        )

    def letter(self, external_id):
        return self.env["crm.sync.dead.letter"].search([("external_id", "=", external_id)])

    def read_as(self, user, letter):
        """As the web client reads it: as the user, in the user's language."""
        as_user = letter.with_user(user).with_context(lang=user.lang)
        return as_user.read(["reason_text"])[0]["reason_text"]

    def test_a_worker_reason_reads_in_persian_for_a_persian_manager(self):
        run_id = self.begin()
        rejected = {
            "external_id": "form-7",
            "payload": '{"phone": "12"}',
            "reason": "the phone number '12' is not a valid number (read as a IR number when "
            "it has no country code)",
            "reasons": [{"code": "phone_invalid", "params": {"value": "12", "region": "IR"}}],
        }
        self.push(run_id, [], [rejected])
        letter = self.letter("form-7")
        self.assertEqual(letter.reason_code, "phone_invalid")
        in_persian = self.read_as(self.persian_manager, letter)
        self.assertIn("شماره تلفن", in_persian)
        self.assertIn(f"{FSI}12{PDI}", in_persian, "the number keeps its direction")
        iran = self.env.ref("base.ir")
        self.assertIn(f"{FSI}{iran.with_context(lang='fa_IR').name}{PDI}", in_persian)
        self.assertNotIn("phone", in_persian)
        in_english = self.read_as(self.english_manager, letter)
        self.assertTrue(in_english.startswith("The phone number"), in_english)
        self.assertIn(f"{FSI}{iran.with_context(lang='en_US').name}{PDI}", in_english)
        self.assertFalse(persian(in_english))
        # the technical detail stays as the worker wrote it, for whoever fixes the cause
        self.assertEqual(letter.reason, rejected["reason"])
        self.assertFalse(letter.message_ids, "no note written in the worker's language")

    def test_every_problem_of_a_record_is_a_line_of_its_reason(self):
        run_id = self.begin()
        reasons = [
            {"code": "email_invalid", "params": {"value": "sara@@example.com"}},
            {"code": "phone_unreadable", "params": {"value": "abc"}},
        ]
        self.push(run_id, [], [{"external_id": "f-2", "payload": "{}", "reason": "x; y"}])
        self.push(
            run_id, [], [{"external_id": "f-3", "payload": "{}", "reason": "x", "reasons": reasons}]
        )
        lines = self.read_as(self.persian_manager, self.letter("f-3")).splitlines()
        self.assertEqual(len(lines), 2)
        self.assertTrue(all(persian(line) for line in lines))
        self.assertIn(f"{FSI}sara@@example.com{PDI}", lines[0])
        # a text no code is known for reads as it was sent
        self.assertEqual(self.read_as(self.persian_manager, self.letter("f-2")), f"{FSI}x; y{PDI}")

    def test_reasons_odoo_gives_read_in_persian_too(self):
        """Odoo's own refusals (no way to reach the person; a record Odoo refuses with its
        message, which is kept as it is inside the Persian sentence)."""
        run_id = self.begin()
        self.push(run_id, [self.submission(1, email="", phone="")])
        letter = self.letter("form-1")
        self.assertEqual(letter.reason_code, "no_contact")
        self.assertTrue(persian(self.read_as(self.persian_manager, letter)))
        self.assertEqual(
            self.read_as(self.english_manager, letter),
            "There is no email address or phone number to reach the person.",
        )
        refusal = self.env["crm.sync.dead.letter.reason"]._reason("odoo_refused", detail="NUL")
        self.push(run_id, [], [{"external_id": "f-4", "payload": "{}", **refusal}])
        in_persian = self.read_as(self.persian_manager, self.letter("f-4"))
        self.assertTrue(persian(in_persian))
        self.assertIn(f"{FSI}NUL{PDI}", in_persian)
        self.assertEqual(self.letter("f-4").reason, "NUL")

    def test_a_code_this_addon_does_not_know_reads_the_workers_text(self):
        run_id = self.begin()
        rejected = {
            "external_id": "f-5",
            "payload": "{}",
            "reason": "something a newer worker found",
            "reasons": [{"code": "from_the_future", "params": {}}],
        }
        self.push(run_id, [], [rejected])
        letter = self.letter("f-5")
        self.assertFalse(letter.reason_code)
        self.assertEqual(
            self.read_as(self.persian_manager, letter), f"{FSI}{rejected['reason']}{PDI}"
        )

    def test_letters_kept_before_codes_read_in_persian_after_the_migration(self):
        """Letters an older worker and addon kept, with English text only."""
        source = self.env["crm.sync.source"].create({"name": "old", "kind": "rest_json"})
        old = {
            "old-1": "the email address 'a@' is not valid: The part after the @-sign is empty.",
            "old-2": "neither a valid email nor a phone number",
            "old-3": "the submission has no id; no email address or phone number to reach the "
            "person",
            "old-4": "Incompatible companies on records",
        }
        letters = self.env["crm.sync.dead.letter"].create(
            [
                {"source_id": source.id, "external_id": key, "payload": "{}", "reason": text}
                for key, text in old.items()
            ]
        )
        self.assertFalse(any(letters.mapped("reasons")))
        spec = importlib.util.spec_from_file_location("crm_sync_reason_migration", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.1.0")
        letters.invalidate_recordset()
        codes = {letter.external_id: letter.reason_code for letter in letters}
        self.assertEqual(
            codes,
            {"old-1": "email_invalid", "old-2": "no_contact", "old-3": "no_id", "old-4": False},
        )
        texts = {
            letter.external_id: self.read_as(self.persian_manager, letter) for letter in letters
        }
        self.assertIn(f"{FSI}a@{PDI}", texts["old-1"])
        self.assertTrue(all(persian(texts[key]) for key in ("old-1", "old-2", "old-3")))
        self.assertEqual(len(texts["old-3"].splitlines()), 2)
        self.assertEqual(texts["old-4"], f"{FSI}{old['old-4']}{PDI}", "read as it is")
