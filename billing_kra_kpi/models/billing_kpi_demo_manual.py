import random

from dateutil.relativedelta import relativedelta

from odoo import api, models

CLERKS = ("anna", "ben", "chloe")

# Typical monthly values of the manual KPIs entered per employee, by code:
# (Anna, Ben, Chloe). Anna is fast but careless, Ben slow and careful.
EMPLOYEE_VALUES = {
    "2.1": (7.5, 3.0, 4.5),
    "2.2": (3.8, 4.7, 4.3),
    "2.3": (14, 9, 12),
    "2.4": (18, 6, 11),
    "3.2": (6, 2, 3),
    "3.3": (86, 98, 93),
    "3.4": (70, 95, 85),
    "5.4": (1, 3, 2),
    "6.4": (0.5, 1.5, 1),
    "8.4": (3.6, 4.4, 4.1),
    "10.2": (1, 3, 2),
    "cost": (110, 75, 95),
}
# Typical monthly values of the manual KPIs entered for the team.
TEAM_VALUES = {
    "5.1": 3.5,
    "5.2": 1,
    "6.1": 1,
    "6.2": 96,
    "10.1": 1,
    "10.4": 75,
}


class BillingKpiDemo(models.AbstractModel):
    """Manual KPI values of the demo: what the clerks and their manager
    enter each month (training hours, survey scores, downtime, cost)."""

    _inherit = "billing.kpi.demo"

    @api.model
    def _generate_manual_values(self, plan):
        """Enter and approve the manual KPI values of every closed month of
        ``plan``, and leave those of the current month waiting for approval."""
        # A generator of its own, so that the billing work does not change
        # when the manual values do.
        rng = random.Random(plan.seed)
        first_month, today = plan.first_month, plan.today

        template = self.env.ref("billing_kra_kpi.billing_kpi_template_billing_clerk")
        manager = self.env.ref("billing_kra_kpi.user_billing_manager")
        employees = [
            self.env.ref("billing_kra_kpi.employee_billing_clerk_%s" % name) for name in CLERKS
        ]
        kpis = template.kpi_ids.filtered(lambda k: k.source_kind == "manual")
        Entry = self.env["billing.kpi.manual.value"]

        vals_list = []
        month = first_month
        while month <= today:
            for kpi in kpis:
                if kpi.code in TEAM_VALUES:
                    vals_list.append(
                        self._manual_vals(rng, kpi, False, month, TEAM_VALUES[kpi.code])
                    )
                for employee, typical in zip(
                    employees, EMPLOYEE_VALUES.get(kpi.code, ()), strict=False
                ):
                    vals_list.append(self._manual_vals(rng, kpi, employee, month, typical))
            month += relativedelta(months=1)

        entries = Entry.with_user(manager).create(vals_list)
        closed = entries.filtered(lambda e: e.date_to < today)
        closed.with_user(manager).action_approve()
        return entries

    @api.model
    def _manual_vals(self, rng, kpi, employee, month, typical):
        # Vary by up to 15% around the typical value, in steps a person would enter.
        value = typical * rng.uniform(0.85, 1.15)
        value = round(value * 2) / 2 if typical < 10 else round(value)
        if kpi.unit == "percent":
            value = min(value, 100.0)
        return {
            "kpi_id": kpi.id,
            "employee_id": employee.id if employee else False,
            "date_from": month,
            "value": value,
            "note": self.env._("Monthly billing report"),
        }
