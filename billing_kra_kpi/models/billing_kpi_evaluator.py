from collections import namedtuple

from odoo import api, models
from odoo.exceptions import UserError

from ..lib import formula as formula_lib
from ..lib import periods, scoring

# The figures of one subject (an employee, or None for the team) for one KPI
# and period. ``value`` is None for n/a. For a rate, numerator / denominator
# gives the value. For a trend they are the current and the base value, and for
# a formula that is a division, its two sides.
# ``scale`` is set when value = numerator / denominator x scale, so that
# groups of values re-aggregate as a ratio of sums.
Figure = namedtuple("Figure", ["value", "numerator", "denominator", "scale"], defaults=[None])
NA = Figure(None, None, None)


class Scope:
    """The state shared by one computation: the company, the template's
    members in it, and the figures already worked out, so that a KPI used by
    several formulas and trends is computed once per period."""

    def __init__(self, template, company, members):
        self.template = template
        self.company = company
        self.members = members
        self.figures = {}
        self.pending = set()
        self.kpis_by_code = {kpi.code: kpi for kpi in template.kpi_ids}

    def employees(self, date_from):
        """Return the members who had not left before ``date_from``."""
        return present_on(self.members, date_from)


def present_on(employees, date_from):
    """Return the employees who had not left before ``date_from``: active
    ones, and archived ones whose departure date (or, without one, the day
    the record was last changed) is on or after it."""
    return employees.filtered(
        lambda e: e.active or (e.departure_date or e.write_date.date()) >= date_from
    )


