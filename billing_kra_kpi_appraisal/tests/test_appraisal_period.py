from datetime import date
from unittest import TestCase

from ..lib import appraisal_period

FEBRUARY = (date(2026, 2, 1), date(2026, 2, 28))
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))


class TestDefaultPeriod(TestCase):
    def test_from_previous_appraisal(self):
        period = appraisal_period.default_period(date(2026, 4, 30), date(2026, 1, 31))
        self.assertEqual(period, (date(2026, 2, 1), date(2026, 4, 30)))

    def test_first_appraisal_covers_a_year(self):
        period = appraisal_period.default_period(date(2026, 4, 30))
        self.assertEqual(period, (date(2025, 5, 1), date(2026, 4, 30)))

    def test_later_previous_appraisal_ignored(self):
        period = appraisal_period.default_period(date(2026, 4, 30), date(2026, 4, 30))
        self.assertEqual(period, (date(2025, 5, 1), date(2026, 4, 30)))

    def test_leap_day(self):
        period = appraisal_period.default_period(date(2028, 2, 29))
        self.assertEqual(period, (date(2027, 3, 1), date(2028, 2, 29)))


class TestPeriodDays(TestCase):
    def test_days_include_both_ends(self):
        self.assertEqual(appraisal_period.period_days(*FEBRUARY), 28)
        self.assertEqual(appraisal_period.period_days(*MARCH), 31)
        self.assertEqual(appraisal_period.period_days(date(2026, 3, 1), date(2026, 3, 1)), 1)


class TestAggregate(TestCase):
    def test_weighted_by_days(self):
        # (80 x 31 + 75 x 30) / 61.
        score = appraisal_period.aggregate([(80.0, *MARCH), (75.0, *APRIL)])
        self.assertAlmostEqual(score, 4730 / 61)

    def test_periods_without_score_left_out(self):
        score = appraisal_period.aggregate([(None, *FEBRUARY), (80.0, *MARCH), (75.0, *APRIL)])
        self.assertAlmostEqual(score, 4730 / 61)

    def test_no_score_at_all(self):
        self.assertIsNone(appraisal_period.aggregate([(None, *FEBRUARY)]))
        self.assertIsNone(appraisal_period.aggregate([]))

    def test_score_of_zero_counts(self):
        # A score of 0 is data, not n/a: (0 x 28 + 80 x 31) / 59.
        score = appraisal_period.aggregate([(0.0, *FEBRUARY), (80.0, *MARCH)])
        self.assertAlmostEqual(score, 2480 / 59)
