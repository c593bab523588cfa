"""Benchmark the KPI engine against an ORM loop and a raw-SQL lower bound.

Usage (make bench does all of it):

    .venv/bin/python tools/benchmark.py CONF DATABASE seed --invoices N
    .venv/bin/python tools/benchmark.py CONF DATABASE run --mode engine|orm|sql|template

``seed`` fills an empty database that has billing_kra_kpi installed without
demo data: 50 clerks, then N posted customer invoices spread over the twelve
months from December 2025 to November 2026, with the rows Odoo itself would
hold. 70% are paid by a reconciled payment, 5% were reset to draft and
posted again, 1% cancelled. Each invoice has its posting message in the chatter
and each reset or cancellation its state tracking, so that the raw-SQL lower
bound can find the poster and the corrections from plain Odoo tables. The rows
are inserted with set-based SQL, not through Odoo's flows, to reach a million
invoices in minutes. The demo data generator (billing.kpi.demo, sized by
BILLING_KPI_DEMO_MONTHS and BILLING_KPI_DEMO_SCALE) goes through those flows
instead, which suits a few thousand invoices.

``run`` computes, for June 2026 and the 50 clerks, the invoices posted per
working day (1.1), the data-entry accuracy (5.3) and the amount accuracy (3.1),
in one of these ways:

* ``engine``: the KPI engine on a template holding those three KPIs;
* ``orm``: a plain ORM implementation, a loop over search results per clerk;
* ``sql``: one hand-written query over plain Odoo tables (chatter messages for
  the poster, state tracking for resets and cancellations);
* ``template``: the engine on the whole Billing Clerk catalogue (all live KPIs).

It prints one JSON line per mode. The line gives the median and the first of
``--repeat`` runs in seconds, the first one starting with cold ORM caches. It
also gives the peak resident memory of the process during the runs above its
size before them, and the figures, so that the modes can be checked against
each other. Run each mode in its own
process: the peak resident memory of a process never goes down.
"""

import argparse
import json
import resource
import statistics
import sys
import time
from datetime import date, datetime

import pytz

import odoo
from odoo import SUPERUSER_ID, Command, api

CLERKS = 50
MONTH = (date(2026, 6, 1), date(2026, 6, 30))
BENCH_METRICS = ("invoices_per_day", "entry_accuracy", "amount_accuracy")


def open_env(conf, database):
    odoo.tools.config.parse_config(["-c", conf, "-d", database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(database)
    cr = registry.cursor()
    return api.Environment(cr, SUPERUSER_ID, {}), cr


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# ---------------------------------------------------------------- seeding


def seed(env, invoices):
    cr = env.cr
    company = env.company
    job = env["hr.job"].create({"name": "Benchmark Clerk"})
    users = env["res.users"].create(
        [
            {
                "name": "Clerk %02d" % index,
                "login": "bench_clerk_%02d" % index,
                "groups_id": [Command.link(env.ref("account.group_account_invoice").id)],
            }
            for index in range(CLERKS)
        ]
    )
    env["hr.employee"].create(
        [{"name": user.name, "user_id": user.id, "job_id": job.id} for user in users]
    )
    partner = env["res.partner"].create({"name": "Benchmark Customer", "is_company": True})
    sale = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
    )
    bank = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
    )
    receivable = partner.property_account_receivable_id
    revenue = sale.default_account_id
    env.flush_all()

    started = time.monotonic()
    cr.execute(
        """CREATE TEMP TABLE bench_user AS
           SELECT row_number() OVER (ORDER BY id) - 1 AS slot, id, partner_id
             FROM res_users WHERE id = ANY(%s)""",
        [users.ids],
    )
    params = {
        "n": invoices,
        "company": company.id,
        "currency": company.currency_id.id,
        "sale": sale.id,
        "bank": bank.id,
        "partner": partner.id,
        "receivable": receivable.id,
        "revenue": revenue.id,
        "clerks": CLERKS,
        "validated": env.ref("account.mt_invoice_validated").id,
        "state_field": env["ir.model.fields"]._get("account.move", "state").id,
    }
    for statement in SEED_STATEMENTS:
        cr.execute(statement, params)
    for table in (
        "account_move",
        "account_move_line",
        "account_payment",
        "account_partial_reconcile",
        "billing_event",
        "mail_message",
        "mail_tracking_value",
    ):
        cr.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM %s))"
            % ("%s", table),
            [table],
        )
    cr.execute("ANALYZE")
    cr.commit()
    print(
        json.dumps({"seeded_invoices": invoices, "seconds": round(time.monotonic() - started, 1)})
    )


