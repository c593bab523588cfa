from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# Fields that only KPI managers set: they decide what was carried out.
MANAGER_FIELDS = {"state", "date_done"}

INITIATIVE_KINDS = [
    ("process_improvement", "Process improvement"),
    ("cost_saving", "Cost saving"),
    ("suggestion", "Suggestion"),
]


class BillingImprovementInitiative(models.Model):
    """An improvement of the billing work with a measurable aim: the KPI it
    should move, its baseline from the KPI history before the start, the
    change aimed at, and the result measured from the KPI values after the
    start. Initiative KPIs count them per kind."""

    _name = "billing.improvement.initiative"
    _description = "Improvement Initiative"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_proposed desc, id desc"

    name = fields.Char(required=True, tracking=True)
    description = fields.Html()
    kind = fields.Selection(INITIATIVE_KINDS, required=True, default="process_improvement")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    proposer_id = fields.Many2one(
        "hr.employee",
        string="Proposed By",
        required=True,
        index=True,
        default=lambda self: self.env.user.employee_id,
        tracking=True,
    )
    owner_id = fields.Many2one(
        "hr.employee",
        string="Owner",
        index=True,
        tracking=True,
        help="Carries the initiative out; completed initiatives count for the owner.",
    )
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="proposed",
        required=True,
        tracking=True,
        copy=False,
    )
    date_proposed = fields.Date(
        string="Proposed On", required=True, default=fields.Date.context_today, copy=False
    )
    date_start = fields.Date(string="Start", tracking=True)
    date_deadline = fields.Date(string="Deadline", tracking=True)
    date_done = fields.Date(string="Completed On", copy=False, tracking=True)

    kpi_id = fields.Many2one(
        "billing.kpi",
        string="KPI to Move",
        index=True,
        help="The KPI whose team value the initiative should change.",
    )
    kpi_unit = fields.Selection(related="kpi_id.unit", string="KPI Unit")
    baseline_date_from = fields.Date(
        string="Baseline From",
        compute="_compute_baseline_dates",
        store=True,
        readonly=False,
        help="The baseline is the mean team value of the KPI over the periods of this "
        "range. By default, the six months before the start.",
    )
    baseline_date_to = fields.Date(
        string="Baseline To", compute="_compute_baseline_dates", store=True, readonly=False
    )
    baseline_value = fields.Float(
        compute="_compute_baseline_value",
        store=True,
        readonly=False,
        help="Taken from the KPI history of the baseline range; it may be corrected by hand.",
    )
    target_change = fields.Float(
        string="Target Change (%)",
        tracking=True,
        help="The change of the KPI aimed at, in % of the baseline: -20 for 20% less.",
    )
    target_value = fields.Float(compute="_compute_target_value")
    measured_value = fields.Float(
        compute="_compute_result",
        help="The mean team value of the KPI over the closed periods from the start "
        "to the deadline.",
    )
    measured_periods = fields.Integer(compute="_compute_result")
    measured_change = fields.Float(string="Measured Change (%)", compute="_compute_result")
    verdict = fields.Selection(
        [
            ("achieved", "Achieved"),
            ("not_yet", "Not yet"),
            ("missed", "Missed"),
            ("unmeasured", "Not measurable"),
        ],
        compute="_compute_result",
        help="Achieved: the measured change reaches the target. Not yet: it does not, "
        "and the deadline is ahead. Missed: it did not by the deadline. Not measurable: "
        "no KPI, baseline or target, or no value after the start.",
    )
    history = fields.Json(
        compute="_compute_history",
        help="The KPI's team values with the baseline and the target, for the chart.",
    )

    @api.depends("date_start")
    def _compute_baseline_dates(self):
        for initiative in self:
            if initiative.date_start and not initiative.baseline_date_from:
                start = initiative.date_start.replace(day=1)
                initiative.baseline_date_from = start - relativedelta(months=6)
                initiative.baseline_date_to = start - relativedelta(days=1)

    @api.depends("kpi_id", "company_id", "baseline_date_from", "baseline_date_to")
    def _compute_baseline_value(self):
        for initiative in self:
            values = initiative._get_team_values(
                initiative.baseline_date_from, initiative.baseline_date_to
            )
            initiative.baseline_value = sum(values.values()) / len(values) if values else 0.0

    @api.depends("baseline_value", "target_change")
    def _compute_target_value(self):
        for initiative in self:
            initiative.target_value = initiative.baseline_value * (
                1 + initiative.target_change / 100.0
            )

    @api.depends(
        "kpi_id", "baseline_value", "target_change", "date_start", "date_deadline", "state"
    )
    def _compute_result(self):
        today = fields.Date.context_today(self)
        for initiative in self:
            end = min(initiative.date_deadline or today, today - relativedelta(days=1))
            values = initiative._get_team_values(initiative.date_start, end)
            initiative.measured_periods = len(values)
            initiative.measured_value = sum(values.values()) / len(values) if values else 0.0
            measurable = (
                values
                and initiative.baseline_value
                and initiative.target_change
                and initiative.state != "cancelled"
            )
            if not measurable:
                initiative.measured_change = 0.0
                initiative.verdict = "unmeasured"
                continue
            baseline = initiative.baseline_value
            change = (initiative.measured_value - baseline) / abs(baseline) * 100.0
            initiative.measured_change = change
            target = initiative.target_change
            reached = change <= target if target < 0 else change >= target
            if reached:
                initiative.verdict = "achieved"
            elif initiative.date_deadline and initiative.date_deadline < today:
                initiative.verdict = "missed"
            else:
                initiative.verdict = "not_yet"

    @api.depends("kpi_id", "baseline_date_from", "date_deadline", "baseline_value", "target_change")
    def _compute_history(self):
        for initiative in self:
            first = initiative.baseline_date_from or initiative.date_start
            values = initiative._get_team_values(first, initiative.date_deadline)
            initiative.history = {
                "points": [[day.isoformat(), value] for day, value in sorted(values.items())],
                "baseline": initiative.baseline_value if initiative.kpi_id else None,
                "target": initiative.target_value if initiative.target_change else None,
                "start": initiative.date_start and initiative.date_start.isoformat(),
                "unit": initiative.kpi_id.unit or "",
            }

    def _get_team_values(self, date_from, date_to):
        """Return {period start: team value} of the KPI for the closed periods
        inside [date_from, date_to]; n/a periods are left out."""
        if not (self.kpi_id and date_from):
            return {}
        domain = [
            ("kpi_id", "=", self.kpi_id.id),
            ("company_id", "=", self.company_id.id),
            ("employee_id", "=", False),
            ("status", "!=", "na"),
            ("date_from", ">=", date_from),
        ]
        if date_to:
            domain.append(("date_to", "<=", date_to))
        rows = self.env["billing.kpi.value"].sudo().search_read(domain, ["date_from", "value"])
        return {row["date_from"]: row["value"] for row in rows}

    @api.constrains("date_start", "date_deadline", "baseline_date_from", "baseline_date_to")
    def _check_dates(self):
        for initiative in self:
            if (
                initiative.date_start
                and initiative.date_deadline
                and initiative.date_deadline < initiative.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The deadline of initiative %(name)s (%(deadline)s) is before its "
                        "start (%(start)s).",
                        name=initiative.name,
                        deadline=initiative.date_deadline,
                        start=initiative.date_start,
                    )
                )
            if (
                initiative.baseline_date_from
                and initiative.baseline_date_to
                and initiative.baseline_date_to < initiative.baseline_date_from
            ):
                raise ValidationError(
                    self.env._(
                        "The baseline range of initiative %(name)s ends on %(end)s, before "
                        "it starts on %(start)s.",
                        name=initiative.name,
                        end=initiative.baseline_date_to,
                        start=initiative.baseline_date_from,
                    )
                )
            if (
                initiative.date_start
                and initiative.baseline_date_to
                and initiative.baseline_date_to >= initiative.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The baseline of initiative %(name)s must end before its start "
                        "(%(start)s): it measures the situation before the change.",
                        name=initiative.name,
                        start=initiative.date_start,
                    )
                )

    @api.constrains("kpi_id", "company_id")
    def _check_kpi_company(self):
        for initiative in self:
            company = initiative.kpi_id.company_id
            if company and company != initiative.company_id:
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s belongs to company %(company)s, not to the company "
                        "of initiative %(name)s.",
                        kpi=initiative.kpi_id.display_name,
                        company=company.name,
                        name=initiative.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "proposed") != "proposed" or vals.get("date_done"):
                self._check_manager()
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) & MANAGER_FIELDS:
            self._check_manager()
        return super().write(vals)

    def _check_manager(self):
        if not self.env.su and not self.env.user.has_group("billing_kra_kpi.group_kpi_manager"):
            raise AccessError(
                self.env._(
                    "Only KPI managers start, complete or cancel improvement initiatives; "
                    "propose yours and a manager takes it from there."
                )
            )

    def action_start(self):
        for initiative in self:
            initiative.write(
                {
                    "state": "in_progress",
                    "date_start": initiative.date_start or fields.Date.context_today(self),
                }
            )
        return True

    def action_done(self):
        self.write({"state": "done", "date_done": fields.Date.context_today(self)})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_reset(self):
        self.write({"state": "proposed", "date_done": False})
        return True
