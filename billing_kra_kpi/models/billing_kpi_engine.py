import logging
import time

import pytz

from odoo import api, fields, models
from odoo.tools import split_every

from ..lib import periods, scoring
from .billing_kpi_evaluator import Scope, present_on

# Status of the values of input KPIs, which are shown but not scored.
UNSCORED = "input"
# Source kinds that read a live metric.
LIVE_KINDS = ("live", "trend")

_logger = logging.getLogger(__name__)

# Value rows written per INSERT statement.
UPSERT_BATCH = 1000

VALUE_COLUMNS = (
    "kpi_id",
    "kpi_sequence",
    "kra_id",
    "kra_sequence",
    "template_id",
    "employee_id",
    "is_team",
    "company_id",
    "periodicity",
    "date_from",
    "date_to",
    "value",
    "numerator",
    "denominator",
    "target",
    "threshold_amber",
    "threshold_red",
    "achievement",
    "score",
    "status",
    "ratio_scale",
    "computed_at",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
)

# Insert new rows and replace the figures of existing ones. A locked row keeps
# its figures, and a differing result is kept aside as a pending restatement.
UPSERT_QUERY = """
INSERT INTO billing_kpi_value AS old (%(columns)s) VALUES %(values)s
ON CONFLICT (kpi_id, company_id, (COALESCE(employee_id, 0)), date_from, date_to)
DO UPDATE SET
    value = CASE WHEN old.locked THEN old.value ELSE EXCLUDED.value END,
    numerator = CASE WHEN old.locked THEN old.numerator ELSE EXCLUDED.numerator END,
    denominator = CASE WHEN old.locked THEN old.denominator ELSE EXCLUDED.denominator END,
    target = CASE WHEN old.locked THEN old.target ELSE EXCLUDED.target END,
    threshold_amber = CASE WHEN old.locked THEN old.threshold_amber
                           ELSE EXCLUDED.threshold_amber END,
    threshold_red = CASE WHEN old.locked THEN old.threshold_red ELSE EXCLUDED.threshold_red END,
    achievement = CASE WHEN old.locked THEN old.achievement ELSE EXCLUDED.achievement END,
    score = CASE WHEN old.locked THEN old.score ELSE EXCLUDED.score END,
    status = CASE WHEN old.locked THEN old.status ELSE EXCLUDED.status END,
    computed_at = CASE WHEN old.locked THEN old.computed_at ELSE EXCLUDED.computed_at END,
    ratio_scale = CASE WHEN old.locked THEN old.ratio_scale ELSE EXCLUDED.ratio_scale END,
    kpi_sequence = EXCLUDED.kpi_sequence,
    kra_sequence = EXCLUDED.kra_sequence,
    restatement_pending = old.locked AND (old.value, old.numerator, old.denominator)
        IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.numerator, EXCLUDED.denominator),
    restated_value = CASE WHEN old.locked THEN EXCLUDED.value END,
    restated_numerator = CASE WHEN old.locked THEN EXCLUDED.numerator END,
    restated_denominator = CASE WHEN old.locked THEN EXCLUDED.denominator END,
    restated_status = CASE WHEN old.locked THEN EXCLUDED.status END,
    restated_at = CASE WHEN old.locked THEN EXCLUDED.computed_at END,
    write_uid = EXCLUDED.write_uid,
    write_date = EXCLUDED.write_date
RETURNING id
"""


