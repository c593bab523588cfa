from datetime import datetime
from unittest import TestCase

from ..lib.work_time import WorkTimeline


def at(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute)


class TestWorkTimeline(TestCase):
    """Monday 2 and Tuesday 3 March 2026, 8:00-12:00 and 13:00-17:00."""

    def setUp(self):
        super().setUp()
        self.timeline = WorkTimeline(
            [
                (at(3, 13), at(3, 17)),
                (at(2, 8), at(2, 12)),
                (at(2, 13), at(2, 17)),
                (at(3, 8), at(3, 12)),
            ]
        )

    def test_within_one_interval(self):
        self.assertEqual(self.timeline.hours_between(at(2, 9), at(2, 11, 30)), 2.5)

    def test_across_lunch_and_night(self):
        # Monday 10:00-12:00 and 13:00-17:00, Tuesday 8:00-9:00.
        self.assertEqual(self.timeline.hours_between(at(2, 10), at(3, 9)), 7.0)

    def test_outside_working_time(self):
        self.assertEqual(self.timeline.hours_between(at(2, 12, 10), at(2, 12, 50)), 0.0)
        self.assertEqual(self.timeline.hours_between(at(1, 20), at(2, 8)), 0.0)
        self.assertEqual(self.timeline.hours_between(at(3, 18), at(4, 9)), 0.0)

    def test_before_and_after_all_intervals(self):
        self.assertEqual(self.timeline.hours_between(at(1, 0), at(5, 0)), 16.0)

    def test_reversed_span_is_zero(self):
        self.assertEqual(self.timeline.hours_between(at(3, 9), at(2, 9)), 0.0)

    def test_overlapping_intervals_merged(self):
        timeline = WorkTimeline([(at(2, 8), at(2, 12)), (at(2, 10), at(2, 14))])
        self.assertEqual(timeline.hours_between(at(2, 0), at(3, 0)), 6.0)

    def test_empty_timeline(self):
        self.assertEqual(WorkTimeline([]).hours_between(at(2, 8), at(2, 17)), 0.0)
