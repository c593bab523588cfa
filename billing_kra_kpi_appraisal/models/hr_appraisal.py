from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import appraisal_period

# The KPI fields of an appraisal are computed as the current user, through the
# record rules of billing.appraisal.result: a user who may not read the result
# reads them empty, although hr_appraisal_oca may let them read the appraisal.
# They are cached per user, since related fields only take the context
# dependencies of their target field.
KPI_RELATED = {"compute_sudo": False, "depends_context": ("uid",)}


class HrAppraisal(models.Model):
    _inherit = "hr.appraisal"

    kpi_result_id = fields.Many2one(
        "billing.appraisal.result",
        string="KPI Result",
        compute="_compute_kpi_result_id",
        search="_search_kpi_result_id",
        compute_sudo=False,
        help="Empty when the current user may not see the KPI result.",
    )
    kpi_visibility = fields.Selection(
        [
            ("shown", "Shown"),
            ("unpublished", "Shown once the manager's feedback is published"),
            ("hidden", "Hidden"),
        ],
        compute="_compute_kpi_visibility",
        compute_sudo=False,
    )
    kpi_period_editable = fields.Boolean(compute="_compute_kpi_visibility", compute_sudo=False)
    kpi_date_from = fields.Date(
        related="kpi_result_id.date_from", readonly=False, string="KPI Period From", **KPI_RELATED
    )
    kpi_date_to = fields.Date(
        related="kpi_result_id.date_to", readonly=False, string="KPI Period To", **KPI_RELATED
    )
    kpi_template_id = fields.Many2one(related="kpi_result_id.template_id", **KPI_RELATED)
    kpi_status = fields.Selection(
        related="kpi_result_id.status", string="KPI Status", **KPI_RELATED
    )
    kpi_status_message = fields.Char(related="kpi_result_id.status_message", **KPI_RELATED)
    kpi_score = fields.Float(related="kpi_result_id.score", string="KPI Score", **KPI_RELATED)
    kpi_has_score = fields.Boolean(related="kpi_result_id.has_score", **KPI_RELATED)
    kpi_scored_days = fields.Integer(related="kpi_result_id.scored_days", **KPI_RELATED)
    kpi_band_id = fields.Many2one(
        related="kpi_result_id.band_id", string="KPI Rating", **KPI_RELATED
    )
    kpi_band_color = fields.Selection(related="kpi_result_id.band_color", **KPI_RELATED)
    kpi_kra_ids = fields.One2many(related="kpi_result_id.kra_ids", **KPI_RELATED)
    kpi_scorecard_line_ids = fields.One2many(
        related="kpi_result_id.scorecard_line_ids", **KPI_RELATED
    )
    kpi_snapshot_at = fields.Datetime(related="kpi_result_id.snapshot_at", **KPI_RELATED)
    kpi_snapshot_by_id = fields.Many2one(related="kpi_result_id.snapshot_by_id", **KPI_RELATED)
    kpi_reopened_at = fields.Datetime(related="kpi_result_id.reopened_at", **KPI_RELATED)

    @api.depends_context("uid")
    def _compute_kpi_result_id(self):
        Result = self.env["billing.appraisal.result"]
        results = Result
        if Result.has_access("read"):
            results = Result.search([("appraisal_id", "in", self._origin.ids)])
        by_appraisal = {result.appraisal_id.id: result for result in results}
        for appraisal in self:
            appraisal.kpi_result_id = by_appraisal.get(appraisal._origin.id, Result)

    def _search_kpi_result_id(self, operator, value):
        # Searched as the current user, like the field is computed. Odoo
        # searches with "in" to find the appraisals of changed results.
        if operator not in ("=", "in"):
            raise UserError(
                self.env._(
                    "Appraisals cannot be searched by KPI result with the operator "
                    "%(operator)s. Use = or in.",
                    operator=operator,
                )
            )
        results = self.env["billing.appraisal.result"].search([("id", operator, value)])
        return [("id", "in", results.appraisal_id.ids)]

    @api.depends_context("uid")
    @api.depends("employee_id", "visibility", "manager_feedback_published")
    def _compute_kpi_visibility(self):
        for appraisal in self:
            result = appraisal.kpi_result_id
            appraisal.kpi_period_editable = bool(
                result and not result.snapshot_at and result.has_access("write")
            )
            if result:
                appraisal.kpi_visibility = "shown"
            elif appraisal.employee_user_id == self.env.user and appraisal.visibility == "all":
                appraisal.kpi_visibility = "unpublished"
            else:
                appraisal.kpi_visibility = "hidden"

    def _get_kpi_default_period(self):
        """Return the default evaluation period as field values of a result:
        from the day after the employee's previous appraisal to this one."""
        self.ensure_one()
        previous = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("employee_id", "=", self.employee_id.id),
                    ("date_close", "<", self.date_close),
                    ("id", "!=", self.id),
                ],
                order="date_close desc",
                limit=1,
            )
        )
        date_from, date_to = appraisal_period.default_period(self.date_close, previous.date_close)
        return {"date_from": date_from, "date_to": date_to}

    def _get_kpi_results(self):
        return (
            self.env["billing.appraisal.result"].sudo().search([("appraisal_id", "in", self.ids)])
        )

    @api.model_create_multi
    def create(self, vals_list):
        appraisals = super().create(vals_list)
        self.env["billing.appraisal.result"].sudo()._create_for_appraisals(appraisals)
        return appraisals

    def write(self, vals):
        state = vals.get("state")
        previous_states = {appraisal.id: appraisal.state for appraisal in self}
        results = self._get_kpi_results()
        if "employee_id" in vals:
            self._check_kpi_employee_change(results, vals["employee_id"])
        if state == "3_done" and not self.env.su:
            self._check_kpi_lock_allowed(results)

        written = super().write(vals)

        if {"employee_id", "date_close"} & set(vals):
            results._reset_period()
        if state in ("2_pending", "3_done"):
            results._take_snapshot()
        if state == "3_done":
            results._lock_scorecards()
        if state == "1_new":
            results.filtered(
                lambda r: r.snapshot_at and previous_states[r.appraisal_id.id] != "1_new"
            )._note_reopening()
        return written

    def _check_kpi_employee_change(self, results, employee_id):
        for result in results.filtered("snapshot_at"):
            if result.employee_id.id != employee_id:
                raise UserError(
                    self.env._(
                        "The appraisal %(appraisal)s holds a KPI result snapshot of "
                        "%(employee)s, so its employee cannot change. Create a new "
                        "appraisal for the other employee.",
                        appraisal=result.appraisal_id.display_name,
                        employee=result.employee_id.name,
                    )
                )

    def _check_kpi_lock_allowed(self, results):
        """Marking an appraisal done locks its scorecards: only HR officers
        and the employee's managers, who may change its KPI result, may do it."""
        for result in results:
            unlocked = result.scorecard_line_ids.scorecard_id.filtered(
                lambda c: c.state != "locked"
            )
            if unlocked and not result.with_env(self.env).has_access("write"):
                raise AccessError(
                    self.env._(
                        "Marking the appraisal %(appraisal)s done locks %(count)s KPI "
                        "scorecards of %(employee)s, so only HR officers and the employee's "
                        "managers can do it.",
                        appraisal=result.appraisal_id.display_name,
                        count=len(unlocked),
                        employee=result.employee_id.name,
                    )
                )
