"""Every door of a complaint, tried by every role (issue 23).

Each test runs as the user who attempts something (`with_user`), never as the superuser,
and its docstring names the role and the attempt.
"""

from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.crm_customer_profile.tests.roles import PARTNER_PROFILE_FIELDS, SuiteRolesCase

CARE_USER = "base.group_user,crm_customer_care.crm_customer_care_group_user"
CARE_MANAGER = "base.group_user,crm_customer_care.crm_customer_care_group_manager"

# What a customer's portal page does not show (controllers/portal.py, portal_templates.xml).
COMPLAINT_INTERNAL_FIELDS = (
    "root_cause",
    "compensation_type",
    "compensation_note",
    "compensation_amount",
    "credit_note_ids",
    "replacement_order_id",
    "voucher_id",
    "voucher_code",
    "customer_satisfaction",
    "customer_style_id",
    "treatment_advice",
    "customer_value_tier_id",
    "sla_id",
    "sla_breached_on",
    "followup_satisfaction",
    "followup_solved",
    "hours_to_resolve",
    "date_first_response",
    "customer_confirmed",
    "team_id",
    "lead_id",
    "invoice_id",
)
# What it shows: the customer keeps reading these.
COMPLAINT_PORTAL_FIELDS = (
    "name",
    "subject",
    "description",
    "date_open",
    "category",
    "stage_id",
    "is_resolved",
    "sale_order_id",
    "sla_deadline",
    "date_resolved",
    "user_id",
    "resolution",
)


