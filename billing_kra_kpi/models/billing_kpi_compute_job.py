import logging
import threading

from odoo import api, fields, models

from ..lib import periods

_logger = logging.getLogger(__name__)


class BillingKpiComputeJob(models.Model):
    """A long computation of KPI values, run by a scheduled action month by
    month, committing and reporting its progress after each month."""

    _name = "billing.kpi.compute.job"
    _description = "KPI Computation Job"
    _order = "id desc"

    name = fields.Char(compute="_compute_name")
    template_ids = fields.Many2many("billing.kpi.template", string="Templates", required=True)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    state = fields.Selection(
        [("queued", "Queued"), ("running", "Running"), ("done", "Done"), ("failed", "Failed")],
        default="queued",
        required=True,
        readonly=True,
    )
    months_total = fields.Integer(compute="_compute_months_total")
    months_done = fields.Integer(readonly=True)
    progress = fields.Float(compute="_compute_progress", help="In %.")
    value_count = fields.Integer(string="Values Written", readonly=True)
    error = fields.Text(readonly=True)
    started_at = fields.Datetime(readonly=True)
    finished_at = fields.Datetime(readonly=True)

    @api.depends("date_from", "date_to", "template_ids")
    def _compute_name(self):
        for job in self:
            job.name = "%s, %s to %s" % (
                ", ".join(job.template_ids.mapped("name")),
                job.date_from,
                job.date_to,
            )

    @api.depends("date_from", "date_to")
    def _compute_months_total(self):
        for job in self:
            if job.date_from and job.date_to and job.date_to >= job.date_from:
                job.months_total = len(job._get_months())
            else:
                job.months_total = 0

    @api.depends("months_done", "months_total", "state")
    def _compute_progress(self):
        for job in self:
            if job.state == "done":
                job.progress = 100.0
            elif job.months_total:
                job.progress = 100.0 * job.months_done / job.months_total
            else:
                job.progress = 0.0

    def _get_months(self):
        """Return the month-long slices of the job's range, in order."""
        slices = periods.periods_overlapping(self.date_from, self.date_to, "month")
        return [(max(start, self.date_from), min(end, self.date_to)) for start, end in slices]

    def action_open_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "billing_kra_kpi.billing_kpi_value_action"
        )
        action["domain"] = [
            ("template_id", "in", self.template_ids.ids),
            ("date_to", ">=", self.date_from),
            ("date_from", "<=", self.date_to),
        ]
        return action

    @api.model
    def _cron_run_jobs(self):
        """Run the queued jobs, oldest first. A failing job is marked failed
        with its error and the next one runs."""
        for job in self.search([("state", "=", "queued")], order="id"):
            job._run()

    def _run(self):
        self.write({"state": "running", "started_at": fields.Datetime.now(), "months_done": 0})
        self._commit()
        Cron = self.env["ir.cron"]
        months = self._get_months()
        try:
            for index, (month_from, month_to) in enumerate(months, start=1):
                with self.env.cr.savepoint():
                    ids = self.template_ids.sudo().compute_kpi_values(month_from, month_to)
                self.write({"months_done": index, "value_count": self.value_count + len(ids)})
                self._commit()
                Cron._notify_progress(done=index, remaining=len(months) - index)
        except Exception as error:
            _logger.warning("KPI computation job %s failed", self.id, exc_info=True)
            self.write(
                {"state": "failed", "error": str(error), "finished_at": fields.Datetime.now()}
            )
            self._commit()
            return
        self.write({"state": "done", "finished_at": fields.Datetime.now()})
        self._commit()

    def _commit(self):
        # Commit so that the user sees the progress; tests run in one
        # transaction that must not be committed.
        if not getattr(threading.current_thread(), "testing", False):
            self.env.cr.commit()  # pylint: disable=invalid-commit

    @api.model
    def _queue(self, templates, date_from, date_to):
        """Queue a job for the range and wake the scheduled action up."""
        job = self.create(
            {"template_ids": [(6, 0, templates.ids)], "date_from": date_from, "date_to": date_to}
        )
        self.env.ref("billing_kra_kpi.ir_cron_run_compute_jobs")._trigger()
        return job
