"""The Definitions sheet: every exported KPI with its code, KRA, how it is
measured, unit, direction, target, thresholds and weight."""

import math

from ..lib import number_formats

# Width of the description column in characters, and the height of one line
# of text in points for the default 11-point font.
DESCRIPTION_WIDTH = 70
LINE_HEIGHT = 15


def estimate_lines(text, width):
    """Return an estimate of the lines ``text`` wraps to in a column of
    ``width`` characters: each paragraph takes its length over the width."""
    return sum(max(1, math.ceil(len(paragraph) / width)) for paragraph in text.split("\n"))


def write_definitions_sheet(book):
    """Add the Definitions sheet to the ``KpiWorkbook`` ``book``: the active
    KPIs of the exported KRAs, in the order of the catalogue."""
    env = book.env
    columns = [
        (env._("Template"), 16),
        (env._("KRA"), 22),
        (env._("KRA Weight"), 9),
        (env._("Code"), 7),
        (env._("KPI"), 36),
        (env._("How It Is Measured"), DESCRIPTION_WIDTH),
        (env._("Source"), 10),
        (env._("Unit"), 9),
        (env._("Direction"), 16),
        (env._("Target"), 12),
        (env._("Amber Threshold"), 12),
        (env._("Red Threshold"), 12),
        (env._("Weight"), 9),
        (env._("Periodicity"), 10),
        (env._("Scored"), 8),
    ]
    sheet = book.add_sheet("definitions", columns, wrap_header=True)
    sheet.freeze_panes(1, 5)
    labels = {
        field: book._selection_labels("billing.kpi", field)
        for field in ("source_kind", "direction")
    }
    wrap = book.format(text_wrap=True, valign="top")
    weight_format = number_formats.PERCENT_FORMAT
    yes, no = env._("Yes"), env._("No")

    kra_order = {kra_id: index for index, kra_id in enumerate(book.kras.ids)}
    kpis = book.kpis.filtered(lambda kpi: kpi.active and kpi.kra_id.id in kra_order).sorted(
        lambda kpi: (kra_order[kpi.kra_id.id], kpi.sequence, kpi.id)
    )
    for row, kpi in enumerate(kpis, start=1):
        kra = kpi.kra_id
        # Rows are not fitted to wrapped text in constant_memory mode. Ten
        # characters less than the width allow for the proportional font.
        lines = estimate_lines(kpi.description or "", DESCRIPTION_WIDTH - 10)
        if lines > 1:
            sheet.set_row(row, LINE_HEIGHT * lines)
        company_id = kpi.company_id.id or env.company.id
        book.write_text(sheet, row, 0, kpi.template_id.name)
        sheet.write_string(row, 1, kra.name)
        book.write_number(sheet, row, 2, kra.weight / 100.0, weight_format)
        sheet.write_string(row, 3, kpi.code)
        sheet.write_string(row, 4, kpi.name)
        if kpi.description:
            sheet.write_string(row, 5, kpi.description, wrap)
        sheet.write_string(row, 6, labels["source_kind"].get(kpi.source_kind, ""))
        sheet.write_string(row, 7, book.unit_labels.get(kpi.unit, kpi.unit))
        sheet.write_string(row, 8, labels["direction"].get(kpi.direction, ""))
        book.write_figure(sheet, row, 9, kpi.target, kpi.unit, company_id)
        book.write_figure(sheet, row, 10, kpi.threshold_amber, kpi.unit, company_id)
        book.write_figure(sheet, row, 11, kpi.threshold_red, kpi.unit, company_id)
        book.write_number(sheet, row, 12, kpi.weight / 100.0, weight_format)
        sheet.write_string(row, 13, book.periodicity_labels.get(kpi.periodicity, ""))
        sheet.write_string(row, 14, no if kpi.is_input else yes)
    sheet.autofilter(0, 0, max(len(kpis), 1), len(columns) - 1)
    return sheet
