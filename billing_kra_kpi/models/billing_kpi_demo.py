import gc
import logging
import os
import time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import demo_plan

_logger = logging.getLogger(__name__)

# Environment variables that size the demo: closed months of work before the
# current month, and a factor on every clerk's invoice volume.
MONTHS_VARIABLE = "BILLING_KPI_DEMO_MONTHS"
SCALE_VARIABLE = "BILLING_KPI_DEMO_SCALE"
DEFAULT_MONTHS = 12
DEFAULT_SCALE = 1.0
DEFAULT_SEED = 2026


class DemoRun:
    """State of one run of the generator: the plan, the master data it
    works with, and what it created so far, by invoice key of the plan."""

    def __init__(self, plan, seed):
        self.plan = plan
        self.seed = seed
        self.users = {}
        self.customers = []
        self.products = []
        self.currency = None
        self.bank_journal = None
        # The invoice standing for each planned invoice: after a whole credit
        # note, its corrected replacement.
        self.moves = {}
        # The payment without reference of a planned invoice.
        self.payments = {}
        # Hours from creation to first posting, by move id; customer
        # documents missing here were created just before posting.
        self.cycle_hours = {}
        self.move_ids = []
        self.last_event_id = 0
        # Planned time of the postings made by the last action, by move id,
        # when they differ from the time of the action.
        self.posting_times = {}


