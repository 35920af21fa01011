import datetime

from odoo.tests import TransactionCase, new_test_user

MONTHS = [datetime.date(2025, 9, 1), datetime.date(2025, 10, 1), datetime.date(2025, 11, 1)]


class DashboardCase(TransactionCase):
    """Hand-made snapshots (the KPI addon's own are removed): three months, two companies,
    two teams of the first company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Snapshot = cls.env["crm.kpi.snapshot"]
        cls.Target = cls.env["crm.kpi.target"]
        cls.Snapshot.search([]).unlink()
        cls.Target.search([]).unlink()
        cls.indicators = cls.Snapshot._kpi_indicators()
        plain = [i for i in cls.indicators if not i["distribution"] and i["group"] != "customers"]
        cls.count_ind = next(i for i in plain if i["unit"] == "count")
        cls.rate_ind = next(i for i in plain if i["unit"] == "percent")
        distributions = [i for i in cls.indicators if i["distribution"]]
        # Which distribution is which is told by its breakdowns (levels or tier ids), as
        # the dashboard tells them apart.
        cls.sat_ind, cls.tier_ind = distributions[0], distributions[1]
        cls.company = cls.env.company
        cls.company_2 = cls.env["res.company"].create({"name": "Second Branch"})
        cls.team_a = cls.env["crm.team"].create({"name": "North", "company_id": cls.company.id})
        cls.team_b = cls.env["crm.team"].create({"name": "South", "company_id": cls.company.id})
        cls.manager = new_test_user(
            cls.env,
            login="dash_manager",
            groups="base.group_user,sales_team.group_sale_manager",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.salesman = new_test_user(
            cls.env,
            login="dash_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
        )

    @classmethod
    def snap(cls, indicator, month, value, company=None, team=None, **vals):
        return cls.Snapshot.create(
            {
                "month": month,
                "company_id": (company or cls.company).id,
                "team_id": team.id if team else False,
                "indicator": indicator["code"],
                "value": value,
                "state": "measured",
                **vals,
            }
        )

    @classmethod
    def rate(cls, month, num, den, **kw):
        scale = 100.0 if cls.rate_ind["unit"] == "percent" else 1.0
        return cls.snap(
            cls.rate_ind, month, scale * num / den, numerator=num, denominator=den, **kw
        )

    @classmethod
    def target(cls, indicator, good_side, team=None, company=None):
        """A target whose thresholds put 10 and more on the good side when higher is better
        (below 5 bad), or on the bad side when lower is better."""
        if indicator["higher_is_better"]:
            target, watch, bad = 10, 8, 5
        else:
            target, watch, bad = 5, 8, 10
        # It replaces the demo company's own target for the indicator, if it has one.
        cls.Target.search(
            [
                ("indicator", "=", indicator["code"]),
                ("company_id", "=", (company or cls.company).id),
                ("team_id", "=", team.id if team else False),
            ]
        ).unlink()
        return cls.Target.create(
            {
                "indicator": indicator["code"],
                "company_id": (company or cls.company).id,
                "team_id": team.id if team else False,
                "target": target,
                "watch_from": watch,
                "bad_from": bad,
            }
        )

    def data(self, user=None, **filters):
        dashboard = self.env["crm.customer.dashboard"].with_user(user or self.manager)
        return dashboard.get_dashboard_data(filters)

    @staticmethod
    def card(data, code):
        return next(c for c in data["cards"] + data["customer_cards"] if c["code"] == code)