# The month of invoice g is g mod 12; its clerk and its fate depend on g / 12
# only, so that every month gets every clerk and every fate.
# One row of bench_invoice per invoice: its id, the ids of its lines, of its
# payment and of that payment's move and line, its clerk, dates and fate.
SEED_STATEMENTS = [
    """
    CREATE TEMP TABLE bench_invoice AS
    SELECT g,
           (SELECT COALESCE(MAX(id), 0) FROM account_move) + 2 * g - 1 AS move_id,
           (SELECT COALESCE(MAX(id), 0) FROM account_move) + 2 * g AS pay_move_id,
           (SELECT COALESCE(MAX(id), 0) FROM account_move_line) + 3 * g - 2 AS receivable_line,
           (SELECT COALESCE(MAX(id), 0) FROM account_move_line) + 3 * g - 1 AS revenue_line,
           (SELECT COALESCE(MAX(id), 0) FROM account_move_line) + 3 * g AS pay_line,
           (SELECT COALESCE(MAX(id), 0) FROM account_payment) + g AS payment_id,
           (SELECT COALESCE(MAX(id), 0) FROM account_partial_reconcile) + g AS partial_id,
           (SELECT COALESCE(MAX(id), 0) FROM mail_message) + 2 * g - 1 AS post_message,
           (SELECT COALESCE(MAX(id), 0) FROM mail_message) + 2 * g AS fix_message,
           clerk.id AS user_id, clerk.partner_id AS author_id,
           day, day + TIME '09:00' + make_interval(mins => g %% 480) AS posted_at,
           (100 + (g %% 37) * 25)::numeric AS amount,
           (g / 12) %% 10 < 7 AS paid, (g / 12) %% 20 = 0 AS reset,
           (g / 12) %% 100 = 1 AS cancelled
      FROM generate_series(1, %(n)s) g
      JOIN bench_user clerk ON clerk.slot = (g / 12) %% %(clerks)s,
           LATERAL (SELECT (DATE '2025-12-01' + make_interval(months => g %% 12)
                            + make_interval(days => (g / 12) %% 28))::date AS day) dates
    """,
    """
    INSERT INTO account_move (id, name, journal_id, currency_id, company_id, state, move_type,
                              auto_post, date, invoice_date, invoice_date_due, partner_id,
                              commercial_partner_id, amount_total, amount_total_signed,
                              amount_untaxed, amount_untaxed_signed, amount_residual,
                              amount_residual_signed, payment_state, posted_before,
                              billing_posted_by_id, billing_posted_at,
                              create_uid, create_date, write_uid, write_date)
    SELECT move_id, 'BENCH/' || g, %(sale)s, %(currency)s, %(company)s,
           CASE WHEN cancelled THEN 'cancel' ELSE 'posted' END, 'out_invoice', 'no',
           day, day, day + 30, %(partner)s, %(partner)s, amount, amount, amount, amount,
           CASE WHEN paid THEN 0 ELSE amount END, CASE WHEN paid THEN 0 ELSE amount END,
           CASE WHEN paid THEN 'paid' ELSE 'not_paid' END, TRUE, user_id, posted_at,
           user_id, posted_at - INTERVAL '2 hours', user_id, posted_at
      FROM bench_invoice
    UNION ALL
    SELECT pay_move_id, 'BPAY/' || g, %(bank)s, %(currency)s, %(company)s, 'posted', 'entry',
           'no', day + 20, NULL, NULL, %(partner)s, %(partner)s, amount, amount, 0, 0, 0, 0,
           'not_paid', TRUE, NULL, NULL, user_id, posted_at, user_id, posted_at
      FROM bench_invoice WHERE paid
    """,
    """
    INSERT INTO account_move_line (id, move_id, currency_id, display_type, company_id,
                                   journal_id, account_id, partner_id, date, date_maturity,
                                   balance, debit, credit, amount_currency, amount_residual,
                                   amount_residual_currency, reconciled, parent_state,
                                   create_uid, create_date, write_uid, write_date)
    SELECT receivable_line, move_id, %(currency)s, 'payment_term', %(company)s, %(sale)s,
           %(receivable)s, %(partner)s, day, day + 30, amount, amount, 0, amount,
           CASE WHEN paid THEN 0 ELSE amount END, CASE WHEN paid THEN 0 ELSE amount END,
           paid, 'posted', user_id, posted_at, user_id, posted_at
      FROM bench_invoice
    UNION ALL
    SELECT revenue_line, move_id, %(currency)s, 'product', %(company)s, %(sale)s,
           %(revenue)s, %(partner)s, day, NULL, -amount, 0, amount, -amount, 0, 0, FALSE,
           'posted', user_id, posted_at, user_id, posted_at
      FROM bench_invoice
    UNION ALL
    SELECT pay_line, pay_move_id, %(currency)s, 'product', %(company)s, %(bank)s,
           %(receivable)s, %(partner)s, day + 20, NULL, -amount, 0, amount, -amount, 0, 0,
           TRUE, 'posted', user_id, posted_at, user_id, posted_at
      FROM bench_invoice WHERE paid
    """,
    """
    INSERT INTO account_payment (id, move_id, journal_id, company_id, currency_id, partner_id,
                                 state, payment_type, partner_type, amount, date, is_reconciled,
                                 create_uid, create_date, write_uid, write_date)
    SELECT payment_id, pay_move_id, %(bank)s, %(company)s, %(currency)s, %(partner)s, 'paid',
           'inbound', 'customer', amount, day + 20, TRUE, user_id, posted_at, user_id, posted_at
      FROM bench_invoice WHERE paid
    """,
    """
    INSERT INTO account_partial_reconcile (id, debit_move_id, credit_move_id, amount,
                                           debit_amount_currency, credit_amount_currency,
                                           company_id, max_date,
                                           create_uid, create_date, write_uid, write_date)
    SELECT partial_id, receivable_line, pay_line, amount, amount, amount, %(company)s, day + 20,
           user_id, day + 20 + TIME '15:00', user_id, day + 20 + TIME '15:00'
      FROM bench_invoice WHERE paid
    """,
    """
    INSERT INTO mail_message (id, model, res_id, message_type, subtype_id, author_id, date,
                              body, create_uid, create_date, write_uid, write_date)
    SELECT post_message, 'account.move', move_id, 'notification', %(validated)s, author_id,
           posted_at, '<p>Invoice validated</p>', user_id, posted_at, user_id, posted_at
      FROM bench_invoice
    UNION ALL
    SELECT fix_message, 'account.move', move_id, 'notification', NULL, author_id,
           posted_at + INTERVAL '2 hours', '', user_id, posted_at, user_id, posted_at
      FROM bench_invoice WHERE reset OR cancelled
    """,
    """
    INSERT INTO mail_tracking_value (mail_message_id, field_id, old_value_char, new_value_char,
                                     create_uid, create_date, write_uid, write_date)
    SELECT fix_message, %(state_field)s, 'Posted',
           CASE WHEN cancelled THEN 'Cancelled' ELSE 'Draft' END,
           user_id, posted_at, user_id, posted_at
      FROM bench_invoice WHERE reset OR cancelled
    """,
    """
    INSERT INTO billing_event (event_type, date, user_id, responsible_user_id, company_id,
                               move_id, move_name, counterpart_move_id, payment_id,
                               partial_reconcile_ref, amount,
                               create_uid, create_date, write_uid, write_date)
    SELECT 'posted', posted_at, user_id, user_id, %(company)s, move_id, 'BENCH/' || g,
           NULL::integer, NULL::integer, NULL::integer, NULL::numeric,
           1, posted_at, 1, posted_at
      FROM bench_invoice
    UNION ALL
    SELECT CASE WHEN cancelled THEN 'cancelled' ELSE 'reset_to_draft' END,
           posted_at + INTERVAL '2 hours', user_id, user_id, %(company)s, move_id,
           'BENCH/' || g, NULL, NULL, NULL, NULL, 1, posted_at, 1, posted_at
      FROM bench_invoice WHERE reset OR cancelled
    UNION ALL
    SELECT 'posted', posted_at + INTERVAL '3 hours', user_id, user_id, %(company)s, move_id,
           'BENCH/' || g, NULL, NULL, NULL, NULL, 1, posted_at, 1, posted_at
      FROM bench_invoice WHERE reset
    UNION ALL
    SELECT 'reconciled', day + 20 + TIME '15:00', user_id, user_id, %(company)s, move_id,
           'BENCH/' || g, pay_move_id, payment_id, partial_id, amount, 1, posted_at, 1, posted_at
      FROM bench_invoice WHERE paid
    """,
]


