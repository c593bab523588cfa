"""KPI scoring: achievement, status, and KPI, KRA and template scores.

Conventions:

* A value of ``None`` means "no data" (n/a). It is never turned into 0: its
  status is ``na`` and it is left out of weighted scores, whose other weights
  are renormalised.
* Achievement is in % of the target and capped at ``ACHIEVEMENT_CAP``:

  - higher is better, target above 0: value / target x 100;
  - lower is better, target above 0: target / value x 100, and the cap for a
    value of 0 or less;
  - any other target (0 or negative, as for a lower-is-better count whose
    target is 0, or a trend whose target is a negative change): linear between
    the red threshold (0 %) and the target (100 %). When the red threshold
    equals the target, a value at or better than the target achieves 100 %
    and any other value 0 %.

  Achievement never goes below 0.
* Status: a higher-is-better KPI turns amber below the amber threshold and red
  below the red threshold. A lower-is-better KPI turns amber above the amber
  threshold and red above the red threshold. Otherwise it is green.
* The score of a KPI is its achievement capped at 100, so that one KPI far
  above its target cannot hide another below it.
"""

ACHIEVEMENT_CAP = 150.0
SCORE_CAP = 100.0

GREEN, AMBER, RED, NA = "green", "amber", "red", "na"


def achievement(value, target, red, direction):
    """Return the achievement of ``value`` in % of ``target``, or None when the
    value is None. ``red`` is the red threshold, used when the target is not
    above 0."""
    if value is None:
        return None
    if target > 0 and direction == "higher":
        result = value / target * 100.0
    elif target > 0:
        result = ACHIEVEMENT_CAP if value <= 0 else target / value * 100.0
    else:
        result = _band_achievement(value, target, red, direction)
    return max(0.0, min(result, ACHIEVEMENT_CAP))


def _band_achievement(value, target, red, direction):
    """Return the achievement of ``value`` on the line from ``red`` (0 %) to
    ``target`` (100 %), for targets of 0 or below."""
    if red == target:
        reached = value >= target if direction == "higher" else value <= target
        return 100.0 if reached else 0.0
    return (value - red) / (target - red) * 100.0


def status(value, amber, red, direction):
    """Return ``green``, ``amber``, ``red``, or ``na`` for a value of None."""
    if value is None:
        return NA
    if direction == "higher":
        if value < red:
            return RED
        if value < amber:
            return AMBER
        return GREEN
    if value > red:
        return RED
    if value > amber:
        return AMBER
    return GREEN


def kpi_score(achievement_percent):
    """Return the 0-100 score of a KPI from its achievement, or None for n/a."""
    if achievement_percent is None:
        return None
    return min(achievement_percent, SCORE_CAP)


def weighted_score(scores_and_weights):
    """Return the weighted mean of the scores that are not None, with their
    weights renormalised to sum to 100, or None when no score is left or the
    remaining weights sum to 0.

    ``scores_and_weights`` is an iterable of (score, weight) pairs: the KPI
    scores of a KRA with the KPI weights, or the KRA scores of a template with
    the KRA weights.
    """
    pairs = [(score, weight) for score, weight in scores_and_weights if score is not None]
    total_weight = sum(weight for _score, weight in pairs)
    if not pairs or total_weight <= 0:
        return None
    return sum(score * weight for score, weight in pairs) / total_weight


def ratio(numerator, denominator, scale=100.0):
    """Return numerator / denominator x scale, or None (n/a) when the
    denominator is 0 or None."""
    if not denominator:
        return None
    return numerator / denominator * scale
