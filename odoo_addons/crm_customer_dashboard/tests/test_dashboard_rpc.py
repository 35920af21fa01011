from odoo.tests import HttpCase, tagged

from .common import MONTHS, DashboardCase


@tagged("post_install", "-at_install")
class TestDashboardOverXmlRpc(HttpCase, DashboardCase):
    def test_integration_reads_the_dashboard_over_xmlrpc(self):
        """Issue 25.12: a figure missing in a month (a rate without a denominator, an
        empty card) was None, and XML-RPC has no None: an integration reading the
        dashboard as a sales manager got the fault "cannot marshal None"."""
        self.snap(self.count_ind, MONTHS[2], 4)
        self.rate(MONTHS[2], 1, 4)
        self.manager.password = "dash_manager_rpc"
        data = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            self.manager.id,
            "dash_manager_rpc",
            "crm.customer.dashboard",
            "get_dashboard_data",
            [{}],
        )
        card = next(c for c in data["cards"] if c["code"] == self.count_ind["code"])
        self.assertEqual(card["value"], 4)
        empty = next(c for c in data["cards"] if c["state"] == "empty")
        self.assertIs(empty["value"], False, "a missing figure reads as False")
