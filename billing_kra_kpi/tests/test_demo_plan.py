from collections import Counter
from datetime import date, timedelta
from unittest import TestCase

from dateutil.relativedelta import relativedelta

from ..lib import demo_plan
from ..lib import demo_profiles as profiles

# A Friday: the plan covers December 2025 to November 2026, and December
# 2026 up to Thursday the 3rd.
TODAY = date(2026, 12, 4)
CLERKS = {clerk.key: clerk for clerk in profiles.CLERKS}


def _invoices_by_clerk_and_month(plan):
    return Counter((invoice.clerk, invoice.day.replace(day=1)) for invoice in plan.invoices)


class TestDemoPlan(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = demo_plan.build_plan(TODAY, 12)

    def test_span_of_a_year(self):
        self.assertEqual(self.plan.first_month, date(2025, 12, 1))
        self.assertEqual(len(self.plan.months()), 13)
        self.assertEqual(self.plan.months()[-1], date(2026, 12, 1))

    def test_invoice_counts_by_hand(self):
        counts = _invoices_by_clerk_and_month(self.plan)

        # Anna, 30 a month: March is a quarter end (x 1.2), August quiet (x 0.75).
        self.assertEqual(counts["anna", date(2026, 3, 1)], 36)
        self.assertEqual(counts["anna", date(2026, 8, 1)], 23)
        self.assertEqual(counts["anna", date(2026, 4, 1)], 30)
        # Ben, 14 a month: 10.5 in August rounds up.
        self.assertEqual(counts["ben", date(2026, 8, 1)], 11)
        # Chloe grows from 0.75 to 1.25 times her 20 over the 12 months:
        # 20 x 0.75 x 1.25 (December) in the first month, 20 x 1.21 in November.
        self.assertEqual(counts["chloe", date(2025, 12, 1)], 19)
        self.assertEqual(counts["chloe", date(2026, 11, 1)], 24)
        # December 2026 so far: 3 of its 23 working days, x 1.25.
        self.assertEqual(counts["anna", date(2026, 12, 1)], 5)

    def test_invoice_counts_follow_the_profiles(self):
        counts = _invoices_by_clerk_and_month(self.plan)
        for index, month in enumerate(self.plan.months()):
            for clerk in profiles.CLERKS:
                expected = demo_plan.invoice_count(clerk, month, index, 12, TODAY)
                self.assertEqual(counts[clerk.key, month], expected, (clerk.key, month))

    def test_scale_multiplies_volumes(self):
        plan = demo_plan.build_plan(TODAY, 12, scale=2.0)
        counts = _invoices_by_clerk_and_month(plan)
        self.assertEqual(counts["anna", date(2026, 4, 1)], 60)
        self.assertEqual(counts["ben", date(2026, 4, 1)], 28)

    def test_month_ends_are_busier(self):
        month_end = 0
        for invoice in self.plan.invoices:
            last = demo_plan.working_days(
                invoice.day.replace(day=1), invoice.day + relativedelta(day=31)
            )[-profiles.MONTH_END_DAYS :]
            month_end += invoice.day in last
        # The last 5 of about 21 working days weigh 3: 15 / 31 of the invoices.
        share = month_end / len(self.plan.invoices)
        self.assertGreater(share, 0.4)
        self.assertLess(share, 0.56)

    def test_invoices_on_working_days_before_today(self):
        for invoice in self.plan.invoices:
            self.assertLess(invoice.day.weekday(), 5, invoice)
            self.assertLess(invoice.day, TODAY, invoice)

    def test_same_seed_same_plan(self):
        again = demo_plan.build_plan(TODAY, 12)
        self.assertEqual(again.invoices, self.plan.invoices)
        self.assertEqual(again.actions, self.plan.actions)
        other = demo_plan.build_plan(TODAY, 12, seed=7)
        self.assertNotEqual(other.actions, self.plan.actions)

    def test_actions_in_time_order_before_today(self):
        whens = [action.when for action in self.plan.actions]
        self.assertEqual(whens, sorted(whens))
        self.assertLess(whens[-1].date(), TODAY)
        for action in self.plan.actions:
            self.assertGreaterEqual(action.when.hour, demo_plan.WORK_HOURS[0], action)
            self.assertLess(action.when.hour, demo_plan.WORK_HOURS[1], action)

    def test_each_invoice_posted_before_its_other_actions(self):
        posted = {}
        for action in self.plan.actions:
            if action.kind == "post":
                for key in action.keys:
                    invoice = self.plan.invoices[key]
                    self.assertGreaterEqual(invoice.posted_at, action.when)
                    self.assertEqual(invoice.posted_at.date(), invoice.day)
                    posted[key] = invoice.posted_at
                continue
            for key in action.keys:
                self.assertIn(key, posted, action)
                self.assertGreater(action.when, posted[key], action)

    def test_clerk_profiles_differ(self):
        corrected = Counter(invoice.clerk for invoice in self.plan.invoices if invoice.correction)
        posted = Counter(invoice.clerk for invoice in self.plan.invoices)
        anna = corrected["anna"] / posted["anna"]
        ben = corrected["ben"] / posted["ben"]
        chloe = corrected["chloe"] / posted["chloe"]
        self.assertGreater(anna, chloe)
        self.assertGreater(chloe, ben)
        # Ben's 3% of errors adds up over the months to a few.
        self.assertGreater(corrected["ben"], 0)
        self.assertGreater(posted["anna"], posted["chloe"])
        self.assertGreater(posted["chloe"], posted["ben"])

    def test_validation_lowers_errors(self):
        start = self.plan.validation_start
        self.assertEqual(start, date(2026, 6, 1))
        before = [invoice for invoice in self.plan.invoices if invoice.day < start]
        after = [
            invoice for invoice in self.plan.invoices if start <= invoice.day < TODAY.replace(day=1)
        ]
        rate_before = sum(bool(invoice.correction) for invoice in before) / len(before)
        rate_after = sum(bool(invoice.correction) for invoice in after) / len(after)
        self.assertLess(rate_after, rate_before * 0.8)

    def test_settlements_of_every_kind(self):
        settlements = Counter(invoice.settlement for invoice in self.plan.invoices)
        for kind in ("on_time", "late", "two_payments", "unreferenced", "unpaid"):
            self.assertGreater(settlements[kind], 10, kind)
        kinds = Counter(action.kind for action in self.plan.actions)
        for kind in (
            "post",
            "reset",
            "repost",
            "credit_note",
            "partial_credit_note",
            "pay",
            "pay_part",
            "receive",
            "match",
            "mismatch",
            "unmatch",
            "review",
        ):
            self.assertGreater(kinds[kind], 0, kind)

    def test_foreign_currency_customers(self):
        foreign = Counter(
            profiles.CUSTOMERS[invoice.customer].foreign_currency for invoice in self.plan.invoices
        )
        self.assertGreater(foreign[True], 100)
        self.assertGreater(foreign[False], 100)
        for clerk in profiles.CLERKS:
            kinds = {profiles.CUSTOMERS[index].foreign_currency for index in clerk.customers}
            self.assertEqual(kinds, {True, False}, clerk.key)

    def test_reviews_only_of_old_unmatched_payments(self):
        received = {}
        matched = {}
        for action in self.plan.actions:
            key = action.keys[0]
            if action.kind == "receive":
                received[key] = action.when
            elif action.kind == "match":
                matched[key] = action.when
            elif action.kind == "review":
                age = action.when.date() - received[key].date()
                self.assertGreater(age, timedelta(days=profiles.OLD_PAYMENT_DAYS))
                self.assertNotIn(key, matched, "reviewed after it was matched")

    def test_due_dates_of_instalments(self):
        customer = profiles.CUSTOMERS[3]
        self.assertEqual(customer.payment_term, "account_payment_term_advance_60days")
        self.assertEqual(
            demo_plan.due_dates(customer, date(2026, 3, 10)),
            [(0.3, date(2026, 3, 10)), (0.7, date(2026, 5, 9))],
        )

    def test_small_plan_for_the_tests(self):
        plan = demo_plan.build_plan(TODAY, 2)
        self.assertEqual(plan.first_month, date(2026, 10, 1))
        self.assertEqual(plan.validation_start, date(2026, 11, 1))
        counts = _invoices_by_clerk_and_month(plan)
        # Chloe's growth spans the two months: 0.75 in October, 1.0 in November.
        self.assertEqual(counts["chloe", date(2026, 10, 1)], 15)
        self.assertEqual(counts["chloe", date(2026, 11, 1)], 20)
