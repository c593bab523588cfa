from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase


class TestHelpdeskDemo(TransactionCase):
    """The demo data: a year of billing tickets of Anna, Ben and Chloe and
    the values of their helpdesk KPIs."""

    def test_year_of_tickets(self):
        team = self.env.ref("billing_kra_kpi_helpdesk.helpdesk_team_billing")
        tickets = self.env["helpdesk.ticket"].search([("team_id", "=", team.id)])
        self.assertGreater(len(tickets), 300)
        first = min(tickets.mapped("create_date")).date()
        today = fields.Date.context_today(tickets)
        self.assertLessEqual(first, today.replace(day=1) - relativedelta(months=11))
        clerks = {
            self.env.ref("billing_kra_kpi.user_billing_clerk_%s" % name)
            for name in ("anna", "ben", "chloe")
        }
        self.assertEqual(set(tickets.user_id), clerks)

    def test_values_of_last_month(self):
        template = self.env.ref("billing_kra_kpi.billing_kpi_template_billing_clerk")
        last_month = fields.Date.context_today(template).replace(day=1) - relativedelta(months=1)
        values = self.env["billing.kpi.value"].search(
            [
                ("template_id", "=", template.id),
                ("date_from", "=", last_month),
                ("kpi_id.code", "in", ["1.3", "2.1", "2.2", "2.3", "2.4"]),
                ("is_team", "=", True),
            ]
        )
        self.assertEqual(len(values), 5)
        for value in values:
            self.assertNotEqual(value.status, "na", value.kpi_id.code)

    def test_clerks_differ(self):
        template = self.env.ref("billing_kra_kpi.billing_kpi_template_billing_clerk")
        response = self.env.ref("billing_kra_kpi.billing_kpi_2_1")
        values = self.env["billing.kpi.value"].read_group(
            [
                ("kpi_id", "=", response.id),
                ("template_id", "=", template.id),
                ("is_team", "=", False),
                ("status", "!=", "na"),
            ],
            ["numerator:sum", "denominator:sum"],
            ["employee_id"],
        )
        hours = {
            value["employee_id"][1]: value["numerator"] / value["denominator"] for value in values
        }
        # Anna answers fastest, Ben slowest.
        self.assertLess(hours["Anna Novak"], hours["Chloe Martin"])
        self.assertLess(hours["Chloe Martin"], hours["Ben Okafor"])
