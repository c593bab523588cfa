"""Benchmark the Excel export of KPI values: its duration and its peak memory.

Usage (make bench runs both steps after the engine benchmark):

    .venv/bin/python tools/benchmark_xlsx.py CONF DATABASE seed --rows N
    .venv/bin/python tools/benchmark_xlsx.py CONF DATABASE run

``seed`` needs the benchmark clerks of ``tools/benchmark.py seed``. It inserts
by SQL, for the Billing Clerk catalogue (44 KPIs), the 50 clerks and the team,
monthly values from January 2022 on, as many months as give at least N rows
(45 months and 100 980 rows for N = 100 000). One value in ten is n/a. It also
inserts their scorecards and KRA scores. The figures follow a fixed pattern,
not the engine: they exercise the export, not the scoring.

``run`` exports the whole seeded range as the administrator through the
report, as the download URL does. It prints one JSON line: the seconds, the
rows, the size of the file, and the memory growth in MB. That growth is the
peak resident memory of the process during the export minus its resident
memory just before, with the registry loaded as in an idle server worker.
Run it in a fresh process: the peak resident memory never goes down.
"""

import argparse
import json
import math
import resource
import sys
import time
from datetime import date

from dateutil.relativedelta import relativedelta

import odoo
from odoo import SUPERUSER_ID, Command, api

FIRST_MONTH = date(2022, 1, 1)
REPORT = "billing_kra_kpi.billing_kpi_xlsx_report"
TEMPLATE = "billing_kra_kpi.billing_kpi_template_billing_clerk"


