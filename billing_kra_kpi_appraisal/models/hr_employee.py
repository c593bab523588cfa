from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    billing_scorecard_count = fields.Integer(
        string="KPI Scorecards",
        compute="_compute_billing_scorecard_count",
        groups="billing_kra_kpi.group_kpi_user",
        help="The employee's scorecards that the current user may see.",
    )

    def _compute_billing_scorecard_count(self):
        # Counted as the current user, so that the record rules of scorecards apply.
        counts = dict(
            self.env["billing.scorecard"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.billing_scorecard_count = counts.get(employee, 0)

    def action_open_billing_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "billing_kra_kpi.billing_scorecard_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {}
        action["display_name"] = self.env._("Scorecards of %(employee)s", employee=self.name)
        return action
