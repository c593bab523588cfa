from odoo import models

from .billing_kpi_metric_helpdesk import TEMPLATE_KEY


class BillingKpiValue(models.Model):
    _inherit = "billing.kpi.value"

    def _action_open_records(self, side):
        # The records behind a value come from the same facts as the value,
        # which need the value's template for the helpdesk settings.
        self.ensure_one()
        value = self.with_context(**{TEMPLATE_KEY: self.template_id.id})
        return super(BillingKpiValue, value)._action_open_records(side)
