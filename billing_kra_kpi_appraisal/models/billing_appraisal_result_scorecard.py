from odoo import api, fields, models

from ..lib import appraisal_period


class BillingAppraisalResultScorecard(models.Model):
    """One scorecard used by an appraisal's KPI result, with its period,
    score and band as they were when the result was last computed: a
    snapshot keeps them even if the scorecard is recomputed or deleted."""

    _name = "billing.appraisal.result.scorecard"
    _description = "Appraisal Scorecard"
    _order = "result_id, date_from, id"

    result_id = fields.Many2one(
        "billing.appraisal.result", required=True, index=True, ondelete="cascade"
    )
    scorecard_id = fields.Many2one("billing.scorecard", index=True, ondelete="set null")
    scorecard_state = fields.Selection(related="scorecard_id.state", string="Scorecard Status")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    days = fields.Integer(
        compute="_compute_days", store=True, help="Length of the period, its weight in the result."
    )
    score = fields.Float(aggregator="avg", help="0 to 100; empty when the scorecard has no data.")
    has_score = fields.Boolean()
    band_id = fields.Many2one("billing.rating.band", string="Rating")
    band_color = fields.Selection(related="band_id.color")

    @api.depends("date_from", "date_to")
    def _compute_days(self):
        for line in self:
            line.days = appraisal_period.period_days(line.date_from, line.date_to)

    def action_open_scorecard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "billing.scorecard",
            "res_id": self.scorecard_id.id,
            "views": [[False, "form"]],
        }
