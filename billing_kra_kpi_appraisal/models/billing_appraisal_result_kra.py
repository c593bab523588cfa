from odoo import fields, models


class BillingAppraisalResultKra(models.Model):
    """The score of one KRA over an appraisal's evaluation period: its
    scores on the scorecards of the period, averaged with the days of their
    periods as weights. Scorecards where the KRA has no data are left out."""

    _name = "billing.appraisal.result.kra"
    _description = "Appraisal KRA Score"
    _order = "result_id, sequence, id"

    result_id = fields.Many2one(
        "billing.appraisal.result", required=True, index=True, ondelete="cascade"
    )
    kra_id = fields.Many2one("billing.kra", string="KRA", required=True, ondelete="cascade")
    sequence = fields.Integer()
    weight = fields.Float(digits=(5, 2), help="The KRA's weight in the template, in %.")
    score = fields.Float(
        aggregator="avg", help="0 to 100; empty when the KRA has no data in the period."
    )
    has_score = fields.Boolean(help="False when the KRA has no data on any scorecard.")
    scored_days = fields.Integer(help="Days of the scorecards on which the KRA has a score.")
