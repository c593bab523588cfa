from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_configuration_tour(self):
        self.start_tour("/odoo", "billing_kpi_configuration_tour", login="admin")

    def test_clerk_tour(self):
        new_test_user(
            self.env,
            login="tour_clerk",
            groups="base.group_user,billing_kra_kpi.group_kpi_user",
        )
        self.start_tour("/odoo", "billing_kpi_clerk_tour", login="tour_clerk")

    def test_value_details_tour(self):
        last_month = fields.Date.today().replace(day=1) - relativedelta(months=1)
        value = self.env["billing.kpi.value"].search(
            [
                ("kpi_id", "=", self.env.ref("billing_kra_kpi.billing_kpi_5_3").id),
                (
                    "employee_id",
                    "=",
                    self.env.ref("billing_kra_kpi.employee_billing_clerk_anna").id,
                ),
                ("date_from", "=", last_month),
            ]
        )
        self.assertNotEqual(value.status, "na", "the demo data gives Anna invoices last month")
        url = "/odoo/action-billing_kra_kpi.billing_kpi_value_action/%s" % value.id
        self.start_tour(url, "billing_kpi_value_details_tour", login="admin")

    def test_initiative_tour(self):
        self.start_tour("/odoo", "billing_kpi_initiative_tour", login="admin")

    def test_manual_entry_tour(self):
        anna = self.env.ref("billing_kra_kpi.employee_billing_clerk_anna")
        last_month = fields.Date.today().replace(day=1) - relativedelta(months=1)
        # The demo entered last month's value already: the clerk enters it anew.
        self.env["billing.kpi.manual.value"].search(
            [("employee_id", "=", anna.id), ("date_from", "=", last_month)]
        ).sudo().unlink()
        self.start_tour("/odoo", "billing_kpi_manual_entry_tour", login="anna")
        entry = self.env["billing.kpi.manual.value"].search(
            [("employee_id", "=", anna.id), ("value", "=", 2.5)]
        )
        self.assertEqual(entry.kpi_id, self.env.ref("billing_kra_kpi.billing_kpi_5_4"))
        self.assertEqual(entry.state, "to_approve")
        self.assertEqual(entry.date_from, last_month)

    def test_dashboard_tour(self):
        self.start_tour("/odoo", "billing_kpi_dashboard_tour", login="maria")

    def test_analysis_tour(self):
        self.start_tour("/odoo", "billing_kpi_analysis_tour", login="maria")
