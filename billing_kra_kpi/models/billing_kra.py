from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .billing_kpi_template import DEFER_WEIGHT_CHECK, WEIGHT_PRECISION, _format_weight


class BillingKra(models.Model):
    _name = "billing.kra"
    _description = "Key Responsibility Area"
    _order = "template_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(
        translate=True,
        help="What the role must achieve in this area.",
    )
    template_id = fields.Many2one(
        "billing.kpi.template",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="template_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    weight = fields.Float(
        digits=(5, WEIGHT_PRECISION),
        help="Share of the template score, in %. The KRAs of a template sum to 100.",
    )
    kpi_ids = fields.One2many("billing.kpi", "kra_id", string="KPIs")
    kpi_count = fields.Integer(compute="_compute_kpi_weight_total", string="KPI Count")
    kpi_weight_total = fields.Float(
        compute="_compute_kpi_weight_total",
        string="Total KPI Weight",
        digits=(5, WEIGHT_PRECISION),
        help="Sum of the weights of the KPIs, in %. It must be 100.",
    )

    @api.depends("kpi_ids.weight")
    def _compute_kpi_weight_total(self):
        for kra in self:
            kra.kpi_count = len(kra.kpi_ids)
            kra.kpi_weight_total = sum(kra.kpi_ids.mapped("weight"))

    @api.constrains("weight")
    def _check_weight_range(self):
        for kra in self:
            if kra.weight < 0 or kra.weight > 100:
                raise ValidationError(
                    self.env._(
                        "The weight of KRA %(kra)s is %(weight)s%%; a weight must be "
                        "between 0 and 100%%.",
                        kra=kra.name,
                        weight=_format_weight(kra.weight),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        kras = super(BillingKra, self.with_context(**{DEFER_WEIGHT_CHECK: True})).create(vals_list)
        kras = kras.with_env(self.env)
        if not self.env.context.get(DEFER_WEIGHT_CHECK):
            kras.template_id._check_active_weights()
        return kras

    def write(self, vals):
        templates = self.template_id
        result = super(BillingKra, self.with_context(**{DEFER_WEIGHT_CHECK: True})).write(vals)
        if not self.env.context.get(DEFER_WEIGHT_CHECK):
            (templates | self.template_id)._check_active_weights()
        return result

    def unlink(self):
        templates = self.template_id
        result = super().unlink()
        if not self.env.context.get(DEFER_WEIGHT_CHECK):
            templates.exists()._check_active_weights()
        return result
