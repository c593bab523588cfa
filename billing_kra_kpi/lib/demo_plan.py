"""Plan of the demo billing work: which invoices each clerk posts on which
day, how each one is corrected and settled, as a list of dated actions in
the order they happened.

Plain Python without the ORM: the same day, number of months, scale and seed
always give the same plan, and tests check it without a database. The demo
data generator (models/billing_kpi_demo*.py) then carries the actions out
through Odoo's own flows.

Times are naive UTC, as Odoo stores datetimes. Clerks act between 08:00 and
16:00 UTC, which is the same calendar day from UTC-8 to UTC+7, so that the
KPI periods, cut at midnight in the company's time zone, see each action on
the day it was planned for.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from . import demo_profiles as profiles

WORK_HOURS = (8, 16)
# Months before the automated data validation starts, at most: with a year of
# work its baseline is the six months before it, as the catalogue's worked
# example reads.
VALIDATION_MONTHS = 6


@dataclass
class PlannedInvoice:
    """A customer invoice to post, and what happens to it afterwards."""

    key: int
    clerk: str
    customer: int
    day: date
    # (index into profiles.PRODUCTS, quantity) per invoice line.
    lines: tuple
    cycle_hours: float
    attachment: bool
    # When it is first posted; the post action of a week comes at the time
    # of its first invoice.
    posted_at: datetime | None = None
    # None, "reset", "credit_note" (whole invoice reversed and issued again
    # corrected) or "partial_credit_note" (a discount after a complaint).
    correction: str | None = None
    # How the customer settles it: a key of CustomerProfile.settlement, or
    # None when the invoice is not final before today.
    settlement: str | None = None
    # Date of the corrected invoice issued after a whole credit note.
    reissue_day: date | None = None


@dataclass(order=True)
class Action:
    """One step of a clerk's work on the invoices ``keys``, at ``when``.

    Kinds: ``post``, ``reset``, ``repost``, ``credit_note``,
    ``partial_credit_note``, ``pay`` (the whole residual), ``pay_part``,
    ``receive`` (a payment without reference, left unmatched), ``match``,
    ``mismatch`` (matched with another invoice of the customer by mistake),
    ``unmatch`` and ``review`` (a note on an old unmatched payment).
    ``share`` is the share of the invoice amount credited or paid, for
    ``partial_credit_note`` and ``pay_part``; None in ``pay_part`` pays the
    first open instalment.
    """

    when: datetime
    sequence: int
    kind: str = field(compare=False)
    clerk: str = field(compare=False)
    keys: tuple = field(compare=False)
    share: float | None = field(default=None, compare=False)


@dataclass
class Plan:
    """The whole plan: its span, its invoices and its actions in time order."""

    first_month: date
    today: date
    validation_start: date
    seed: int
    invoices: list
    actions: list

    def months(self):
        """Return the first days of the months of the plan, the current one last."""
        month = self.first_month
        result = []
        while month <= self.today:
            result.append(month)
            month += relativedelta(months=1)
        return result


def build_plan(today, months, scale=1.0, seed=2026):
    """Return the Plan of ``months`` closed months before ``today`` plus the
    current month up to yesterday, with ``scale`` times the profiles'
    invoice volumes."""
    return _Planner(today, months, scale, seed).build()


def validation_start(first_month, months):
    """Return the first day of the month in which the automated data
    validation starts: in the middle of the closed months, at most six
    months after the first."""
    offset = min(VALIDATION_MONTHS, max(1, months // 2))
    return first_month + relativedelta(months=offset)


def working_days(first, last):
    """Return the days from ``first`` to ``last`` (both included) from Monday
    to Friday."""
    days = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def invoice_count(clerk, month, index, months, today, scale=1.0):
    """Return the number of invoices ``clerk`` posts in ``month``, the
    ``index``-th month of a plan of ``months`` closed months. It is the
    profile's volume times its growth over the span, the month's load and
    the scale. The current month gets the share of its working days before
    ``today``."""
    growth = 1 + clerk.volume_growth * (index / max(1, months) - 0.5)
    load = profiles.MONTH_LOAD.get(month.month, 1.0)
    count = clerk.invoices_per_month * growth * load * scale
    month_end = month + relativedelta(months=1, days=-1)
    if month_end >= today:
        done = len(working_days(month, today - timedelta(days=1)))
        count = count * done / len(working_days(month, month_end))
    return int(count + 0.5)


def due_dates(customer, invoice_day):
    """Return [(share, due date)] of the instalments of an invoice of
    ``customer`` dated ``invoice_day``."""
    terms = profiles.PAYMENT_TERMS[customer.payment_term]
    return [(share, invoice_day + timedelta(days=days)) for share, days in terms]


class _Planner:
    def __init__(self, today, months, scale, seed):
        self.rng = random.Random(seed)
        self.seed = seed
        self.today = today
        self.months = months
        self.scale = scale
        self.first_month = today.replace(day=1) - relativedelta(months=months)
        self.validation_start = validation_start(self.first_month, months)
        self.invoices = []
        self.actions = []
        # Unmatched customer payments: (invoice key, clerk, payment day,
        # matched at or None), for the month-end reviews.
        self.unmatched = []
        # Fractions of corrections not made yet, by (clerk key, kind).
        self.carry = {}

    def build(self):
        month = self.first_month
        index = 0
        while month <= self.today:
            for clerk in profiles.CLERKS:
                self._plan_clerk_month(clerk, month, index)
            month += relativedelta(months=1)
            index += 1
        self._plan_reviews()
        self._merge_payments()
        self.actions.sort()
        return Plan(
            first_month=self.first_month,
            today=self.today,
            validation_start=self.validation_start,
            seed=self.seed,
            invoices=self.invoices,
            actions=self.actions,
        )

    # ------------------------------------------------------------ helpers

    def _add(self, when, kind, clerk, keys, share=None):
        if when.date() >= self.today:
            return False
        self.actions.append(Action(when, len(self.actions), kind, clerk.key, keys, share))
        return True

    def _at(self, day):
        """Return a random time of the working hours of ``day``."""
        minutes = self.rng.randrange((WORK_HOURS[1] - WORK_HOURS[0]) * 60)
        return datetime.combine(day, time(WORK_HOURS[0])) + timedelta(minutes=minutes)

    def _later(self, when):
        """Return a time after ``when`` on the same working day, before its end."""
        end = datetime.combine(when.date(), time(WORK_HOURS[1]))
        return when + (end - when) * self.rng.uniform(0.2, 0.8)

    def _next_working_day(self, day):
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return day

    def _days(self, bounds):
        return self.rng.randint(bounds[0], bounds[1])

    # ------------------------------------------------------------ invoices

    def _plan_clerk_month(self, clerk, month, index):
        count = invoice_count(clerk, month, index, self.months, self.today, self.scale)
        month_end = month + relativedelta(months=1, days=-1)
        days = working_days(month, min(month_end, self.today - timedelta(days=1)))
        if not count or not days:
            return
        weights = [
            profiles.MONTH_END_WEIGHT if position >= len(days) - profiles.MONTH_END_DAYS else 1
            for position in range(len(days))
        ]
        posting_days = sorted(self.rng.choices(days, weights, k=count))
        corrections = self._corrections(clerk, month, count)

        # The clerk posts each day's invoices together. The generator posts
        # a week's at once, because one call for many invoices is much
        # quicker, and dates each invoice's posting back to its own day.
        batch = []
        posted_at = None
        for position, day in enumerate(posting_days):
            if position == 0 or posting_days[position - 1] != day:
                posted_at = self._at(day)
            invoice = self._new_invoice(clerk, day, corrections[position])
            invoice.posted_at = posted_at
            batch.append(invoice)
            following = posting_days[position + 1] if position + 1 < count else None
            if not following or following.isocalendar()[:2] != day.isocalendar()[:2]:
                self._plan_posting(clerk, batch)
                batch = []

    def _corrections(self, clerk, month, count):
        """Return the correction of each of the ``count`` invoices of the
        month. The numbers are fixed shares of the count, so that error
        rates follow the profile closely even in small months."""
        factor = 1.0
        if profiles.MONTH_LOAD.get(month.month, 1.0) > 1:
            factor *= profiles.LOAD_ERRORS
        if month >= self.validation_start:
            factor *= profiles.VALIDATION_EFFECT
        if month == self.validation_start:
            # The validation prevents the errors that were still due.
            self.carry.clear()
        resets = self._carry(clerk, "reset", count * clerk.reset_share * factor)
        reversals = self._carry(clerk, "reversal", count * clerk.reversal_share * factor)
        corrections = [None] * count
        chosen = self.rng.sample(range(count), min(count, resets + reversals))
        for rank, position in enumerate(chosen):
            if rank < resets:
                corrections[position] = "reset"
            elif self.rng.random() < profiles.PARTIAL_CREDIT_NOTES:
                corrections[position] = "partial_credit_note"
            else:
                corrections[position] = "credit_note"
        return corrections

    def _carry(self, clerk, kind, expected):
        """Return the whole part of ``expected`` plus what earlier months of
        the clerk left over, and keep the new remainder: a clerk with a 2%
        share of 14 invoices makes an error every few months, not never."""
        total = self.carry.get((clerk.key, kind), 0.0) + expected
        whole = int(total)
        self.carry[(clerk.key, kind)] = total - whole
        return whole

    def _new_invoice(self, clerk, day, correction):
        products = self.rng.sample(range(len(profiles.PRODUCTS)), self.rng.choice((1, 1, 2, 3)))
        lines = tuple(
            (product, self.rng.choice(profiles.PRODUCTS[product][2])) for product in products
        )
        invoice = PlannedInvoice(
            key=len(self.invoices),
            clerk=clerk.key,
            customer=self.rng.choice(clerk.customers),
            day=day,
            lines=lines,
            cycle_hours=self.rng.uniform(*clerk.cycle_hours),
            attachment=self.rng.random() < clerk.attachment_share,
            correction=correction,
        )
        self.invoices.append(invoice)
        return invoice

    def _plan_posting(self, clerk, batch):
        self._add(batch[0].posted_at, "post", clerk, tuple(invoice.key for invoice in batch))
        for invoice in batch:
            final_day = self._plan_correction(clerk, invoice, invoice.posted_at)
            if final_day is not None:
                self._plan_settlement(clerk, invoice, final_day)

    def _plan_correction(self, clerk, invoice, posted_at):
        """Plan the correction of ``invoice`` and return the day from which
        it (or its replacement, after a whole credit note) is final; None
        when the correction is not done before today."""
        if invoice.correction == "reset":
            reset_at = self._later(posted_at)
            repost_day = self._next_working_day(
                reset_at.date() + timedelta(days=self._days(clerk.repost_days))
            )
            repost_at = (
                self._at(repost_day) if repost_day > reset_at.date() else self._later(reset_at)
            )
            self._add(reset_at, "reset", clerk, (invoice.key,))
            return (
                repost_at.date() if self._add(repost_at, "repost", clerk, (invoice.key,)) else None
            )
        if invoice.correction:
            found_day = self._next_working_day(
                invoice.day + timedelta(days=self._days(clerk.discovery_days))
            )
            share = None
            if invoice.correction == "partial_credit_note":
                share = self.rng.choice(profiles.PARTIAL_CREDIT_SHARE)
            if not self._add(self._at(found_day), invoice.correction, clerk, (invoice.key,), share):
                return None
            if invoice.correction == "credit_note":
                invoice.reissue_day = found_day
            return found_day
        return invoice.day

    # ------------------------------------------------------------ payments

    def _plan_settlement(self, clerk, invoice, final_day):
        customer = profiles.CUSTOMERS[invoice.customer]
        kinds = list(customer.settlement)
        settlement = self.rng.choices(kinds, [customer.settlement[kind] for kind in kinds])[0]
        if settlement != "unpaid" and self.rng.random() < clerk.dispute_share:
            settlement = "late"
        invoice.settlement = settlement
        instalments = due_dates(customer, invoice.reissue_day or invoice.day)
        first_day = final_day + timedelta(days=1)

        if settlement == "unpaid":
            return
        if settlement == "unreferenced":
            self._plan_unreferenced(clerk, invoice, self._pay_day(instalments[-1][1], first_day))
            return
        if len(instalments) > 1:
            # Each instalment on its own: the second one late when the
            # customer pays in two goes.
            late = settlement == "late"
            first = self._pay_day(instalments[0][1], first_day, late)
            second_late = late or settlement == "two_payments"
            second = self._pay_day(instalments[1][1], first + timedelta(days=1), second_late)
            self._add(self._at(first), "pay_part", clerk, (invoice.key,))
            self._add(self._at(second), "pay", clerk, (invoice.key,))
            return
        due = instalments[0][1]
        if settlement == "two_payments":
            first = self._pay_day(due, first_day)
            second = self._next_working_day(
                first + timedelta(days=self._days(profiles.SECOND_PAYMENT_DAYS))
            )
            share = self.rng.choice(profiles.FIRST_PAYMENT_SHARE)
            self._add(self._at(first), "pay_part", clerk, (invoice.key,), share)
            self._add(self._at(second), "pay", clerk, (invoice.key,))
            return
        day = self._pay_day(due, first_day, settlement == "late")
        self._add(self._at(day), "pay", clerk, (invoice.key,))

    def _pay_day(self, due, earliest, late=False):
        """Return a working day on which a payment due on ``due`` arrives,
        some days after it when ``late``, never before ``earliest``."""
        if late:
            day = due + timedelta(days=self._days(profiles.LATE_DAYS))
        else:
            day = due - timedelta(days=self._days(profiles.EARLY_DAYS))
        return self._next_working_day(max(day, earliest))

    def _plan_unreferenced(self, clerk, invoice, day):
        """A payment without reference: registered unmatched, matched by the
        clerk some days later, sometimes first with the wrong invoice, or
        never matched."""
        if not self._add(self._at(day), "receive", clerk, (invoice.key,)):
            return
        matched_at = None
        if self.rng.random() >= clerk.unmatched_share:
            match_day = self._next_working_day(day + timedelta(days=self._days(clerk.match_days)))
            matched_at = self._at(match_day)
            if self.rng.random() < clerk.mismatch_share:
                undo_day = self._next_working_day(
                    match_day + timedelta(days=self.rng.randint(2, 10))
                )
                undo_at = self._at(undo_day)
                # After a wrong match the clerk takes the payment for matched
                # and reviews it no more.
                if not self._add(matched_at, "mismatch", clerk, (invoice.key,)):
                    matched_at = None
                self._add(undo_at, "unmatch", clerk, (invoice.key,))
                self._add(self._later(undo_at), "match", clerk, (invoice.key,))
            elif not self._add(matched_at, "match", clerk, (invoice.key,)):
                matched_at = None
        self.unmatched.append((invoice.key, clerk, day, matched_at))

    def _plan_reviews(self):
        """At each month end, the clerk investigates each of their payments
        unmatched for more than 30 days, in a share of the reviews."""
        month = self.first_month
        while month <= self.today:
            review_day = working_days(month, month + relativedelta(months=1, days=-1))[-1]
            review_at = datetime.combine(review_day, time(WORK_HOURS[1] - 1))
            for key, clerk, paid_day, matched_at in self.unmatched:
                old = (review_day - paid_day).days > profiles.OLD_PAYMENT_DAYS
                open_then = matched_at is None or matched_at > review_at
                if old and open_then and self.rng.random() < clerk.review_share:
                    self._add(review_at, "review", clerk, (key,))
            month += relativedelta(months=1)

    def _merge_payments(self):
        """Register the whole payments of one clerk and day together, as a
        clerk does from the list of invoices."""
        merged = {}
        others = []
        for action in self.actions:
            if action.kind != "pay":
                others.append(action)
                continue
            group = (action.clerk, action.when.date())
            if group in merged:
                first = merged[group]
                first.keys += action.keys
                first.when = min(first.when, action.when)
            else:
                merged[group] = action
        self.actions = others + list(merged.values())
