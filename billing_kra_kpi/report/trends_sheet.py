"""The Trends sheet: for each KPI, a table of its values over the periods,
one column per subject (the team first), and a native Excel line chart of
that table beside it."""

from itertools import groupby

from odoo.tools import SQL

from ..lib import number_formats

# Rows covered by a chart of xlsxwriter's default size (480 x 288 pixels).
# Each block is at least that high, so that the charts do not overlap.
CHART_ROWS = 15
# Excel draws at most 255 series in a chart, and a long legend is unreadable,
# so a chart shows the first subjects (the team first). The table keeps all.
MAX_CHART_SERIES = 12
PERIOD_FORMATS = {"month": number_formats.MONTH_FORMAT}
# Rows printed on one landscape A4 page at the scale that fits a block and its
# chart to the page width, as LibreOffice 7.4 prints them (an estimate).
ROWS_PER_PAGE = 40


def write_trends_sheet(book):
    """Add the Trends sheet to the ``KpiWorkbook`` ``book``. The values are
    read KPI by KPI in one ordered pass; one KPI's block is held at a time."""
    env = book.env
    sheet = book.add_sheet(
        "trends", [(env._("Period"), 12)], title=env._("KPI values over the periods")
    )
    sheet.set_column(1, 60, 14)
    with_company = book.several_companies
    order = SQL(
        "v.template_id, v.kra_sequence, v.kra_id, v.kpi_sequence, v.kpi_id, v.date_from, "
        "v.company_id, v.employee_id IS NOT NULL, e.name, v.employee_id"
    )
    row = 2
    page_start = 0
    breaks = []
    # itertools.groupby, not odoo.tools.groupby: the rows arrive ordered by
    # KPI, and only one KPI's rows are held, not the whole stream.
    stream = book.stream_values(order)
    for kpi_id, group in groupby(stream, key=lambda value: value.kpi_id):  # pylint: disable=bad-builtin-groupby
        values = list(group)
        # A page break before a block that would not fit on the printed page.
        if row - page_start + _block_height(values) > ROWS_PER_PAGE and row > page_start + 2:
            breaks.append(row)
            page_start = row
        row = _write_kpi_block(book, sheet, row, book.kpi_by_id[kpi_id], values, with_company)
    # Excel accepts at most 1023 manual page breaks on a sheet.
    sheet.set_h_pagebreaks(breaks[:1023])
    return sheet


def _block_height(values):
    periods = {value.date_from for value in values}
    return max(len(periods) + 3, CHART_ROWS + 2)


def _write_kpi_block(book, sheet, row, kpi, values, with_company):
    """Write the table and chart of one KPI from ``row``; return the first
    row of the next block."""
    subjects = []
    for value in values:
        subject = (value.company_id, value.employee_id)
        if subject not in subjects:
            subjects.append(subject)
    names = {
        (value.company_id, value.employee_id): book.subject_label(
            value.employee_name, value.company_id, with_company
        )
        for value in values
    }
    periods = sorted({value.date_from for value in values})

    unit_label = book.unit_labels.get(kpi.unit, kpi.unit)
    title = "%s %s (%s)" % (kpi.code, kpi.name, unit_label)
    sheet.write_string(row, 0, title, book.format(bold=True, font_size=12))
    header = book.format(bold=True, bottom=1)
    sheet.write_string(row + 1, 0, book.env._("Period"), header)
    for col, subject in enumerate(subjects, start=1):
        sheet.write_string(row + 1, col, names[subject], header)

    cells = {(value.date_from, value.company_id, value.employee_id): value for value in values}
    period_format = PERIOD_FORMATS.get(kpi.periodicity, number_formats.DATE_FORMAT)
    first_data_row = row + 2
    for offset, period in enumerate(periods):
        current = first_data_row + offset
        book.write_date(sheet, current, 0, period, period_format)
        for col, (company_id, employee_id) in enumerate(subjects, start=1):
            value = cells.get((period, company_id, employee_id))
            if value is None:
                continue
            figure = None if value.status == "na" else value.value
            book.write_figure(sheet, current, col, figure, kpi.unit, company_id, note=book.na_note)
    last_data_row = first_data_row + len(periods) - 1

    _insert_chart(book, sheet, row, kpi, title, subjects, first_data_row, last_data_row)
    return row + _block_height(values)


def _insert_chart(book, sheet, row, kpi, title, subjects, first_row, last_row):
    chart = book.workbook.add_chart({"type": "line"})
    for col in range(1, min(len(subjects), MAX_CHART_SERIES) + 1):
        chart.add_series(
            {
                "name": [sheet.name, row + 1, col],
                "categories": [sheet.name, first_row, 0, last_row, 0],
                "values": [sheet.name, first_row, col, last_row, col],
                "marker": {"type": "circle", "size": 5},
            }
        )
    chart.set_title({"name": title, "name_font": {"size": 11}})
    y_format = "0%" if kpi.unit == "percent" else "General"
    chart.set_y_axis({"num_format": y_format, "major_gridlines": {"visible": True}})
    chart.set_x_axis({"num_format": PERIOD_FORMATS.get(kpi.periodicity, "yyyy-mm-dd")})
    chart.show_blanks_as("gap")
    chart.set_legend({"position": "bottom"})
    anchor_col = len(subjects) + 2
    sheet.insert_chart(row, anchor_col, chart)
