"""Period arithmetic for KPI periodicities: week (ISO, Monday to Sunday),
month, quarter and year. Periods are closed date intervals."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

PERIODICITIES = ("week", "month", "quarter", "year")


def period_start(day, periodicity):
    """Return the first day of the period of ``periodicity`` that contains ``day``."""
    if periodicity == "week":
        return day - timedelta(days=day.weekday())
    if periodicity == "month":
        return day.replace(day=1)
    if periodicity == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if periodicity == "year":
        return date(day.year, 1, 1)
    raise ValueError("Unknown periodicity %r; expected one of %s" % (periodicity, PERIODICITIES))


def period_step(periodicity):
    """Return the length of one period as a relativedelta."""
    return {
        "week": relativedelta(weeks=1),
        "month": relativedelta(months=1),
        "quarter": relativedelta(months=3),
        "year": relativedelta(years=1),
    }[periodicity]


def period_bounds(day, periodicity):
    """Return (first day, last day) of the period of ``periodicity`` containing ``day``."""
    start = period_start(day, periodicity)
    return start, start + period_step(periodicity) - timedelta(days=1)


def periods_overlapping(date_from, date_to, periodicity):
    """Return the (first day, last day) of every period of ``periodicity`` that
    overlaps the closed interval [date_from, date_to], in order."""
    if date_to < date_from:
        raise ValueError("The range ends on %s, before it starts on %s" % (date_to, date_from))
    periods = []
    start = period_start(date_from, periodicity)
    while start <= date_to:
        end = start + period_step(periodicity) - timedelta(days=1)
        periods.append((start, end))
        start = end + timedelta(days=1)
    return periods


def previous_period(date_from, periodicity):
    """Return the bounds of the period just before the one starting on ``date_from``."""
    return period_bounds(date_from - timedelta(days=1), periodicity)
