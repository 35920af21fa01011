import base64

from odoo.tests import tagged

from .common import SyncCase


@tagged("post_install", "-at_install")
class TestOverflow(SyncCase):
    """A field over its length keeps the lead: shortened, with a note and the full text
    attached (issue 10, item 14)."""

    def setUp(self):
        super().setUp()
        self.env.company.partner_id.lang = "en_US"

    def note_and_attachment(self, lead):
        notes = lead.message_ids.filtered(lambda m: m.message_type == "comment")
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]
        )
        return notes, attachments

    def test_the_worker_shortened_a_field_and_sends_the_full_text(self):
        full = "<p>Ask me about " + "a very long story " * 1500 + "</p>"
        record = self.submission(
            1,
            description=full[:20_000],
            medium="M" * 255,
            overflow=[
                {"field": "description", "text": full},
                {"field": "medium", "text": "M" * 300},
            ],
        )
        run_id = self.begin()
        result = self.push(run_id, [record])[0]
        self.assertEqual(result["status"], "created")
        lead = self.env["crm.lead"].browse(result["lead_id"])
        notes, attachments = self.note_and_attachment(lead)
        self.assertEqual(len(notes), 2)
        label = self.env["crm.lead"]._fields["description"].string  # "Notes"
        description_note = notes.filtered(lambda n: label in n.body)
        self.assertIn(f"{label} was longer than 20000 characters", description_note.body)
        self.assertIn("full text is attached", description_note.body)
        self.assertEqual(description_note.attachment_ids.mimetype, "text/plain")
        self.assertTrue(description_note.attachment_ids.name.endswith(".txt"))
        self.assertEqual(base64.b64decode(description_note.attachment_ids.datas).decode(), full)
        self.assertIn("Medium was longer than 255 characters", (notes - description_note).body)
        self.assertEqual(len(attachments), 2)

    def test_odoo_shortens_a_value_over_its_own_limit(self):
        """Another caller sends a 300-character name: a lead, not a batch failure."""
        long_name = "N" * 300
        run_id = self.begin()
        result = self.push(run_id, [self.submission(2, contact_name=long_name)])[0]
        self.assertEqual(result["status"], "created")
        lead = self.env["crm.lead"].browse(result["lead_id"])
        self.assertEqual(len(lead.contact_name), 255)
        notes, attachments = self.note_and_attachment(lead)
        self.assertIn("Contact Name was longer than 255 characters", notes.body)
        self.assertEqual(base64.b64decode(attachments.datas).decode(), long_name)

    def test_the_note_is_in_the_language_of_the_company(self):
        """Whoever reads the lead in a Persian company reads the note in Persian."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["crm_sync_connector"], ["fa_IR"])
        self.env.company.partner_id.lang = "fa_IR"
        run_id = self.begin()
        full = "x" * 400
        record = self.submission(3, name=full[:255], overflow=[{"field": "name", "text": full}])
        lead = self.env["crm.lead"].browse(self.push(run_id, [record])[0]["lead_id"])
        notes, _attachments = self.note_and_attachment(lead)
        self.assertIn("کوتاه شد", notes.body)
        self.assertNotIn("was longer than", notes.body)
