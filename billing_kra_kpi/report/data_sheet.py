"""The Data sheet: every exported value row with its numerator, denominator
and scale, so that an accountant can recompute each rate."""

from odoo.tools import SQL

from ..lib import number_formats

STATUS_COL = 20


def write_data_sheet(book):
    """Add the Data sheet to the ``KpiWorkbook`` ``book``, one row per value
    ordered by period, template, KRA, KPI and employee (the team first)."""
    env = book.env
    columns = [
        (env._("Value ID"), 10),
        (env._("Template"), 16),
        (env._("KRA"), 22),
        (env._("Code"), 7),
        (env._("KPI"), 40),
        (env._("Company"), 16),
        (env._("Employee"), 22),
        (env._("Periodicity"), 11),
        (env._("From"), 11),
        (env._("To"), 11),
        (env._("Unit"), 9),
        (env._("Numerator"), 14),
        (env._("Denominator"), 14),
        (env._("Scale"), 7),
        (env._("Value"), 13),
        (env._("Target"), 12),
        (env._("Amber Threshold"), 15),
        (env._("Red Threshold"), 13),
        (env._("Achievement"), 12),
        (env._("Score"), 8),
        (env._("Status"), 11),
        (env._("Locked"), 8),
        (env._("Computed (UTC)"), 16),
    ]
    sheet = book.add_sheet("data", columns)
    sheet.write_comment(
        0,
        13,
        env._(
            "For a rate, Value = Numerator / Denominator x Scale; an empty scale "
            "means the value is not a rate (a count, a formula, a trend or a "
            "manual entry). Percentages are written as fractions: 90% is 0.9."
        ),
    )

    yes, no = env._("Yes"), env._("No")
    row = 0
    order = SQL(
        "v.date_from, v.template_id, v.kra_sequence, v.kra_id, v.kpi_sequence, v.kpi_id, "
        "v.company_id, v.employee_id IS NOT NULL, e.name, v.employee_id"
    )
    for value in book.stream_values(order):
        row += 1
        _write_data_row(book, sheet, row, value, yes, no)

    sheet.autofilter(0, 0, max(row, 1), len(columns) - 1)
    book.add_status_formats(sheet, 1, row, STATUS_COL)
    return sheet


def _write_data_row(book, sheet, row, value, yes, no):
    kpi = book.kpi_by_id[value.kpi_id]
    unit = kpi.unit
    company_id = value.company_id
    sheet.write_number(row, 0, value.id)
    book.write_text(sheet, row, 1, book.template_by_id[value.template_id].name)
    book.write_text(sheet, row, 2, book.kra_by_id[value.kra_id].name)
    sheet.write_string(row, 3, kpi.code)
    sheet.write_string(row, 4, kpi.name)
    book.write_text(sheet, row, 5, book.company_names.get(company_id, ""))
    sheet.write_string(row, 6, value.employee_name or book.team_label)
    book.write_text(sheet, row, 7, book.periodicity_labels.get(value.periodicity, ""))
    book.write_date(sheet, row, 8, value.date_from)
    book.write_date(sheet, row, 9, value.date_to)
    sheet.write_string(row, 10, book.unit_labels.get(unit, unit))

    decimal = number_formats.DECIMAL_FORMAT
    book.write_number(sheet, row, 11, value.numerator, decimal)
    book.write_number(sheet, row, 12, value.denominator, decimal)
    book.write_number(sheet, row, 13, value.ratio_scale, "0")

    na = value.status == "na"
    book.write_figure(
        sheet, row, 14, None if na else value.value, unit, company_id, note=book.na_note
    )
    book.write_figure(sheet, row, 15, value.target, unit, company_id)
    book.write_figure(sheet, row, 16, value.threshold_amber, unit, company_id)
    book.write_figure(sheet, row, 17, value.threshold_red, unit, company_id)

    scored = value.status not in ("na", "input")
    achievement = (
        float(value.achievement) / 100.0 if scored and value.achievement is not None else None
    )
    book.write_number(sheet, row, 18, achievement, number_formats.ACHIEVEMENT_FORMAT)
    book.write_number(sheet, row, 19, value.score if scored else None, number_formats.SCORE_FORMAT)
    book.write_status(sheet, row, STATUS_COL, value.status)
    sheet.write_string(row, 21, yes if value.locked else no)
    if value.computed_at:
        sheet.write_datetime(
            row, 22, value.computed_at, book.format(num_format=number_formats.DATETIME_FORMAT)
        )
