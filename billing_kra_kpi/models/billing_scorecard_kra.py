from odoo import fields, models


class BillingScorecardKra(models.Model):
    """The score of one KRA on a scorecard: the weighted mean of its KPI
    scores, n/a ones left out and the other weights renormalised."""

    _name = "billing.scorecard.kra"
    _description = "Scorecard KRA Score"
    _order = "scorecard_id, sequence, id"

    scorecard_id = fields.Many2one(
        "billing.scorecard", required=True, ondelete="cascade", index=True
    )
    kra_id = fields.Many2one("billing.kra", string="KRA", required=True, ondelete="cascade")
    sequence = fields.Integer()
    weight = fields.Float(digits=(5, 2), help="The KRA's weight in the template, in %.")
    score = fields.Float(aggregator="avg", help="0 to 100; empty when no KPI of the KRA has data.")
    has_score = fields.Boolean(help="False when every KPI of the KRA is n/a.")
    employee_id = fields.Many2one(related="scorecard_id.employee_id", store=True)
    date_from = fields.Date(related="scorecard_id.date_from", store=True)
    company_id = fields.Many2one(related="scorecard_id.company_id", store=True)
