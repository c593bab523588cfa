"""The Summary sheet: one row per template, company and employee (the team
first), with the KRA scores, the overall score and the rating band over the
exported range.

A range of several periods is summarised by the mean of the period scores
weighted by the periods' length in days. Periods without a score (n/a) are
left out of the mean, and a subject without any scored period shows an empty
cell with a note instead of 0.
"""

from odoo.tools import SQL

from ..lib import number_formats
from .kpi_workbook import BAND_COLOURS


def write_summary_sheet(book):
    """Add the Summary sheet to the ``KpiWorkbook`` ``book``."""
    env = book.env
    with_template = len(book.templates) > 1
    kra_columns = [
        ("%s: %s" % (kra.template_id.name, kra.name) if with_template else kra.name, 13)
        for kra in book.kras
    ]
    columns = [
        (env._("Template"), 14),
        (env._("Company"), 14),
        (env._("Employee"), 18),
        (env._("From"), 11),
        (env._("To"), 11),
        (env._("Periods"), 8),
        (env._("Periods Scored"), 8),
        (env._("KPIs in Red"), 8),
        *kra_columns,
        (env._("Score"), 9),
        (env._("Rating"), 12),
    ]
    sheet = book.add_sheet("summary", columns, wrap_header=True)
    sheet.freeze_panes(1, 3)
    first_score_col = 8
    score_col = first_score_col + len(book.kras)

    rows = _read_summary_rows(book)
    kra_scores = _read_kra_scores(book)
    bands = env["billing.rating.band"].search([])
    no_kra_data = env._("n/a: no KPI of this KRA has data in the range.")
    no_data = env._("n/a: no KPI has data in the range.")

    for index, row in enumerate(rows, start=1):
        template_id, company_id, employee_id, name, start, end, periods, scored, red, score = row
        book.write_text(sheet, index, 0, book.template_by_id[template_id].name)
        book.write_text(sheet, index, 1, book.company_names.get(company_id, ""))
        sheet.write_string(index, 2, name or book.team_label)
        book.write_date(sheet, index, 3, start)
        book.write_date(sheet, index, 4, end)
        sheet.write_number(index, 5, periods)
        sheet.write_number(index, 6, scored)
        sheet.write_number(index, 7, red)
        key = (template_id, company_id, employee_id)
        for offset, kra in enumerate(book.kras):
            col = first_score_col + offset
            if kra.template_id.id != template_id:
                continue
            book.write_number(
                sheet,
                index,
                col,
                kra_scores.get((*key, kra.id)),
                number_formats.SCORE_FORMAT,
                note=no_kra_data,
            )
        book.write_number(sheet, index, score_col, score, number_formats.SCORE_FORMAT, note=no_data)
        band = env["billing.rating.band"]._get_band(score, bands)
        if band:
            colour = BAND_COLOURS.get(band.color, "blue")
            sheet.write_string(index, score_col + 1, band.name, book.colour_format(colour))

    last_row = len(rows)
    sheet.autofilter(0, 0, max(last_row, 1), len(columns) - 1)
    _add_band_formats(book, sheet, bands, last_row, first_score_col, score_col)
    return sheet


def _add_band_formats(book, sheet, bands, last_row, first_col, last_col):
    """Colour the KRA and overall scores by rating band: the highest band
    reached wins, as bands are ordered from the highest minimum score."""
    if last_row < 1:
        return
    for band in bands:
        sheet.conditional_format(
            1,
            first_col,
            last_row,
            last_col,
            {
                "type": "cell",
                "criteria": ">=",
                "value": band.min_score,
                "format": book.colour_format(BAND_COLOURS.get(band.color, "blue")),
                "stop_if_true": True,
            },
        )


def _read_summary_rows(book):
    """Return one tuple per template, company and subject: ids, employee
    name, first and last day, periods, periods scored, KPIs in red and the
    length-weighted mean score (None without a scored period)."""
    env = book.env
    cards = env["billing.scorecard"]._search(book.wizard._get_scorecard_domain())
    env.cr.execute(
        SQL(
            """
            SELECT c.template_id, c.company_id, c.employee_id, e.name,
                   MIN(c.date_from), MAX(c.date_to), COUNT(*),
                   COUNT(*) FILTER (WHERE c.has_score),
                   COALESCE(SUM(c.red_count), 0),
                   SUM(c.score * (c.date_to - c.date_from + 1)) FILTER (WHERE c.has_score)
                   / NULLIF(SUM(c.date_to - c.date_from + 1) FILTER (WHERE c.has_score), 0)
              FROM billing_scorecard c
         LEFT JOIN hr_employee e ON e.id = c.employee_id
             WHERE c.id IN %(cards)s
          GROUP BY c.template_id, c.company_id, c.employee_id, e.name
            """,
            cards=cards.subselect(),
        )
    )
    template_order = {template.id: index for index, template in enumerate(book.templates)}
    return sorted(
        env.cr.fetchall(),
        key=lambda row: (
            template_order.get(row[0], 0),
            book.company_names.get(row[1], ""),
            row[2] is not None,
            row[3] or "",
            row[2] or 0,
        ),
    )


def _read_kra_scores(book):
    """Return {(template id, company id, employee id, KRA id): score}, the
    length-weighted mean of the KRA's scores over the scored periods."""
    env = book.env
    cards = env["billing.scorecard"]._search(book.wizard._get_scorecard_domain())
    lines = env["billing.scorecard.kra"]._search([("kra_id", "in", book.kras.ids)])
    env.cr.execute(
        SQL(
            """
            SELECT c.template_id, c.company_id, c.employee_id, k.kra_id,
                   SUM(k.score * (c.date_to - c.date_from + 1)) FILTER (WHERE k.has_score)
                   / NULLIF(SUM(c.date_to - c.date_from + 1) FILTER (WHERE k.has_score), 0)
              FROM billing_scorecard_kra k
              JOIN billing_scorecard c ON c.id = k.scorecard_id
             WHERE k.id IN %(lines)s AND c.id IN %(cards)s
          GROUP BY c.template_id, c.company_id, c.employee_id, k.kra_id
            """,
            lines=lines.subselect(),
            cards=cards.subselect(),
        )
    )
    return {tuple(row[:4]): row[4] for row in env.cr.fetchall()}
