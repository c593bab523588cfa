"""Evaluation periods of appraisals and scores aggregated over them.

A score of ``None`` means "no data" (n/a), as in the core's scoring module:
it is left out of every mean, never counted as 0.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.addons.billing_kra_kpi.lib import scoring

# Length of the default evaluation period of an employee's first appraisal.
FIRST_PERIOD = relativedelta(years=1)


def default_period(appraisal_date, previous_date=None):
    """Return the default evaluation period (date_from, date_to) of an
    appraisal on ``appraisal_date``: from the day after the employee's
    previous appraisal on ``previous_date`` to the appraisal date. Without an
    earlier previous appraisal, the period is the year up to the appraisal
    date."""
    if previous_date and previous_date < appraisal_date:
        return previous_date + timedelta(days=1), appraisal_date
    return appraisal_date - FIRST_PERIOD + timedelta(days=1), appraisal_date


def period_days(date_from, date_to):
    """Return the number of days from ``date_from`` to ``date_to``, both included."""
    return (date_to - date_from).days + 1


def aggregate(scored_periods):
    """Return the mean of scores weighted by the length of their periods in
    days, or None when no period has a score.

    ``scored_periods`` is an iterable of (score, date_from, date_to); periods
    whose score is None are left out and the other periods' days are
    renormalised.
    """
    return scoring.weighted_score(
        (score, period_days(date_from, date_to)) for score, date_from, date_to in scored_periods
    )