class BillingKpiEngine(models.AbstractModel):
    """Computes the KPI values of templates: the billing.kpi.evaluator works
    out each KPI per period and company for all members (one grouped query
    per live metric), then scoring, then one upsert."""

    _name = "billing.kpi.engine"
    _description = "KPI Engine"

    @api.model
    def _compute_templates(self, templates, date_from, date_to, isolate=False):
        """Compute the KPIs of ``templates`` for every period that overlaps
        [date_from, date_to] and return the ids of the values written.

        With ``isolate``, a KPI whose computation fails is logged and skipped
        (its savepoint rolled back) and the others complete; otherwise the
        error propagates.
        """
        started = time.monotonic()
        value_ids = []
        for template in templates:
            value_ids += self._compute_template(template, date_from, date_to, isolate)
        cards = self.env["billing.scorecard"].sudo()._refresh_for_values(value_ids)
        _logger.info(
            "Computed %s KPI values and %s scorecards of %s template(s) from %s to %s in %.2f s",
            len(value_ids),
            len(cards),
            len(templates),
            date_from,
            date_to,
            time.monotonic() - started,
        )
        return value_ids

    @api.model
    def _compute_template(self, template, date_from, date_to, isolate):
        kpis = template.kpi_ids.filtered(lambda k: not k._get_missing_computation())
        metrics = self.env["billing.kpi.metric"]._get_metrics()
        now = fields.Datetime.now()
        # Members are searched once per template, not once per KPI and period.
        members = self._get_all_members(template)
        companies = template.company_id or members.company_id
        rows = []
        for company in companies:
            company_members = members.filtered(lambda e, company=company: e.company_id == company)
            scope = Scope(template, company, company_members)
            for kpi in kpis:
                if kpi.metric and kpi.metric not in metrics and kpi.source_kind in LIVE_KINDS:
                    _logger.warning("KPI %s names the unknown metric %s", kpi.code, kpi.metric)
                    continue
                try:
                    with self.env.cr.savepoint():
                        rows += self._compute_kpi(kpi, scope, date_from, date_to, now)
                except Exception:
                    if not isolate:
                        raise
                    _logger.warning(
                        "Skipped KPI %s of template %s in company %s",
                        kpi.code,
                        template.name,
                        company.name,
                        exc_info=True,
                    )
        return self._write_values(rows)

    @api.model
    def _get_all_members(self, template):
        """Return the template's members, archived employees included: an
        employee archived after a period still has values for it."""
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        domain = [("job_id", "in", template.job_ids.ids)] if template.job_ids else [("id", "=", 0)]
        members = Employee.search(domain) | template.employee_ids.sudo().with_context(
            active_test=False
        )
        if template.company_id:
            members = members.filtered(lambda e: e.company_id == template.company_id)
        return members

    @api.model
    def _get_period_members(self, template, company, date_from):
        """Return the members of ``template`` in ``company`` who had not left
        before the period starting on ``date_from``."""
        members = self._get_all_members(template).filtered(lambda e: e.company_id == company)
        return present_on(members, date_from)

    @api.model
    def _compute_kpi(self, kpi, scope, date_from, date_to, now):
        """Return the value rows of ``kpi`` for every period of its periodicity
        overlapping [date_from, date_to]: one per present member and the team."""
        evaluator = self.env["billing.kpi.evaluator"]
        rows = []
        for period_from, period_to in periods.periods_overlapping(
            date_from, date_to, kpi.periodicity
        ):
            figures = evaluator._evaluate(kpi, scope, period_from, period_to)
            for employee, figure in figures.items():
                rows.append(
                    self._value_row(
                        kpi, scope.company, period_from, period_to, employee, figure, now
                    )
                )
        return rows

    @api.model
    def _figures_per_user(self, metric, employees, by_user):
        """Return {employee or None for the team: (numerator, denominator)}.
        An employee without a user cannot be credited with records: n/a."""
        empty = (0.0, None) if metric.denominator is None else (0.0, 0.0)
        figures = {}
        team_users = set()
        for employee in employees:
            user = employee.user_id
            figures[employee] = by_user.get(user.id, empty) if user else (None, None)
            if user:
                team_users.add(user.id)
        figures[None] = _sum_figures([by_user.get(user_id, empty) for user_id in team_users])
        return figures

    @api.model
    def _figures_per_working_day(self, period, employees, by_user):
        """Like _figures_per_user, with the denominator the employee's working
        days in the period from their resource calendar, leaves excluded."""
        # Days after now are not worked yet: the current period counts so far.
        stop = min(period.stop, fields.Datetime.now())
        days = self._get_working_days(employees, period.start, stop)
        figures = {}
        for employee in employees:
            if not employee.user_id:
                figures[employee] = (None, None)
                continue
            numerator = by_user.get(employee.user_id.id, (0.0, None))[0]
            figures[employee] = (numerator, days[employee])
        figures[None] = _sum_figures([f for f in figures.values() if f[0] is not None])
        return figures

    @api.model
    def _get_working_days(self, employees, start, stop):
        """Return {employee: working days between the naive UTC datetimes
        ``start`` and ``stop``}, from each resource calendar, leaves excluded.

        Employees without leaves of their own in the range share the result
        of their calendar and time zone, so the calendar is worked out once
        per group rather than once per employee. Employees on leave get their
        own result.
        """
        start, stop = pytz.utc.localize(start), pytz.utc.localize(stop)
        own_leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            ._read_group(
                [
                    ("resource_id", "in", employees.resource_id.ids),
                    ("date_from", "<", stop.replace(tzinfo=None)),
                    ("date_to", ">", start.replace(tzinfo=None)),
                ],
                ["resource_id"],
            )
        )
        on_leave = {resource for (resource,) in own_leaves}
        groups = employees.grouped(
            lambda e: e.id if e.resource_id in on_leave else (e.resource_calendar_id, e.tz)
        )
        days = {}
        for group in groups.values():
            representative = group[:1]
            data = representative._get_work_days_data_batch(start, stop, compute_leaves=True)
            for employee in group:
                days[employee] = data[representative.id]["days"]
        return days

    @api.model
    def _figures_of_team(self, employees, by_user):
        """Return the figures of a team metric: a value on the team row only."""
        figures = dict.fromkeys(employees, (None, None))
        figures[None] = by_user.get(None, (0.0, 0.0))
        return figures

    @api.model
    def _value_row(self, kpi, company, date_from, date_to, employee, figure, now):
        scored = self._score(kpi, figure.value)
        uid = self.env.uid
        return (
            kpi.id,
            kpi.sequence,
            kpi.kra_id.id,
            kpi.kra_id.sequence,
            kpi.template_id.id,
            employee.id if employee else None,
            not employee,
            company.id,
            kpi.periodicity,
            date_from,
            date_to,
            figure.value,
            figure.numerator,
            figure.denominator,
            kpi.target,
            kpi.threshold_amber,
            kpi.threshold_red,
            scored["achievement"],
            scored["score"],
            scored["status"],
            figure.scale,
            now,
            uid,
            now,
            uid,
            now,
        )

    @api.model
    def _score(self, kpi, value):
        """Return the achievement, score and status of ``value`` for ``kpi``.
        An input KPI feeds formulas and trends and is not scored."""
        if kpi.is_input:
            return {
                "achievement": None,
                "score": None,
                "status": scoring.NA if value is None else UNSCORED,
            }
        achievement = scoring.achievement(value, kpi.target, kpi.threshold_red, kpi.direction)
        return {
            "achievement": achievement,
            "score": scoring.kpi_score(achievement),
            "status": scoring.status(value, kpi.threshold_amber, kpi.threshold_red, kpi.direction),
        }

    @api.model
    def _write_values(self, rows):
        """Upsert the value rows in one statement and return their ids."""
        if not rows:
            return []
        self.env.flush_all()
        ids = []
        for chunk in split_every(UPSERT_BATCH, rows):
            query = UPSERT_QUERY % {
                "columns": ", ".join(VALUE_COLUMNS),
                "values": ", ".join(["%s"] * len(chunk)),
            }
            self.env.cr.execute(query, chunk)
            ids += [row[0] for row in self.env.cr.fetchall()]
        self.env["billing.kpi.value"].invalidate_model()
        return ids


def _sum_figures(figures):
    """Add up (numerator, denominator) pairs; a None denominator stays None."""
    numerator = sum(f[0] or 0.0 for f in figures)
    denominators = [f[1] for f in figures]
    if any(d is None for d in denominators):
        return (numerator, None)
    return (numerator, sum(denominators))
