from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SyncCase


@tagged("post_install", "-at_install")
class TestLeadRobustness(SyncCase):
    """What one bad or unusual record must not do to its batch (issue 10, items 1, 4, 5, 9)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.iran = cls.env.ref("base.ir")
        cls.env.company.country_id = cls.iran
        cls.other_company = cls.env["res.company"].create(
            {"name": "Sync Other Co", "country_id": cls.iran.id}
        )

    def test_a_partner_of_another_company_is_never_matched(self):
        """A worker allowed in two companies: the phone matches a contact of the other one.
        Odoo refused the whole batch with "Incompatible companies"; now the lead is created
        without that contact."""
        worker = self.integration_user_of(self.env.company | self.other_company, "two_co")
        stranger = self.env["res.partner"].create(
            {
                "name": "Other company's contact",
                "phone": "+98 912 444 0000",
                "email": "theirs@other.example",
                "company_id": self.other_company.id,
            }
        )
        source = self.env["crm.sync.source"].with_user(worker)
        run_id = source.sync_begin("website", "rest_json", "w")["run_id"]
        results = source.sync_push_leads(
            run_id,
            "w",
            [
                self.submission(1, phone="+989124440000", email=""),
                self.submission(2, email="theirs@other.example"),
                self.submission(3),
            ],
            [],
            "page:9",
        )
        self.assertEqual([r["status"] for r in results], ["created"] * 3)
        leads = self.env["crm.lead"].browse([r["lead_id"] for r in results])
        self.assertNotIn(stranger, leads.partner_id)
        self.assertEqual(leads.company_id, self.env.company)
        self.assertEqual(self.source().cursor, "page:9")

    def test_a_contact_the_worker_cannot_read_is_not_matched(self):
        """Record rules apply to phone matching: a contact of a company the worker's user is
        not in is invisible to it (the raw SQL on the last nine digits saw everything)."""
        self.env["res.partner"].create(
            {
                "name": "Hidden",
                "phone": "0912 333 2222",
                "country_id": self.iran.id,
                "company_id": self.other_company.id,
            }
        )
        run_id = self.begin()
        result = self.push(run_id, [self.submission(1, phone="+989123332222", email="")])[0]
        self.assertEqual(result["status"], "created")
        self.assertFalse(self.env["crm.lead"].browse(result["lead_id"]).partner_id)

    def test_phones_match_on_their_e164_form(self):
        """A contact's number in national form matches the same number sent in E.164; a
        number of another country that only shares the last nine digits does not (the raw
        SQL took the first of them)."""
        same_tail = self.env["res.partner"].create(
            {"name": "Same tail", "phone": "+1 212 555 1234"}
        )
        caller = self.env["res.partner"].create(
            {"name": "Caller", "phone": "0912 555 1234", "country_id": self.iran.id}
        )
        run_id = self.begin()
        result = self.push(run_id, [self.submission(1, phone="+989125551234", email="")])[0]
        self.assertEqual(self.env["crm.lead"].browse(result["lead_id"]).partner_id, caller)
        self.assertNotEqual(caller, same_tail)

    @mute_logger("odoo.sql_db")
    def test_a_poison_record_becomes_a_dead_letter_and_the_rest_lands(self):
        """A record Odoo cannot store (here a NUL character, which PostgreSQL refuses) made
        the whole batch fail, forever: now only that record is a dead letter, with Odoo's
        own error as its reason, the others are leads and the cursor moves."""
        run_id = self.begin()
        poison = self.submission(2, name="Broken\x00name")
        results = self.push(
            run_id, [self.submission(1), poison, self.submission(3)], cursor="page:4"
        )
        self.assertEqual([r["status"] for r in results], ["created", "failed", "created"])
        letter = self.env["crm.sync.dead.letter"].search([("external_id", "=", "form-2")])
        self.assertEqual(len(letter), 1)
        self.assertIn("NUL", letter.reason)
        self.assertIn("Broken", letter.payload)
        self.assertEqual(self.source().cursor, "page:4")
        run = self.env["crm.sync.run"].browse(run_id)
        self.assertEqual((run.created_count, run.failed_count), (2, 1))
        self.assertTrue(run.counts_add_up)

    def test_the_same_person_twice_in_one_batch_gets_one_lead(self):
        """Same email in another case and with spaces, or the same phone written two ways:
        one lead, the second submission updates it."""
        run_id = self.begin()
        results = self.push(
            run_id,
            [
                self.submission(1, email="Sara@Example.com ", phone=""),
                self.submission(2, email=" sara@example.COM", phone="", description="<p>B</p>"),
                self.submission(3, email="", phone="+98 912 555 1234"),
                self.submission(4, email="", phone="۰۹۱۲۵۵۵۱۲۳۴"),
            ],
        )
        self.assertEqual(
            [r["status"] for r in results], ["created", "updated", "created", "updated"]
        )
        self.assertEqual(results[0]["lead_id"], results[1]["lead_id"])
        self.assertEqual(results[2]["lead_id"], results[3]["lead_id"])
        self.assertNotEqual(results[0]["lead_id"], results[2]["lead_id"])
        by_phone = self.env["crm.lead"].browse(results[2]["lead_id"])
        self.assertEqual(by_phone.phone_sanitized, "+989125551234")
        self.assertEqual(
            self.env["crm.lead"].search_count([("sync_source_id.name", "=", "website")]), 2
        )
        self.assertIn("<p>B</p>", self.env["crm.lead"].browse(results[0]["lead_id"]).description)
        run = self.env["crm.sync.run"].browse(run_id)
        self.assertEqual((run.created_count, run.updated_count), (2, 2))
        self.assertTrue(run.counts_add_up)

    def test_an_update_appends_sanitised_html_not_escaped_text(self):
        run_id = self.begin()
        first = self.push(run_id, [self.submission(1)])[0]
        follow_up = self.submission(
            2,
            email="visitor1@example.com",
            description="<p><b>Call me</b> tomorrow</p><script>alert(1)</script>",
        )
        self.assertEqual(self.push(run_id, [follow_up])[0]["status"], "updated")
        description = str(self.env["crm.lead"].browse(first["lead_id"]).description)
        self.assertIn("<b>Call me</b>", description)
        self.assertNotIn("&lt;", description)
        self.assertNotIn("script", description)