class BillingKpiEvaluator(models.AbstractModel):
    """Works out the figures of a KPI of any source kind for one period:
    live metrics, approved manual entries, formulas over other KPIs, trends
    of another KPI, and counts of improvement initiatives."""

    _name = "billing.kpi.evaluator"
    _description = "KPI Evaluator"

    @api.model
    def _evaluate(self, kpi, scope, date_from, date_to):
        """Return {employee or None for the team: Figure} of ``kpi`` for the
        period [date_from, date_to], for every member present in it."""
        key = (kpi.id, date_from, date_to)
        if key in scope.figures:
            return scope.figures[key]
        if key in scope.pending:
            raise UserError(
                self.env._(
                    "KPI %(kpi)s depends on itself through its formula or trend base.",
                    kpi=kpi.display_name,
                )
            )
        scope.pending.add(key)
        try:
            if kpi._get_missing_computation():
                # An input without a computation, used by a formula or trend, is n/a.
                figures = dict.fromkeys([*scope.employees(date_from), None], NA)
            else:
                method = getattr(self, "_evaluate_%s" % kpi.source_kind)
                figures = method(kpi, scope, date_from, date_to)
        finally:
            scope.pending.discard(key)
        scope.figures[key] = figures
        return figures

    @api.model
    def _evaluate_live(self, kpi, scope, date_from, date_to):
        """Figures of a live metric: a count, or a rate numerator / denominator
        in % for a percent KPI; n/a without a denominator."""
        return self._evaluate_metric(
            kpi.metric, 100.0 if kpi.unit == "percent" else 1.0, scope, date_from, date_to
        )

    @api.model
    def _evaluate_metric(self, key, scale, scope, date_from, date_to):
        cache_key = ("metric", key, scale, date_from, date_to)
        if cache_key in scope.figures:
            return scope.figures[cache_key]
        Metric = self.env["billing.kpi.metric"]
        metric = Metric._get_metrics()[key]
        engine = self.env["billing.kpi.engine"]
        period = Metric._make_period(date_from, date_to, scope.company)
        employees = scope.employees(date_from)
        by_user = Metric._compute_metric(key, period, employees)
        if metric.denominator == "working_days":
            pairs = engine._figures_per_working_day(period, employees, by_user)
        elif metric.scope == "team":
            pairs = engine._figures_of_team(employees, by_user)
        else:
            pairs = engine._figures_per_user(metric, employees, by_user)

        figures = {}
        for subject, (numerator, denominator) in pairs.items():
            if numerator is None:
                value = None
            elif metric.denominator is None:
                value = numerator
            else:
                value = scoring.ratio(numerator, denominator, scale)
            ratio_scale = scale if metric.denominator is not None else None
            figures[subject] = Figure(value, numerator, denominator, ratio_scale)
        scope.figures[cache_key] = figures
        return figures

    @api.model
    def _evaluate_manual(self, kpi, scope, date_from, date_to):
        """Figures of approved manual entries. A member without an entry is
        n/a. The team takes its own entry, else the sum or the mean of the
        member entries, as set by the KPI's team aggregation."""
        entries = (
            self.env["billing.kpi.manual.value"]
            .sudo()
            .search(
                [
                    ("kpi_id", "=", kpi.id),
                    ("company_id", "=", scope.company.id),
                    ("date_from", "=", date_from),
                    ("date_to", "=", date_to),
                    ("state", "=", "approved"),
                ]
            )
        )
        by_employee = {entry.employee_id: entry.value for entry in entries}
        figures = {}
        for employee in scope.employees(date_from):
            value = by_employee.get(employee)
            figures[employee] = NA if value is None else Figure(value, value, None)

        team_entry = by_employee.get(self.env["hr.employee"])
        member_values = [f.value for f in figures.values() if f.value is not None]
        if team_entry is not None:
            figures[None] = Figure(team_entry, team_entry, None)
        elif not member_values:
            figures[None] = NA
        elif kpi.team_aggregation == "sum":
            total = sum(member_values)
            figures[None] = Figure(total, total, None)
        else:
            total = sum(member_values)
            count = float(len(member_values))
            figures[None] = Figure(total / count, total, count, 1.0)
        return figures

    @api.model
    def _evaluate_formula(self, kpi, scope, date_from, date_to):
        """Figures of a formula over the values of other KPIs of the same
        subject and period. A missing input or a division by zero is n/a."""
        node = formula_lib.parse(kpi.formula)
        inputs = {
            code: self._evaluate(scope.kpis_by_code[code], scope, date_from, date_to)
            for code in node.references()
        }
        sides = formula_lib.division_operands(node)
        figures = {}
        for subject in [*scope.employees(date_from), None]:
            values = {code: inputs[code].get(subject, NA).value for code in inputs}
            value = node.evaluate(values)
            if value is None:
                figures[subject] = NA
            elif sides:
                figures[subject] = Figure(
                    value, sides[0].evaluate(values), sides[1].evaluate(values), 1.0
                )
            else:
                figures[subject] = Figure(value, value, None)
        return figures

    @api.model
    def _evaluate_trend(self, kpi, scope, date_from, date_to):
        """Figures of the change of the base KPI (or live metric) against the
        previous period or the baseline period: in percent of the base, or in
        percentage points. A missing or zero base is n/a. The numerator is
        the current value and the denominator the base value."""
        current = self._evaluate_base(kpi, scope, date_from, date_to)
        if kpi.trend_base == "baseline":
            base = self._evaluate_baseline(kpi, scope)
        else:
            previous_from, previous_to = periods.previous_period(date_from, kpi.periodicity)
            base = self._evaluate_base(kpi, scope, previous_from, previous_to)

        figures = {}
        for subject in [*scope.employees(date_from), None]:
            now = current.get(subject, NA).value
            then = base.get(subject, NA).value
            if now is None or not then:
                figures[subject] = NA
                continue
            change = now - then if kpi.trend_unit == "points" else (now - then) / abs(then) * 100
            figures[subject] = Figure(change, now, then)
        return figures

    @api.model
    def _evaluate_base(self, kpi, scope, date_from, date_to):
        if kpi.base_kpi_id:
            return self._evaluate(kpi.base_kpi_id, scope, date_from, date_to)
        return self._evaluate_metric(kpi.metric, 1.0, scope, date_from, date_to)

    @api.model
    def _evaluate_baseline(self, kpi, scope):
        """Return the base figures over the baseline period: the mean of the
        base values of its periods that lie inside it, n/a ones left out."""
        base_periodicity = kpi.base_kpi_id.periodicity or kpi.periodicity
        ranges = periods.periods_overlapping(
            kpi.baseline_date_from, kpi.baseline_date_to, base_periodicity
        )
        inside = [
            (start, end)
            for start, end in ranges
            if start >= kpi.baseline_date_from and end <= kpi.baseline_date_to
        ] or ranges
        values = {}
        for start, end in inside:
            for subject, figure in self._evaluate_base(kpi, scope, start, end).items():
                if figure.value is not None:
                    values.setdefault(subject, []).append(figure.value)
        return {
            subject: Figure(sum(found) / len(found), sum(found), float(len(found)))
            for subject, found in values.items()
        }

    @api.model
    def _evaluate_initiative(self, kpi, scope, date_from, date_to):
        """Figures of a count of improvement initiatives of the KPI's kind:
        completed in the period, credited to their owner, or proposed in the
        period, credited to their proposer. The team counts its members'."""
        counts = self._count_initiatives(kpi, scope.company, date_from, date_to)
        figures = {}
        for employee in scope.employees(date_from):
            count = float(counts.get(employee, 0))
            figures[employee] = Figure(count, count, None)
        total = sum(f.value for f in figures.values())
        figures[None] = Figure(total, total, None)
        return figures

    @api.model
    def _count_initiatives(self, kpi, company, date_from, date_to):
        """Return {employee: number of initiatives} counted by ``kpi``."""
        if kpi.initiative_event == "proposed":
            domain, credited = [("date_proposed", ">=", date_from)], "proposer_id"
            domain += [("date_proposed", "<=", date_to)]
        else:
            domain, credited = [("state", "=", "done"), ("date_done", ">=", date_from)], "owner_id"
            domain += [("date_done", "<=", date_to)]
        groups = (
            self.env["billing.improvement.initiative"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [("kind", "=", kpi.initiative_kind), ("company_id", "=", company.id), *domain],
                [credited],
                ["__count"],
            )
        )
        return dict(groups)
