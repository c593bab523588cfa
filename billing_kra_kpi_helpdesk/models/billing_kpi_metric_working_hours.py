from collections import defaultdict

import pytz

from odoo import api, models
from odoo.tools import SQL

from ..lib.work_time import WorkTimeline


class BillingKpiMetric(models.AbstractModel):
    """Working hours of ticket spans, for templates that count those.

    Working time depends on resource calendars and leaves, which SQL cannot
    read. So the spans are fetched in one query and converted in Python, with
    one calendar computation per calendar rather than per ticket. They come
    back as facts built from arrays, one row per ticket as in calendar hours.
    """

    _inherit = "billing.kpi.metric"

    @api.model
    def _facts_in_working_hours(self, spans, period):
        """Return facts whose numerator is the working hours of each span of
        the SQL ``spans`` (user_id, res_id, start_at, stop_at).

        Hours are those of the calendar of the credited user's employee in
        the period's company, less the employee's own leaves and the
        calendar's public holidays. A user without an employee there is
        measured on the company's calendar, and an employee without a
        calendar (fully flexible) in calendar hours."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL("SELECT user_id, res_id, start_at, stop_at FROM (%s) AS spans", spans)
        )
        rows = self.env.cr.fetchall()
        hours = self._get_working_hours(rows, period.company)
        return SQL(
            """SELECT facts.user_id, facts.res_id, facts.numerator, 1.0 AS denominator
                 FROM UNNEST(%s::integer[], %s::integer[], %s::numeric[])
                      AS facts(user_id, res_id, numerator)""",
            [row[0] for row in rows],
            [row[1] for row in rows],
            hours,
        )

    @api.model
    def _get_working_hours(self, rows, company):
        """Return the working hours of each (user_id, res_id, start, stop) row
        of ``rows``, in the same order. Datetimes are naive UTC."""
        employees = (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("user_id", "in", list({row[0] for row in rows if row[0]})),
                    ("company_id", "=", company.id),
                ],
                order="active desc, id",
            )
        )
        employee_of_user = {}
        for employee in employees:
            employee_of_user.setdefault(employee.user_id.id, employee)

        # Spans grouped by the calendar and resource that measure them. A
        # resource of False stands for the calendar without personal leaves.
        spans_by_calendar = defaultdict(list)
        hours = [None] * len(rows)
        for index, (user_id, _res_id, start, stop) in enumerate(rows):
            employee = employee_of_user.get(user_id)
            if employee and not employee.resource_calendar_id:
                hours[index] = max((stop - start).total_seconds(), 0.0) / 3600.0
                continue
            calendar = employee.resource_calendar_id if employee else company.resource_calendar_id
            resource = employee.resource_id if employee else self.env["resource.resource"]
            spans_by_calendar[calendar].append((index, resource, start, stop))

        for calendar, spans in spans_by_calendar.items():
            timelines = self._get_timelines(calendar, spans)
            for index, resource, start, stop in spans:
                timeline = timelines[resource.id]
                hours[index] = timeline.hours_between(
                    pytz.utc.localize(start), pytz.utc.localize(stop)
                )
        return hours

    @api.model
    def _get_timelines(self, calendar, spans):
        """Return {resource id: WorkTimeline} of ``calendar`` over the range
        of ``spans``, in one batch for all their resources."""
        start = pytz.utc.localize(min(span[2] for span in spans))
        stop = pytz.utc.localize(max(span[3] for span in spans))
        resources = self.env["resource.resource"].union(*[span[1] for span in spans])
        # Each resource's attendances are taken in its own time zone, those
        # of the calendar alone in the calendar's.
        intervals = calendar.sudo()._work_intervals_batch(start, stop, resources=resources)
        return {
            resource_id: WorkTimeline((begin, end) for begin, end, _meta in resource_intervals)
            for resource_id, resource_intervals in intervals.items()
        }
