from odoo.tests import tagged

from .common import SyncCase


@tagged("post_install", "-at_install")
class TestLeadBatch(SyncCase):
    def test_a_batch_becomes_leads_once(self):
        """Pulled twice, a submission lands once: the second time it is a duplicate."""
        run_id = self.begin()
        records = [self.submission(n) for n in range(3)]
        results = self.push(run_id, records, cursor="page:2")
        self.assertEqual([r["status"] for r in results], ["created"] * 3)
        leads = self.env["crm.lead"].browse([r["lead_id"] for r in results])
        self.assertEqual(leads.mapped("email_from"), [r["email"] for r in records])
        self.assertFalse(leads.user_id, "Odoo's assignment rules choose the salesperson")
        self.assertEqual(leads.source_id.name, "website")
        self.assertEqual(leads.medium_id, self.env.ref("utm.utm_medium_website"))
        self.assertEqual(set(leads.mapped("sync_registered_by")), {"website form"})
        again = self.push(run_id, records, cursor="page:2")
        self.assertEqual([r["status"] for r in again], ["duplicate"] * 3)
        self.assertEqual(
            self.env["crm.lead"].search_count([("sync_source_id.name", "=", "website")]), 3
        )
        run = self.env["crm.sync.run"].browse(run_id)
        self.assertEqual((run.fetched_count, run.created_count, run.duplicate_count), (6, 3, 3))
        self.assertTrue(run.counts_add_up)
        self.assertEqual(run.source_id.cursor, "page:2")

    def test_records_with_only_an_email_or_only_a_phone(self):
        """The worker leaves out empty fields: a record without a phone key broke the batch."""
        run_id = self.begin()
        only_email = {"external_id": "e-1", "email": "only@example.com"}
        only_phone = {"external_id": "p-1", "phone": "+989127770000"}
        results = self.push(run_id, [only_email, only_phone])
        self.assertEqual([r["status"] for r in results], ["created", "created"])

    def test_repeats_inside_a_batch_are_duplicates(self):
        run_id = self.begin()
        results = self.push(run_id, [self.submission(1), self.submission(1)])
        self.assertEqual([r["status"] for r in results], ["created", "duplicate"])

    def test_bad_records_become_dead_letters_and_the_rest_lands(self):
        run_id = self.begin()
        bad = self.submission(2, email="", phone="")
        rejected_by_worker = [
            {"external_id": "form-9", "payload": '{"email": "x@"}', "reason": "email: not valid"}
        ]
        results = self.push(run_id, [self.submission(1), bad], rejected_by_worker)
        statuses = {r["external_id"]: r["status"] for r in results}
        self.assertEqual(statuses, {"form-1": "created", "form-2": "failed", "form-9": "failed"})
        letters = self.env["crm.sync.dead.letter"].search([("run_id", "=", run_id)])
        self.assertEqual(sorted(letters.mapped("external_id")), ["form-2", "form-9"])
        no_contact = letters.filtered(lambda d: d.external_id == "form-2")
        self.assertEqual(no_contact.reason_code, "no_contact")
        self.assertIn("no email address or phone number", no_contact.reason_text)
        self.assertTrue(self.env["crm.sync.run"].browse(run_id).counts_add_up)

    def test_known_customer_and_open_lead_are_matched(self):
        """A known email links the partner; a second form from an open lead completes it."""
        customer = self.env["res.partner"].create({"name": "Known", "email": "Known@Example.com"})
        # a number in national form is only a number with its country
        by_phone = self.env["res.partner"].create(
            {"name": "Caller", "phone": "0912 555 1234", "country_id": self.env.ref("base.ir").id}
        )
        run_id = self.begin()
        first = self.push(run_id, [self.submission(1, email="known@example.com")])[0]
        lead = self.env["crm.lead"].browse(first["lead_id"])
        self.assertEqual(lead.partner_id, customer)
        phoned = self.push(run_id, [self.submission(3, email="", phone="+989125551234")])[0]
        self.assertEqual(self.env["crm.lead"].browse(phoned["lead_id"]).partner_id, by_phone)
        follow_up = self.submission(
            2, email="known@example.com", description="<p>Second message</p>"
        )
        second = self.push(run_id, [follow_up])[0]
        self.assertEqual(second["status"], "updated")
        self.assertEqual(second["lead_id"], lead.id)
        self.assertIn("Second message", lead.description)

    def test_replayed_dead_letters_are_settled(self):
        run_id = self.begin()
        self.push(run_id, [], [{"external_id": "form-5", "payload": "{}", "reason": "bad email"}])
        letter = self.env["crm.sync.dead.letter"].search([("external_id", "=", "form-5")])
        letter.action_replay()
        to_replay = self.Source.sync_dead_letters_to_replay("website")
        self.assertEqual([d["external_id"] for d in to_replay], ["form-5"])
        fixed = self.submission(5, dead_letter_id=letter.id)
        self.assertEqual(self.push(run_id, [fixed])[0]["status"], "created")
        self.assertEqual(letter.state, "replayed")

    def test_replay_that_fails_again_goes_back_to_its_letter(self):
        run_id = self.begin()
        self.push(run_id, [], [{"external_id": "form-6", "payload": "{}", "reason": "bad email"}])
        letter = self.env["crm.sync.dead.letter"].search([("external_id", "=", "form-6")])
        letter.action_replay()
        self.push(
            run_id,
            [],
            [
                {
                    "dead_letter_id": letter.id,
                    "external_id": "form-6",
                    "payload": "{}",
                    "reason": "still bad",
                }
            ],
        )
        self.assertEqual((letter.state, letter.attempts, letter.reason), ("new", 2, "still bad"))
        self.assertEqual(
            self.env["crm.sync.dead.letter"].search_count([("external_id", "=", "form-6")]), 1
        )
