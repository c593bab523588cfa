"""Excel number formats for KPI figures, and the cell value of a figure.

Percentages are written as fractions (90% as 0.9) with a percent format, so
that Excel computes with them as it does with its own percentages.
"""

PERCENT_FORMAT = "0.00%"
ACHIEVEMENT_FORMAT = "0.0%"
SCORE_FORMAT = "0.0"
DATE_FORMAT = "yyyy-mm-dd"
MONTH_FORMAT = "mmm yyyy"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DECIMAL_FORMAT = "#,##0.00"
INTEGER_FORMAT = "#,##0"
# Formats of the KPI units other than amounts, which take their currency's.
UNIT_FORMATS = {
    "count": INTEGER_FORMAT,
    "percent": PERCENT_FORMAT,
    "hours": DECIMAL_FORMAT,
    "days": DECIMAL_FORMAT,
    "ratio": "0.00",
    "score": SCORE_FORMAT,
}


def currency_format(symbol, position, decimal_places):
    """Return the format of amounts in a currency: thousands separators, the
    currency's decimal places, and its symbol quoted before or after the
    number (``position`` is "before" or "after", as on ``res.currency``).

    >>> currency_format("€", "after", 2)
    '#,##0.00 "€"'
    >>> currency_format("$", "before", 0)
    '"$"#,##0'
    """
    digits = INTEGER_FORMAT + ("." + "0" * decimal_places if decimal_places > 0 else "")
    # A double quote cannot appear inside a quoted literal of a number format.
    quoted = '"%s"' % (symbol or "").replace('"', "")
    if position == "before":
        return quoted + digits
    return digits + " " + quoted


def unit_format(unit, value=None, amount_format=DECIMAL_FORMAT):
    """Return the number format of a figure in ``unit``. A count that is
    not whole (the mean of the members, for instance) keeps two decimals."""
    if unit == "amount":
        return amount_format
    if unit == "count" and value is not None and not float(value).is_integer():
        return DECIMAL_FORMAT
    return UNIT_FORMATS.get(unit, DECIMAL_FORMAT)


def cell_value(value, unit):
    """Return the number to write for a figure in ``unit``: a percentage as
    a fraction, anything else as it is; None stays None. Numeric columns
    come from the database as ``Decimal``, returned as ``float``."""
    if value is None:
        return None
    if unit == "percent":
        return float(value) / 100.0
    return float(value)