# ---------------------------------------------------------------- runs


def bench_template(env, metrics):
    """Return a template measuring the benchmark clerks with one KPI per metric."""
    template = env["billing.kpi.template"].search([("name", "=", "Benchmark")])
    if template:
        template.kra_ids.unlink()
    else:
        template = env["billing.kpi.template"].create(
            {
                "name": "Benchmark",
                "job_ids": [
                    Command.set(env["hr.job"].search([("name", "=", "Benchmark Clerk")]).ids)
                ],
            }
        )
    kpis = [
        Command.create(
            {
                "code": "B%s" % index,
                "name": metric,
                "description": metric,
                "source_kind": "live",
                "metric": metric,
                "unit": "ratio" if metric == "invoices_per_day" else "percent",
                "target": 50,
                "threshold_amber": 40,
                "threshold_red": 20,
                "weight": 1,
            }
        )
        for index, metric in enumerate(metrics)
    ]
    env["billing.kra"].create(
        {"name": "Benchmark", "template_id": template.id, "weight": 100, "kpi_ids": kpis}
    )
    return template


def run_engine(env, template):
    ids = template.compute_kpi_values(*MONTH)
    rows = env["billing.kpi.value"].browse(ids).filtered(lambda row: row.is_team)
    figures = {row.kpi_id.metric: [row.numerator, row.denominator] for row in rows}
    figures["rows"] = len(ids)
    return figures


