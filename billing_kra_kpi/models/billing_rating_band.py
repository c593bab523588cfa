from odoo import api, fields, models
from odoo.exceptions import ValidationError

BAND_COLORS = [("success", "Green"), ("info", "Blue"), ("warning", "Amber"), ("danger", "Red")]


class BillingRatingBand(models.Model):
    """A rating band of overall scores, such as "Meets": a scorecard gets the
    band with the highest minimum score that its score reaches."""

    _name = "billing.rating.band"
    _description = "Rating Band"
    _order = "min_score desc, id"

    name = fields.Char(required=True, translate=True)
    min_score = fields.Float(
        string="Minimum Score",
        required=True,
        help="The lowest overall score (0 to 100) of the band.",
    )
    color = fields.Selection(BAND_COLORS, default="info", required=True)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "min_score_unique",
            "UNIQUE(min_score)",
            "Two rating bands cannot start at the same score.",
        ),
    ]

    @api.constrains("min_score")
    def _check_min_score(self):
        for band in self:
            if not 0 <= band.min_score <= 100:
                raise ValidationError(
                    self.env._(
                        "The minimum score of rating band %(band)s is %(score)s; enter a "
                        "score between 0 and 100.",
                        band=band.name,
                        score=band.min_score,
                    )
                )

    @api.model
    def _get_band(self, score, bands=None):
        """Return the band of ``score`` among ``bands`` (all active bands by
        default), or an empty recordset for a score of None or below them all."""
        if score is None:
            return self.browse()
        for band in bands if bands is not None else self.search([("active", "=", True)]):
            if score >= band.min_score:
                return band
        return self.browse()
