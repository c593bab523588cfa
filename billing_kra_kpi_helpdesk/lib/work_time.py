"""Working time between two instants, from the work intervals of a calendar.

Plain Python without the ORM, so that the arithmetic is tested on its own.
"""

from bisect import bisect_right


class WorkTimeline:
    """Work intervals of one calendar and resource, sorted and merged, with the
    working seconds elapsed before each interval.

    The working time between two instants then takes two binary searches,
    however many tickets share the timeline. Instants and interval bounds
    must be comparable: all naive or all timezone-aware.
    """

    def __init__(self, intervals):
        self._starts = []
        self._stops = []
        self._seconds_before = []
        total = 0.0
        for start, stop in self._merge(intervals):
            self._starts.append(start)
            self._stops.append(stop)
            self._seconds_before.append(total)
            total += (stop - start).total_seconds()

    @staticmethod
    def _merge(intervals):
        """Return the non-empty intervals sorted, overlapping ones merged."""
        merged = []
        for start, stop in sorted(intervals):
            if stop <= start:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], stop)
            else:
                merged.append([start, stop])
        return merged

    def seconds_until(self, moment):
        """Return the working seconds of the timeline before ``moment``."""
        index = bisect_right(self._starts, moment) - 1
        if index < 0:
            return 0.0
        elapsed = (min(moment, self._stops[index]) - self._starts[index]).total_seconds()
        return self._seconds_before[index] + elapsed

    def hours_between(self, start, stop):
        """Return the working hours between ``start`` and ``stop``, 0 when
        ``stop`` is not after ``start``."""
        if stop <= start:
            return 0.0
        return (self.seconds_until(stop) - self.seconds_until(start)) / 3600.0