def run_orm(env):
    """The straightforward implementation: search the clerk's invoices, then
    look at each one."""
    start = datetime(2026, 6, 1)
    stop = datetime(2026, 7, 1)
    employees = env["hr.employee"].search([("job_id.name", "=", "Benchmark Clerk")])
    totals = {"invoices": 0, "accurate": 0, "amount": 0.0, "amount_accurate": 0.0}
    for employee in employees:
        invoices = env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("billing_posted_by_id", "=", employee.user_id.id),
                ("billing_posted_at", ">=", start),
                ("billing_posted_at", "<", stop),
            ]
        )
        for invoice in invoices:
            corrected = env["billing.event"].search_count(
                [
                    ("move_id", "=", invoice.id),
                    ("event_type", "in", ("reset_to_draft", "cancelled", "reversed")),
                ]
            )
            totals["invoices"] += 1
            totals["amount"] += invoice.amount_total_signed
            if not corrected:
                totals["accurate"] += 1
                totals["amount_accurate"] += invoice.amount_total_signed
        employee._get_work_days_data_batch(
            datetime(2026, 6, 1, tzinfo=pytz.utc),
            datetime(2026, 7, 1, tzinfo=pytz.utc),
        )
    return {
        "invoices_per_day": [totals["invoices"], None],
        "entry_accuracy": [totals["accurate"], totals["invoices"]],
        "amount_accuracy": [totals["amount_accurate"], totals["amount"]],
    }


