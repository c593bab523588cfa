from odoo import fields, models


class BillingScorecard(models.Model):
    _inherit = "billing.scorecard"

    appraisal_id = fields.Many2one(
        "hr.appraisal",
        compute="_compute_appraisal_id",
        compute_sudo=True,
        help="The appraisal whose KPI result uses this scorecard: the latest one that "
        "took it into a snapshot, else the latest one still following it.",
    )
    appraisal_date = fields.Date(compute="_compute_appraisal_id", compute_sudo=True)

    def _compute_appraisal_id(self):
        lines = self.env["billing.appraisal.result.scorecard"].search(
            [("scorecard_id", "in", self.ids)]
        )
        # Snapshots first, then the latest period end.
        lines = lines.sorted(
            lambda line: (bool(line.result_id.snapshot_at), line.result_id.date_to),
            reverse=True,
        )
        appraisal_by_card = {}
        for line in lines:
            appraisal_by_card.setdefault(line.scorecard_id, line.result_id.appraisal_id)
        for card in self:
            card.appraisal_id = appraisal_by_card.get(card, self.env["hr.appraisal"])
            card.appraisal_date = card.appraisal_id.date_close

    def _refresh_scores(self):
        result = super()._refresh_scores()
        self.env["billing.appraisal.result"].sudo()._refresh_for_scorecards(self)
        return result

    def unlink(self):
        employees = self.employee_id
        date_from = min(self.mapped("date_from"), default=None)
        date_to = max(self.mapped("date_to"), default=None)
        result = super().unlink()
        if employees:
            self.env["billing.appraisal.result"].sudo()._refresh_for_employees(
                employees, date_from, date_to
            )
        return result

    def action_open_appraisal(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.appraisal",
            "res_id": self.appraisal_id.id,
            "views": [[False, "form"]],
        }