def open_env(conf, database):
    odoo.tools.config.parse_config(["-c", conf, "-d", database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(database)
    cr = registry.cursor()
    return api.Environment(cr, SUPERUSER_ID, {}), cr


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def current_rss_mb():
    """Return the resident memory of the process now (Linux /proc)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 1048576.0


def seeded_range(env):
    """Return (first day, last day, rows) of the seeded values, or None."""
    env.cr.execute(
        """SELECT MIN(date_from), MAX(date_to), COUNT(*) FROM billing_kpi_value
            WHERE template_id = %s AND date_from < %s""",
        [env.ref(TEMPLATE).id, date(2025, 10, 1)],
    )
    first, last, rows = env.cr.fetchone()
    return (first, last, rows) if rows else None


def seed(env, rows):
    template = env.ref(TEMPLATE)
    job = env["hr.job"].search([("name", "=", "Benchmark Clerk")])
    employees = env["hr.employee"].search([("job_id", "=", job.id)])
    if not employees:
        sys.exit("seed: no benchmark clerks; run tools/benchmark.py seed first")
    if seeded_range(env):
        sys.exit("seed: the values are seeded already")
    template.job_ids = [Command.set(job.ids)]
    subjects = len(employees) + 1
    months = math.ceil(rows / (len(template.kpi_ids) * subjects))
    last = FIRST_MONTH + relativedelta(months=months, days=-1)
    if last >= date(2025, 10, 1):
        sys.exit("seed: %s rows need more months than the range before October 2025" % rows)
    env.flush_all()

    started = time.monotonic()
    params = {
        "template": template.id,
        "company": env.company.id,
        "job": job.id,
        "first": FIRST_MONTH,
        "last": last,
    }
    for statement in SEED_STATEMENTS:
        env.cr.execute(statement, params)
    env.cr.execute("ANALYZE billing_kpi_value")
    env.cr.commit()
    print(
        json.dumps(
            {
                "seeded_rows": seeded_range(env)[2],
                "months": months,
                "seconds": round(time.monotonic() - started, 1),
            }
        )
    )


# The hash h (0-99) of KPI, subject and month sets the figures: n/a below 10.
SEED_STATEMENTS = [
    """
    CREATE TEMP TABLE bench_subject AS
    SELECT id AS employee_id FROM hr_employee WHERE job_id = %(job)s
    UNION ALL SELECT NULL
    """,
    """
    CREATE TEMP TABLE bench_month AS
    SELECT day::date AS date_from, (day + INTERVAL '1 month - 1 day')::date AS date_to
      FROM generate_series(%(first)s::date, %(last)s::date, INTERVAL '1 month') day
    """,
    """
    INSERT INTO billing_kpi_value (kpi_id, kpi_sequence, kra_id, kra_sequence, template_id,
                                   employee_id, is_team, company_id, periodicity, date_from,
                                   date_to, value, numerator, denominator, ratio_scale, target,
                                   threshold_amber, threshold_red, achievement, score, status,
                                   locked, restatement_pending, computed_at,
                                   create_uid, create_date, write_uid, write_date)
    SELECT k.id, k.sequence, k.kra_id, k.kra_sequence, k.template_id, s.employee_id,
           s.employee_id IS NULL, %(company)s, 'month', m.date_from, m.date_to,
           CASE WHEN h < 10 THEN NULL ELSE 50 + h / 2 END, 50 + h / 2, 100, 100,
           k.target, k.threshold_amber, k.threshold_red,
           CASE WHEN h < 10 THEN NULL ELSE 40 + h END,
           CASE WHEN h < 10 THEN NULL ELSE LEAST(100, 40 + h) END,
           CASE WHEN h < 10 THEN 'na' WHEN h >= 60 THEN 'green' WHEN h >= 30 THEN 'amber'
                ELSE 'red' END,
           FALSE, FALSE, NOW() AT TIME ZONE 'UTC', 1, NOW() AT TIME ZONE 'UTC', 1,
           NOW() AT TIME ZONE 'UTC'
      FROM billing_kpi k
     CROSS JOIN bench_subject s
     CROSS JOIN bench_month m
     CROSS JOIN LATERAL (
           SELECT (k.id * 7 + COALESCE(s.employee_id, 0) * 13
                   + (m.date_from - DATE '2022-01-01') * 17) %% 100 AS h) hash
     WHERE k.template_id = %(template)s AND k.active
    """,
    """
    INSERT INTO billing_scorecard (template_id, employee_id, is_team, company_id, date_from,
                                   date_to, score, has_score, red_count, na_count, state,
                                   restatement_pending,
                                   create_uid, create_date, write_uid, write_date)
    SELECT %(template)s, s.employee_id, s.employee_id IS NULL, %(company)s, m.date_from,
           m.date_to, 50 + (COALESCE(s.employee_id, 0) + m.date_to - m.date_from) %% 50, TRUE,
           COALESCE(s.employee_id, 0) %% 5, 0, 'draft', FALSE,
           1, NOW() AT TIME ZONE 'UTC', 1, NOW() AT TIME ZONE 'UTC'
      FROM bench_subject s CROSS JOIN bench_month m
    """,
    """
    INSERT INTO billing_scorecard_kra (scorecard_id, kra_id, sequence, weight, score, has_score,
                                       employee_id, date_from, company_id,
                                       create_uid, create_date, write_uid, write_date)
    SELECT c.id, kra.id, kra.sequence, kra.weight, 40 + (c.id + kra.id) %% 60, TRUE,
           c.employee_id, c.date_from, c.company_id,
           1, NOW() AT TIME ZONE 'UTC', 1, NOW() AT TIME ZONE 'UTC'
      FROM billing_scorecard c
      JOIN billing_kra kra ON kra.template_id = c.template_id
     WHERE c.template_id = %(template)s AND c.date_from BETWEEN %(first)s AND %(last)s
    """,
]


def run(env):
    seeded = seeded_range(env)
    if not seeded:
        sys.exit("run: no seeded values; run the seed step first")
    first, last, rows = seeded
    admin = env.ref("base.user_admin")
    wizard = (
        env["billing.kpi.export.wizard"]
        .with_user(admin)
        .create(
            {
                "date_from": first,
                "date_to": last,
                "template_ids": [Command.set(env.ref(TEMPLATE).ids)],
            }
        )
    )
    env.flush_all()
    env.invalidate_all()

    before = current_rss_mb()
    started = time.monotonic()
    content, _kind = (
        env["ir.actions.report"].with_user(admin)._render_xlsx(REPORT, wizard.ids, data={})
    )
    seconds = time.monotonic() - started
    print(
        json.dumps(
            {
                "mode": "xlsx",
                "rows": rows,
                "seconds": round(seconds, 1),
                "file_mb": round(len(content) / 1048576, 1),
                "idle_rss_mb": round(before, 1),
                "peak_rss_growth_mb": round(peak_rss_mb() - before, 1),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conf")
    parser.add_argument("database")
    parser.add_argument("action", choices=("seed", "run"))
    parser.add_argument("--rows", type=int, default=100000)
    args = parser.parse_args()

    env, cr = open_env(args.conf, args.database)
    try:
        if args.action == "seed":
            seed(env, args.rows)
        else:
            run(env)
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    sys.exit(main())