class BillingKpiDemo(models.AbstractModel):
    """Demo data generator: a year of work of the demo billing clerks, so
    that the KPI app shows values computed from real records. The records
    come from Odoo's own flows: post invoices, reset them to draft, reverse
    them with the wizard, register payments, reconcile and unreconcile.

    The plan (lib/demo_plan.py) says what each clerk does when; this model
    carries the actions out in time order, then dates the records back to
    the planned times by SQL, because Odoo stamps them with the current
    time. See the README section "The demo data".
    """

    _name = "billing.kpi.demo"
    _description = "KPI Demo Data Generator"

    @api.model
    def _generate(self, months=None, scale=None, seed=DEFAULT_SEED):
        """Generate ``months`` closed months and the current month of billing
        work, the manual KPI values and the improvement initiatives, and
        compute the KPI values of the Billing Clerk template.

        ``months`` and ``scale`` default to the environment variables
        BILLING_KPI_DEMO_MONTHS (12) and BILLING_KPI_DEMO_SCALE (1.0).
        """
        started = time.monotonic()
        if months is None:
            months = int(_read_variable(MONTHS_VARIABLE, DEFAULT_MONTHS))
        if scale is None:
            scale = _read_variable(SCALE_VARIABLE, DEFAULT_SCALE)
        today = fields.Date.context_today(self)
        plan = demo_plan.build_plan(today, months, scale, seed)
        # Chatter tracking would double the time and no KPI reads it.
        quiet = self.with_context(tracking_disable=True, mail_create_nolog=True, mail_notrack=True)

        run = quiet._generate_billing(plan, seed)
        quiet._set_hiring_dates(plan.first_month)
        quiet._generate_kpi_values(plan)
        _logger.info(
            "Generated the demo billing work from %s to %s (%s invoices, scale %s) in %.0f s",
            plan.first_month,
            today,
            len(plan.invoices),
            scale,
            time.monotonic() - started,
        )
        return run

    @api.model
    def _generate_billing(self, plan, seed=DEFAULT_SEED):
        """Carry out the actions of ``plan`` month by month and date the
        records back; return the DemoRun."""
        run = DemoRun(plan, seed)
        self._setup_master_data(run)
        self.env.cr.execute("SELECT COALESCE(MAX(id), 0) FROM billing_event")
        run.last_event_id = self.env.cr.fetchone()[0]

        actions = iter(plan.actions)
        action = next(actions, None)
        for month in plan.months():
            month_end = month + relativedelta(months=1)
            while action and action.when.date() < month_end:
                user = run.users[action.clerk]
                getattr(self.with_user(user), "_do_%s" % action.kind)(run, action)
                self._date_new_events(run, action.when, run.posting_times)
                run.posting_times = {}
                # Run the hooks that Odoo queues for the commit, such as mail
                # tracking. Each keeps its environment alive, and the ORM scans
                # all live environments whenever it makes one, which made
                # every action slower than the one before.
                self.env.cr.flush()
                action = next(actions, None)
            self._generate_month(run, month)
            self._analyze_tables()
            # Environments made for the wizards refer to each other; free them
            # so that the ORM has fewer to scan.
            gc.collect()
        self._date_moves(run)
        return run

    @api.model
    def _generate_month(self, run, month):
        """Hook called after the billing work of each month of the plan,
        ``month`` being its first day. A bridge addon overrides it to add
        its own records of the month (helpdesk tickets, ratings) for
        ``run.users`` and ``run.customers``. Use a random.Random of your own
        seeded from ``run.seed``, so that the billing work stays the same
        with and without the bridge."""

    @api.model
    def _generate_kpi_values(self, plan):
        """Enter the manual values, compute the KPI values, then create the
        initiatives (whose baselines come from those values) and compute
        again for the initiative KPIs."""
        template = self.env.ref("billing_kra_kpi.billing_kpi_template_billing_clerk")
        today = plan.today
        # The catalogue compares 7.3 with the calendar year before installation,
        # which has no demo work; the demo compares with its first three months.
        self.env.ref("billing_kra_kpi.billing_kpi_7_3").write(
            {
                "baseline_date_from": plan.first_month,
                "baseline_date_to": plan.first_month + relativedelta(months=3, days=-1),
            }
        )
        self._generate_manual_values(plan)
        template.compute_kpi_values(plan.first_month, today)
        self._generate_initiatives(plan)
        template.compute_kpi_values(plan.first_month, today)
        template.kpi_computed_until = today

    def _set_hiring_dates(self, first_month):
        # Odoo keeps no hiring date without hr_contract; the retention KPI
        # reads the creation of the employee record instead. The demo clerks
        # were hired a year before the first month of work.
        template = self.env.ref("billing_kra_kpi.billing_kpi_template_billing_clerk")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE hr_employee SET create_date = %s WHERE id IN %s",
            (first_month - relativedelta(years=1), tuple(template.member_ids.ids) or (0,)),
        )
        self.env.invalidate_all()

    def _analyze_tables(self):
        # The statistics of the query planner do not count the rows this
        # transaction added, and Odoo's payment state query then took 50 ms
        # instead of 3 once a few months of work existed.
        self.env.cr.execute(
            "ANALYZE account_move, account_move_line, account_partial_reconcile, "
            "account_payment, billing_event"
        )

    # ------------------------------------------------------------ dating back

    def _date_new_events(self, run, when, posting_times):
        """Date the billing events logged since the previous action at
        ``when``, the time the plan gave the action, and the postings of the
        moves in ``posting_times`` at their own time."""
        self.env.cr.execute(
            "UPDATE billing_event SET date = %s WHERE id > %s RETURNING id",
            (when, run.last_event_id),
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        if not ids:
            return
        if posting_times:
            self.env.cr.execute(
                SQL(
                    """UPDATE billing_event event SET date = planned.date
                         FROM (VALUES %s) AS planned (move_id, date)
                        WHERE event.id > %s AND event.move_id = planned.move_id
                          AND event.event_type = 'posted'""",
                    SQL(", ").join(
                        SQL("(%s, %s::timestamp)", move_id, date)
                        for move_id, date in posting_times.items()
                    ),
                    run.last_event_id,
                )
            )
        run.last_event_id = max(ids)
        self.env["billing.event"].invalidate_model(["date"])

    def _date_moves(self, run):
        """Stamp each document created with the time of its first posting
        event, and date its creation the planned hours before."""
        if not run.move_ids:
            return
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE account_move move SET billing_posted_at = first.date
                 FROM (SELECT move_id, MIN(date) AS date FROM billing_event
                        WHERE event_type = 'posted' AND move_id IN %s
                     GROUP BY move_id) first
                WHERE move.id = first.move_id""",
            (tuple(run.move_ids),),
        )
        hours = [(move_id, run.cycle_hours.get(move_id, 0.25)) for move_id in run.move_ids]
        self.env.cr.execute(
            SQL(
                """UPDATE account_move move
                      SET create_date = move.billing_posted_at - cycle.hours * INTERVAL '1 hour'
                     FROM (VALUES %s) AS cycle (id, hours)
                    WHERE move.id = cycle.id AND move.billing_posted_at IS NOT NULL""",
                SQL(", ").join(
                    SQL("(%s, %s::numeric)", move_id, value) for move_id, value in hours
                ),
            )
        )
        self.env.invalidate_all()


def _read_variable(name, default):
    """Return the number in the environment variable ``name``, or ``default``
    when it is unset or empty."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise ValueError("%s must be a number, not %r" % (name, text)) from None
    if value < 0:
        raise ValueError("%s must not be negative, not %r" % (name, text))
    return value
