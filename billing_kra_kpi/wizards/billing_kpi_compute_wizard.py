from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import periods

# Ranges touching more months than this run in the background, with progress.
MONTHS_COMPUTED_AT_ONCE = 2


class BillingKpiComputeWizard(models.TransientModel):
    _name = "billing.kpi.compute.wizard"
    _description = "Compute KPI Values"

    template_ids = fields.Many2many("billing.kpi.template", string="Templates", required=True)
    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_date_to())

    @api.model
    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)

    @api.model
    def _default_date_to(self):
        return fields.Date.context_today(self)

    def action_compute(self):
        """Compute the values of the range and open them."""
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(
                self.env._(
                    "The period to compute ends on %(end)s, before it starts on %(start)s.",
                    end=self.date_to,
                    start=self.date_from,
                )
            )
        months = periods.periods_overlapping(self.date_from, self.date_to, "month")
        if len(months) > MONTHS_COMPUTED_AT_ONCE:
            return self._action_queue_job()
        value_ids = self.template_ids.compute_kpi_values(self.date_from, self.date_to)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "billing_kra_kpi.billing_kpi_value_action"
        )
        action["domain"] = [("id", "in", value_ids)]
        action["context"] = {}
        return action

    def _action_queue_job(self):
        """Queue a background job for a long range and open it."""
        # Check the right to compute now rather than when the job runs.
        self.template_ids.compute_kpi_values(self.date_from, self.date_from)
        job = self.env["billing.kpi.compute.job"]._queue(
            self.template_ids, self.date_from, self.date_to
        )
        return {
            "type": "ir.actions.act_window",
            "name": job.name,
            "res_model": "billing.kpi.compute.job",
            "res_id": job.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
