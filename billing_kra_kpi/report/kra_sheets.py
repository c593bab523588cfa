"""One sheet per KRA: the values of its KPIs per period, employee and team,
with unit, target, achievement, score and status."""

from odoo.tools import SQL

from ..lib import number_formats

# From, To, Company, Employee, Code, KPI, Unit, Value, Target, Achievement,
# Score, Status.
STATUS_COL = 11


def write_kra_sheets(book):
    """Add one sheet per exported KRA to the ``KpiWorkbook`` ``book`` and
    fill them from one pass over the values, ordered by KRA."""
    env = book.env
    columns = [
        (env._("From"), 11),
        (env._("To"), 11),
        (env._("Company"), 16),
        (env._("Employee"), 22),
        (env._("Code"), 7),
        (env._("KPI"), 40),
        (env._("Unit"), 9),
        (env._("Value"), 13),
        (env._("Target"), 13),
        (env._("Achievement"), 13),
        (env._("Score"), 8),
        (env._("Status"), 11),
    ]
    sheets = {}
    for kra in book.kras:
        name = kra.name
        if len(book.templates) > 1:
            name = "%s %s" % (kra.template_id.name, kra.name)
        sheets[kra.id] = book.add_sheet(name, columns)
    last_rows = dict.fromkeys(sheets, 0)

    order = SQL(
        "v.kra_id, v.date_from, v.kpi_sequence, v.kpi_id, v.company_id, "
        "v.employee_id IS NOT NULL, e.name, v.employee_id"
    )
    for value in book.stream_values(order):
        sheet = sheets.get(value.kra_id)
        if sheet is None:
            continue
        last_rows[value.kra_id] += 1
        _write_value_row(book, sheet, last_rows[value.kra_id], value)

    for kra_id, sheet in sheets.items():
        last_row = last_rows[kra_id]
        sheet.autofilter(0, 0, max(last_row, 1), len(columns) - 1)
        book.add_status_formats(sheet, 1, last_row, STATUS_COL)
    return sheets


def _write_value_row(book, sheet, row, value):
    kpi = book.kpi_by_id[value.kpi_id]
    unit = kpi.unit
    book.write_date(sheet, row, 0, value.date_from)
    book.write_date(sheet, row, 1, value.date_to)
    book.write_text(sheet, row, 2, book.company_names.get(value.company_id, ""))
    sheet.write_string(row, 3, value.employee_name or book.team_label)
    sheet.write_string(row, 4, kpi.code)
    sheet.write_string(row, 5, kpi.name)
    sheet.write_string(row, 6, book.unit_labels.get(unit, unit))
    na = value.status == "na"
    book.write_figure(
        sheet,
        row,
        7,
        None if na else value.value,
        unit,
        value.company_id,
        note=book.na_note,
    )
    book.write_figure(sheet, row, 8, value.target, unit, value.company_id)
    scored = value.status not in ("na", "input")
    achievement = (
        float(value.achievement) / 100.0 if scored and value.achievement is not None else None
    )
    book.write_number(sheet, row, 9, achievement, number_formats.ACHIEVEMENT_FORMAT)
    book.write_number(sheet, row, 10, value.score if scored else None, number_formats.SCORE_FORMAT)
    book.write_status(sheet, row, STATUS_COL, value.status)
