from odoo import api, models

from .billing_kpi_metric_helpdesk import TEMPLATE_KEY


class BillingKpiEngine(models.AbstractModel):
    _inherit = "billing.kpi.engine"

    @api.model
    def _compute_kpi(self, kpi, *args, **kwargs):
        # The core passes no template to the facts methods, so the helpdesk
        # metrics read their settings from the template in the context. This
        # covers live KPIs and the trends and formulas computed with them.
        engine = self.with_context(**{TEMPLATE_KEY: kpi.template_id.id})
        return super(BillingKpiEngine, engine)._compute_kpi(kpi, *args, **kwargs)
