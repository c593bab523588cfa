from datetime import date
from unittest import TestCase

from ..lib import periods


class TestPeriods(TestCase):
    def test_bounds(self):
        cases = [
            (date(2026, 2, 14), "month", (date(2026, 2, 1), date(2026, 2, 28))),
            (date(2024, 2, 14), "month", (date(2024, 2, 1), date(2024, 2, 29))),
            (date(2026, 12, 31), "month", (date(2026, 12, 1), date(2026, 12, 31))),
            (date(2026, 5, 20), "quarter", (date(2026, 4, 1), date(2026, 6, 30))),
            (date(2026, 12, 4), "quarter", (date(2026, 10, 1), date(2026, 12, 31))),
            (date(2026, 7, 1), "year", (date(2026, 1, 1), date(2026, 12, 31))),
            # 2026-12-04 is a Friday; ISO weeks start on Monday.
            (date(2026, 12, 4), "week", (date(2026, 11, 30), date(2026, 12, 6))),
            (date(2026, 12, 31), "week", (date(2026, 12, 28), date(2027, 1, 3))),
        ]
        for day, periodicity, expected in cases:
            with self.subTest(day=day, periodicity=periodicity):
                self.assertEqual(periods.period_bounds(day, periodicity), expected)

    def test_overlapping_months(self):
        self.assertEqual(
            periods.periods_overlapping(date(2026, 1, 31), date(2026, 3, 1), "month"),
            [
                (date(2026, 1, 1), date(2026, 1, 31)),
                (date(2026, 2, 1), date(2026, 2, 28)),
                (date(2026, 3, 1), date(2026, 3, 31)),
            ],
        )

    def test_overlapping_single_day(self):
        self.assertEqual(
            periods.periods_overlapping(date(2026, 6, 30), date(2026, 6, 30), "quarter"),
            [(date(2026, 4, 1), date(2026, 6, 30))],
        )

    def test_overlapping_rejects_reversed_range(self):
        with self.assertRaises(ValueError):
            periods.periods_overlapping(date(2026, 3, 1), date(2026, 2, 1), "month")

    def test_previous_period(self):
        self.assertEqual(
            periods.previous_period(date(2026, 3, 1), "month"),
            (date(2026, 2, 1), date(2026, 2, 28)),
        )
        self.assertEqual(
            periods.previous_period(date(2026, 1, 1), "quarter"),
            (date(2025, 10, 1), date(2025, 12, 31)),
        )

    def test_unknown_periodicity(self):
        with self.assertRaises(ValueError):
            periods.period_start(date(2026, 1, 1), "day")