@tagged("post_install", "-at_install")
class TestRolesComplaint(SuiteRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.care_user_a = cls._user("roles_care_user_a", CARE_USER, cls.company_a)
        cls.care_manager_a = cls._user("roles_care_manager_a", CARE_MANAGER, cls.company_a)
        cls.care_user_b = cls._user("roles_care_user_b", CARE_USER, cls.company_b)
        cls.care_manager_b = cls._user("roles_care_manager_b", CARE_MANAGER, cls.company_b)
        cls.style = cls.env["crm.customer.style"].search([], limit=1)
        cls.customer_a.write(
            {
                "customer_style_id": cls.style.id,
                "decision_basis_id": cls.env["crm.decision.basis"].search([], limit=1).id,
            }
        )
        cls.tier_a = cls.env["crm.value.tier"].search(
            [("company_id", "in", [cls.company_a.id, False])], limit=1
        )
        cls.env["crm.customer.value"].create(
            {
                "partner_id": cls.customer_a.id,
                "company_id": cls.company_a.id,
                "value_tier_id": cls.tier_a.id,
            }
        )
        cls.team_a = cls.env["crm.complaint.team"].create(
            {"name": "Care A", "company_id": cls.company_a.id}
        )
        cls.team_b = cls.env["crm.complaint.team"].create(
            {"name": "Care B", "company_id": cls.company_b.id}
        )
        cls.complaint_a = (
            cls.env["crm.complaint"]
            .with_company(cls.company_a)
            .create(
                {
                    "subject": "Scratched table",
                    "partner_id": cls.portal_a.partner_id.id,
                    "company_id": cls.company_a.id,
                    "team_id": cls.team_a.id,
                    "user_id": cls.care_user_a.id,
                    "root_cause": "Packed without corners",
                    "compensation_note": "Offered a 20% discount, accepted",
                    "compensation_amount": 120.0,
                }
            )
        )
        cls.complaint_b = (
            cls.env["crm.complaint"]
            .with_company(cls.company_b)
            .create(
                {
                    "subject": "Faded carpet",
                    "partner_id": cls.customer_b.id,
                    "company_id": cls.company_b.id,
                    "team_id": cls.team_b.id,
                    "user_id": cls.care_user_b.id,
                }
            )
        )
        cls.order_a = cls.env["sale.order"].create(
            {"partner_id": cls.customer_a.id, "company_id": cls.company_a.id}
        )
        cls.lead_a = cls.env["crm.lead"].create(
            {
                "name": "Dining set (A)",
                "partner_id": cls.customer_a.id,
                "company_id": cls.company_a.id,
            }
        )

    # ------------------------------------------------------------------ defect 3: portal reads

    def test_portal_customer_cannot_read_internal_complaint_fields(self):
        """portal_a (the complaint's customer) reads each internal field of their own
        complaint over JSON-RPC: refused, field by field."""
        complaint = self.complaint_a.with_user(self.portal_a)
        for name in COMPLAINT_INTERNAL_FIELDS:
            with self.subTest(field=name), self.assertRaises(AccessError):
                complaint.read([name])
        with self.assertRaises(AccessError):
            complaint.search_read([("id", "=", self.complaint_a.id)], ["root_cause"])

    def test_portal_customer_reads_what_the_portal_page_shows(self):
        """portal_a reads the fields their portal page shows, and not another customer's
        complaint (portal_b's company)."""
        values = self.complaint_a.with_user(self.portal_a).read(list(COMPLAINT_PORTAL_FIELDS))
        self.assertEqual(values[0]["subject"], "Scratched table")
        # Reading every field the user may see (what the web client asks) leaves the
        # internal ones out.
        readable = self.complaint_a.with_user(self.portal_a).read()[0]
        self.assertNotIn("root_cause", readable)
        self.assertNotIn("customer_value_tier_id", readable)
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.portal_a).read(["subject"])
        # Their list, in the model's default order.
        mine = self.env["crm.complaint"].with_user(self.portal_a).search([])
        self.assertEqual(mine, self.complaint_a)

    def test_portal_customer_cannot_read_own_partner_profile(self):
        """portal_a reads the suite's profile fields (satisfaction, style, treatment advice,
        review) on their own contact and on their company: refused."""
        for partner in (self.portal_a.partner_id, self.customer_a):
            partner = partner.with_user(self.portal_a)
            self.assertTrue(partner.read(["name"]))  # Odoo lets them read the partner
            for name in PARTNER_PROFILE_FIELDS:
                with (
                    self.subTest(partner=partner.name, field=name),
                    self.assertRaises(AccessError),
                ):
                    partner.read([name])

    def test_care_handler_without_sales_rights_reads_tier_and_profile(self):
        """care_user_a (complaint handler, no sales rights) reads the customer's tier,
        satisfaction, style and advice on the complaint they handle."""
        values = self.complaint_a.with_user(self.care_user_a).read(
            ["customer_value_tier_id", "customer_style_id", "treatment_advice", "root_cause"]
        )[0]
        self.assertEqual(values["customer_style_id"][0], self.style.id)
        self.assertEqual(values["customer_value_tier_id"][0], self.tier_a.id)
        self.assertEqual(values["root_cause"], "Packed without corners")

    def test_tier_is_not_computed_as_superuser_for_portal(self):
        """portal_a: the tier's superuser compute gives them nothing, even in cache."""
        complaint = self.complaint_a.with_user(self.portal_a)
        field = complaint._fields["customer_value_tier_id"]
        with complaint.env.protecting([field], complaint):
            complaint._compute_customer_value_tier_id()
            self.assertFalse(complaint.env.cache.get(complaint, field))

    def test_public_and_plain_internal_user_cannot_read_complaints(self):
        """public (anonymous visitor) and internal (no care rights) read a complaint:
        refused."""
        for user in (self.public, self.internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.complaint_a.with_user(user).read(["subject"])

    def test_portal_customer_cannot_write_or_create(self):
        """portal_a writes their complaint or creates one without the portal form:
        refused."""
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.portal_a).write({"subject": "Changed"})
        with self.assertRaises(AccessError):
            self.env["crm.complaint"].with_user(self.portal_a).create({"subject": "Direct"})

    # ------------------------------------------------------------------ defect 7: companies

    def _assert_refused(self, user, complaint, values):
        # The company check, not a missing access right (AccessError is a UserError too).
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            complaint.with_user(user).write(values)

    def test_company_b_manager_cannot_link_company_a_documents(self):
        """manager_b (sales manager of company B) and care_manager_b link company A's
        order, lead and team to a company B complaint, on create and on write: refused."""
        for user in (self.manager_b, self.care_manager_b):
            Complaint = self.env["crm.complaint"].with_user(user).with_company(self.company_b)
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(UserError, "Incompatible companies"),
            ):
                Complaint.create(
                    {
                        "subject": "Which order?",
                        "partner_id": self.customer_b.id,
                        "sale_order_id": self.order_a.id,
                        "team_id": self.team_b.id,
                    }
                )
            mine = Complaint.create(
                {"subject": "Mine", "partner_id": self.customer_b.id, "team_id": self.team_b.id}
            )
            for values in (
                {"sale_order_id": self.order_a.id},
                {"lead_id": self.lead_a.id},
                {"team_id": self.team_a.id},
            ):
                with self.subTest(user=user.login, values=values):
                    self._assert_refused(user, mine, values)

    def test_company_b_care_user_cannot_link_company_a_order(self):
        """care_user_b (complaint handler of company B) links company A's order to the
        complaint they handle: refused."""
        self._assert_refused(self.care_user_b, self.complaint_b, {"sale_order_id": self.order_a.id})

    def test_company_a_manager_cannot_see_company_b_complaints(self):
        """manager_a and care_manager_a search company B's complaint: not found."""
        for user in (self.manager_a, self.care_manager_a):
            found = (
                self.env["crm.complaint"].with_user(user).search([("id", "=", self.complaint_b.id)])
            )
            self.assertFalse(found)

    def test_dissatisfaction_entry_belongs_to_complaint_company(self):
        """care_user_b registers a complaint of company B for a customer shared by both
        companies while company A is the current company of the environment: the
        satisfaction entry it records belongs to company B."""
        shared = self.env["res.partner"].create({"name": "Shared Customer", "is_company": True})
        self.care_user_b.write({"company_ids": [(4, self.company_a.id)]})
        both = [self.company_a.id, self.company_b.id]  # A current, B also selected
        complaint = (
            self.env["crm.complaint"]
            .with_user(self.care_user_b)
            .with_context(allowed_company_ids=both)
            .create({"subject": "Late", "partner_id": shared.id, "company_id": self.company_b.id})
        )
        entries = shared.sudo().satisfaction_entry_ids
        self.assertEqual(entries.mapped("level"), ["dissatisfied"])
        self.assertEqual(entries.company_id, complaint.company_id)

    # ------------------------------------------------------------------ defect 9: dates

    def test_care_user_cannot_open_complaint_in_year_one_or_future(self):
        """care_user_a sets a complaint's opening date to 0001-01-01, to 1999 or to next
        week: refused with a clear message; yesterday and a few hours ahead pass."""
        complaint = self.complaint_a.with_user(self.care_user_a)
        now = fields.Datetime.now()
        for bad in (datetime(1, 1, 1), datetime(1999, 12, 31, 23, 0), now + timedelta(days=7)):
            with self.subTest(date=bad), self.assertRaises(ValidationError):
                complaint.write({"date_open": bad})
        with self.assertRaises(ValidationError):
            self.env["crm.complaint"].with_user(self.salesperson_own).create(
                {"subject": "Old", "partner_id": self.customer_a.id, "date_open": datetime(1, 1, 1)}
            )
        complaint.write({"date_open": now - timedelta(days=1)})
        complaint.write({"date_open": now + timedelta(hours=3)})  # a clock a little ahead

    def test_sales_manager_reads_pivot_groups(self):
        """manager_a opens the complaints pivot (read_group by month): it works."""
        groups = (
            self.env["crm.complaint"]
            .with_user(self.manager_a)
            .read_group([], ["hours_to_resolve:avg"], ["date_open:month"])
        )
        self.assertTrue(groups)

    # ------------------------------------------------------------------ roles matrix

    def test_salesperson_registers_and_handles_own_complaint(self):
        """salesperson_own registers a complaint and writes its root cause; they cannot
        read a complaint of someone else's team (care_user_a's)."""
        Complaint = self.env["crm.complaint"].with_user(self.salesperson_own)
        mine = Complaint.create({"subject": "Wobbly", "partner_id": self.customer_a.id})
        self.assertTrue(mine.customer_confirmed)
        mine.write({"root_cause": "Loose screws"})
        self.assertFalse(Complaint.search([("id", "=", self.complaint_a.id)]))

    def test_sales_manager_reads_all_but_writes_own(self):
        """manager_a reads every complaint of company A but cannot change one they do not
        handle."""
        complaint = self.complaint_a.with_user(self.manager_a)
        self.assertEqual(complaint.read(["root_cause"])[0]["root_cause"], "Packed without corners")
        with self.assertRaises(AccessError):
            complaint.write({"root_cause": "Not mine"})

    def test_care_user_confirms_customer_care_manager_deletes(self):
        """care_user_a cannot delete the complaint they handle; care_manager_a can."""
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.care_user_a).unlink()
        self.complaint_a.with_user(self.care_manager_a).unlink()
        self.assertFalse(self.complaint_a.exists())
