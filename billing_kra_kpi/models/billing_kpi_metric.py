from collections import namedtuple
from datetime import datetime, time, timedelta

import pytz

from odoo import api, models
from odoo.tools import SQL

# One live metric. ``model`` is the model of the records behind its values and
# ``facts`` the name of the method returning the SQL of its facts.
# ``denominator`` is the source of the denominator: "facts" (summed from
# the facts), "working_days" (the employee's resource calendar) or None (a
# count, whose value is its numerator). A metric of ``scope`` "team" measures the
# template's members as a group: its facts method also takes the member
# employees, and only the team row gets a value.
Metric = namedtuple("Metric", ["model", "facts", "denominator", "scope"], defaults=["user"])

# A period of one company: closed date bounds, the matching half-open UTC
# datetime bounds in the company's time zone, and the company.
Period = namedtuple("Period", ["date_from", "date_to", "start", "stop", "company"])


class BillingKpiMetric(models.AbstractModel):
    """Registry and runner of the live metrics.

    A metric is defined once, by the SQL of its facts: one row per record
    counted, with the columns ``user_id`` (the user credited), ``res_id`` (the
    record), ``numerator`` and ``denominator``. The runner aggregates the facts
    per user with one grouped query per metric, period and company, and lists
    the records behind a value from the same SQL, so that a number and its
    details cannot disagree.

    Bridge addons add a metric with a ``selection_add`` on ``billing.kpi.metric``,
    a facts method, and an override of :meth:`_get_metrics`.
    """

    _name = "billing.kpi.metric"
    _description = "KPI Live Metrics"

    @api.model
    def _get_metrics(self):
        """Return the live metrics as {key: Metric}."""
        return {
            "invoices_per_day": Metric("account.move", "_facts_invoices_per_day", "working_days"),
            "invoices_posted": Metric("account.move", "_facts_invoices_per_day", None),
            "errors_corrected": Metric("account.move", "_facts_errors_corrected", "facts"),
            "discrepancy_days": Metric("account.move", "_facts_discrepancy_days", "facts"),
            "paid_on_time": Metric("account.move.line", "_facts_paid_on_time", "facts"),
            "amount_accuracy": Metric("account.move", "_facts_amount_accuracy", "facts"),
            "payments_reconciled": Metric("account.payment", "_facts_payments_reconciled", "facts"),
            "unreconciled_investigated": Metric(
                "account.payment", "_facts_unreconciled_investigated", None
            ),
            "reconciliation_accuracy": Metric(
                "billing.event", "_facts_reconciliation_accuracy", "facts"
            ),
            "aged_outstanding": Metric("account.move.line", "_facts_aged_outstanding", "facts"),
            "entry_accuracy": Metric("account.move", "_facts_entry_accuracy", "facts"),
            "documentation": Metric("account.move", "_facts_documentation", "facts"),
            "billing_cycle_days": Metric("account.move", "_facts_billing_cycle_days", "facts"),
            "error_rate": Metric("account.move", "_facts_error_rate", "facts"),
            "retention": Metric("hr.employee", "_facts_retention", "facts", "team"),
        }

    @api.model
    def _make_period(self, date_from, date_to, company):
        """Return the Period of ``company`` for the closed date range, with its
        datetime bounds taken at midnight in the company's time zone."""
        tz = pytz.timezone(company.partner_id.tz or self.env.user.tz or "UTC")

        def utc(day):
            local = tz.localize(datetime.combine(day, time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return Period(date_from, date_to, utc(date_from), utc(date_to + timedelta(days=1)), company)

    @api.model
    def _get_facts(self, key, period, employees):
        metric = self._get_metrics()[key]
        if metric.scope == "team":
            return getattr(self, metric.facts)(period, employees)
        return getattr(self, metric.facts)(period)

    @api.model
    def _compute_metric(self, key, period, employees):
        """Return {user_id: (numerator, denominator)} of metric ``key`` for every
        user with facts in ``period``, or {None: (numerator, denominator)} for a
        team metric over ``employees``. The denominator is None for counts and
        for working-day metrics, which the engine completes per employee."""
        metric = self._get_metrics()[key]
        facts = self._get_facts(key, period, employees)
        user_column = SQL("NULL::integer") if metric.scope == "team" else SQL("facts.user_id")
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT %s, SUM(facts.numerator), SUM(facts.denominator)
                  FROM (%s) AS facts
                 WHERE facts.user_id IS NOT NULL OR %s
              GROUP BY 1
                """,
                user_column,
                facts,
                metric.scope == "team",
            )
        )
        result = {}
        keep_denominator = metric.denominator == "facts"
        for user_id, numerator, denominator in self.env.cr.fetchall():
            result[user_id] = (numerator or 0.0, denominator if keep_denominator else None)
        return result

    @api.model
    def _metric_record_ids(self, key, period, employees, user_ids, side):
        """Return the ids of the records behind the ``side`` ("numerator" or
        "denominator") of metric ``key`` for ``user_ids`` in ``period``; all of
        them for a team metric over ``employees``."""
        metric = self._get_metrics()[key]
        facts = self._get_facts(key, period, employees)
        column = SQL.identifier("facts", side)
        if metric.scope == "team":
            user_ids = [None]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT facts.res_id
                  FROM (%s) AS facts
                 WHERE (facts.user_id = ANY(%s) OR %s) AND COALESCE(%s, 0) <> 0
                """,
                facts,
                [user_id for user_id in user_ids if user_id],
                metric.scope == "team",
                column,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]
