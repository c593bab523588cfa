from xmlrpc.client import Fault

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRpc(HttpCase):
    """compute_kpi_values is part of the public contract over XML-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("billing_kra_kpi.billing_kpi_template_billing_clerk")
        new_test_user(
            cls.env, login="rpc_manager", groups="base.group_user,billing_kra_kpi.group_kpi_manager"
        )
        new_test_user(
            cls.env, login="rpc_clerk", groups="base.group_user,billing_kra_kpi.group_kpi_user"
        )

    def _call(self, login, method, *args):
        database = self.env.cr.dbname
        uid = self.xmlrpc_common.authenticate(database, login, login, {})
        return self.xmlrpc_object.execute(
            database, uid, login, "billing.kpi.template", method, [self.template.id], *args
        )

    def test_manager_computes_over_xmlrpc(self):
        ids = self._call("rpc_manager", "compute_kpi_values", "2026-11-01", "2026-11-30")
        self.assertTrue(ids)
        self.assertTrue(all(isinstance(value_id, int) for value_id in ids))
        rows = self.env["billing.kpi.value"].browse(ids)
        self.assertEqual(set(rows.mapped("template_id").ids), {self.template.id})
        self.assertEqual({str(day) for day in rows.mapped("date_from")}, {"2026-11-01"})

    def test_clerk_refused_over_xmlrpc(self):
        with self.assertRaises(Fault) as caught:
            self._call("rpc_clerk", "compute_kpi_values", "2026-11-01", "2026-11-30")
        self.assertIn("Only KPI managers can compute KPI values.", caught.exception.faultString)

    def test_reversed_range_refused_over_xmlrpc(self):
        with self.assertRaises(Fault) as caught:
            self._call("rpc_manager", "compute_kpi_values", "2026-11-30", "2026-11-01")
        self.assertIn(
            "The period to compute ends on 2026-11-01, before it starts on 2026-11-30.",
            caught.exception.faultString,
        )

    def test_dashboard_and_scorecards_over_xmlrpc(self):
        """The demo manager reads the team's scorecards, and a clerk only their own."""
        database = self.env.cr.dbname
        uid = self.xmlrpc_common.authenticate(database, "maria", "maria", {})
        data = self.xmlrpc_object.execute(
            database, uid, "maria", "billing.scorecard", "get_dashboard_data"
        )
        self.assertEqual(
            [row["subject"] for row in data["rows"]],
            ["Team", "Anna Novak", "Ben Okafor", "Chloe Martin"],
        )
        self.assertEqual(len(data["rows"][0]["kra_scores"]), 10)

        uid = self.xmlrpc_common.authenticate(database, "anna", "anna", {})
        cards = self.xmlrpc_object.execute(
            database, uid, "anna", "billing.scorecard", "search_read", [], ["employee_id"]
        )
        self.assertTrue(cards)
        self.assertEqual({card["employee_id"][1] for card in cards}, {"Anna Novak"})
