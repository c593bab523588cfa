from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, models

# Months from the start of the worked example to its deadline.
VALIDATION_DURATION = 6


class BillingKpiDemo(models.AbstractModel):
    """Improvement initiatives of the demo, spread over the months of work:
    the catalogue's worked example and a few others of each kind."""

    _inherit = "billing.kpi.demo"

    @api.model
    def _generate_initiatives(self, plan):
        """Create the initiatives of ``plan``; their baselines come from the
        KPI values computed before."""
        clerk = {
            clerk: self.env.ref("billing_kra_kpi.employee_billing_clerk_%s" % clerk)
            for clerk in ("anna", "ben", "chloe")
        }
        months = len(plan.months()) - 1
        first = plan.first_month
        last_closed = plan.today.replace(day=1) - timedelta(days=1)

        def month(index, day=1):
            return first + relativedelta(months=index, days=day - 1)

        vals_list = [
            self._validation_vals(plan, clerk, last_closed),
            {
                "name": self.env._("E-invoicing for the ten largest customers"),
                "kind": "cost_saving",
                "proposer_id": clerk["anna"].id,
                "owner_id": clerk["ben"].id,
                "date_proposed": month(0, 11),
                "date_start": month(months // 4 + 1),
                "state": "done",
                "date_done": min(month(3 * months // 4, 13), last_closed),
            },
            {
                "name": self.env._("Matching rules for payments without reference"),
                "kind": "process_improvement",
                "proposer_id": clerk["chloe"].id,
                "owner_id": clerk["anna"].id,
                "date_proposed": month(months // 3, 6),
                "date_start": month(months // 3 + 1),
                "date_deadline": month(months // 3 + 7) - timedelta(days=1),
                "state": "in_progress",
                "kpi_id": self.env.ref("billing_kra_kpi.billing_kpi_4_4").id,
                "target_change": -15.0,
            },
            {
                "name": self.env._("Group invoices of one customer per week"),
                "kind": "suggestion",
                "proposer_id": clerk["ben"].id,
                "date_proposed": month(0, 21),
                "state": "cancelled",
            },
            {
                "name": self.env._("Template of credit note reasons"),
                "kind": "suggestion",
                "proposer_id": clerk["anna"].id,
                "date_proposed": month(months // 2, 4),
            },
            {
                "name": self.env._("Payment link in reminder e-mails"),
                "kind": "suggestion",
                "proposer_id": clerk["anna"].id,
                "date_proposed": last_closed - timedelta(days=8),
            },
            {
                "name": self.env._("Shared month-end checklist"),
                "kind": "suggestion",
                "proposer_id": clerk["chloe"].id,
                "date_proposed": last_closed - timedelta(days=2),
            },
        ]
        return self.env["billing.improvement.initiative"].create(vals_list)

    @api.model
    def _validation_vals(self, plan, clerk, last_closed):
        """Return the values of the catalogue's worked example: automated
        data validation of invoices, aiming at a 20% lower billing error
        rate. It starts when the plan makes the clerks' resets and credit
        notes rarer; its baseline is the default, the six months before."""
        start = plan.validation_start
        deadline = start + relativedelta(months=VALIDATION_DURATION, days=-1)
        done = deadline <= last_closed
        return {
            "name": self.env._("Automated data validation of invoices"),
            "kind": "process_improvement",
            "proposer_id": clerk["ben"].id,
            "owner_id": clerk["chloe"].id,
            "date_proposed": start - relativedelta(months=1, days=-4),
            "date_start": start,
            "date_deadline": deadline,
            "state": "done" if done else "in_progress",
            "date_done": deadline if done else False,
            "kpi_id": self.env.ref("billing_kra_kpi.billing_kpi_input_error_rate").id,
            "target_change": -20.0,
            "description": self.env._(
                "<p>Check customer, tax and payment terms before an invoice can be "
                "posted, so that fewer invoices are reset to draft or reversed.</p>"
            ),
        }