RAW_SQL = """
WITH posting AS (
    SELECT DISTINCT ON (message.res_id) message.res_id AS move_id, author.id AS user_id,
           message.date AS posted_at
      FROM mail_message message
      JOIN res_users author ON author.partner_id = message.author_id
     WHERE message.model = 'account.move' AND message.subtype_id = %(validated)s
  ORDER BY message.res_id, message.date, message.id
), corrected AS (
    SELECT DISTINCT message.res_id AS move_id
      FROM mail_tracking_value tracking
      JOIN mail_message message ON message.id = tracking.mail_message_id
     WHERE message.model = 'account.move' AND tracking.field_id = %(state_field)s
       AND (tracking.old_value_char = 'Posted' AND tracking.new_value_char = 'Draft'
            OR tracking.new_value_char = 'Cancelled')
    UNION
    SELECT reversed_entry_id FROM account_move
     WHERE move_type = 'out_refund' AND state = 'posted' AND reversed_entry_id IS NOT NULL
)
SELECT COUNT(*), COUNT(*) FILTER (WHERE corrected.move_id IS NULL),
       SUM(move.amount_total_signed),
       COALESCE(SUM(move.amount_total_signed) FILTER (WHERE corrected.move_id IS NULL), 0)
  FROM posting
  JOIN account_move move ON move.id = posting.move_id
  JOIN res_users clerk ON clerk.id = posting.user_id
  JOIN hr_employee employee ON employee.user_id = clerk.id
  JOIN hr_job job ON job.id = employee.job_id AND job.name->>'en_US' = 'Benchmark Clerk'
  LEFT JOIN corrected ON corrected.move_id = move.id
 WHERE move.move_type = 'out_invoice'
   AND posting.posted_at >= '2026-06-01' AND posting.posted_at < '2026-07-01'
"""


def run_sql(env):
    env.cr.execute(
        RAW_SQL,
        {
            "validated": env.ref("account.mt_invoice_validated").id,
            "state_field": env["ir.model.fields"]._get("account.move", "state").id,
        },
    )
    invoices, accurate, amount, amount_accurate = env.cr.fetchone()
    return {
        "invoices_per_day": [invoices, None],
        "entry_accuracy": [accurate, invoices],
        "amount_accuracy": [float(amount_accurate), float(amount)],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conf")
    parser.add_argument("database")
    parser.add_argument("action", choices=("seed", "run"))
    parser.add_argument("--invoices", type=int, default=100000)
    parser.add_argument("--mode", choices=("engine", "orm", "sql", "template"), default="engine")
    parser.add_argument("--repeat", type=int, default=5, help="runs; the median is reported")
    args = parser.parse_args()

    env, cr = open_env(args.conf, args.database)
    try:
        if args.action == "seed":
            seed(env, args.invoices)
            return
        if args.mode in ("engine", "template"):
            template = (
                env.ref("billing_kra_kpi.billing_kpi_template_billing_clerk")
                if args.mode == "template"
                else bench_template(env, BENCH_METRICS)
            )
            if args.mode == "template":
                template.job_ids = env["hr.job"].search([("name", "=", "Benchmark Clerk")])
            env.flush_all()
            cr.commit()
        before = peak_rss_mb()
        durations = []
        for _run in range(args.repeat):
            env.invalidate_all()
            started = time.monotonic()
            if args.mode in ("engine", "template"):
                figures = run_engine(env, template)
            elif args.mode == "orm":
                figures = run_orm(env)
            else:
                figures = run_sql(env)
            durations.append(time.monotonic() - started)
        print(
            json.dumps(
                {
                    "mode": args.mode,
                    "seconds_median": round(statistics.median(durations), 3),
                    "seconds_first": round(durations[0], 3),
                    "peak_rss_growth_mb": round(peak_rss_mb() - before, 1),
                    "figures": figures if args.mode != "template" else figures["rows"],
                },
                default=float,
            )
        )
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    sys.exit(main())
