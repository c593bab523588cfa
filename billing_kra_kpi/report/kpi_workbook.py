"""The state shared by the sheets of one KPI export: the workbook and its
cell formats, the choices of the export wizard, the names read once, and the
streaming of value rows from the database."""

from collections import namedtuple
from datetime import datetime, time

from odoo.tools import SQL

from ..lib import number_formats
from ..lib.sheet_names import SheetNamer, clean_sheet_name

# Rows fetched at a time from the server-side cursor. The export keeps one
# chunk in memory, whatever the number of rows.
FETCH_SIZE = 2000
VALUE_COLUMNS = (
    "id",
    "template_id",
    "kra_id",
    "kpi_id",
    "company_id",
    "employee_id",
    "periodicity",
    "date_from",
    "date_to",
    "value",
    "numerator",
    "denominator",
    "ratio_scale",
    "target",
    "threshold_amber",
    "threshold_red",
    "achievement",
    "score",
    "status",
    "locked",
    "computed_at",
)
ValueRow = namedtuple("ValueRow", (*VALUE_COLUMNS, "employee_name"))
# Fill and font colours of the statuses and rating band colours.
COLOURS = {
    "green": ("#C6EFCE", "#006100"),
    "amber": ("#FFEB9C", "#9C5700"),
    "red": ("#FFC7CE", "#9C0006"),
    "blue": ("#DDEBF7", "#1F4E78"),
    "grey": ("#EDEDED", "#595959"),
}
BAND_COLOURS = {"success": "green", "info": "blue", "warning": "amber", "danger": "red"}
STATUS_COLOURS = {"green": "green", "amber": "amber", "red": "red", "na": "grey", "input": "grey"}


class KpiWorkbook:
    """Write the sheets of one export into an xlsxwriter workbook opened in
    ``constant_memory`` mode: each sheet is written row by row, top down."""

    def __init__(self, env, workbook, wizard):
        self.env = env
        self.workbook = workbook
        self.wizard = wizard
        self._formats = {}
        # The sheets of fixed names keep them; a KRA of the same name gives way.
        self.sheet_names = {
            "summary": env._("Summary"),
            "trends": env._("Trends"),
            "definitions": env._("Definitions"),
            "data": env._("Data"),
        }
        self.namer = SheetNamer(reserved=self.sheet_names.values())

        self.templates = wizard._get_templates()
        self.kras = wizard._get_kras()
        # The KPIs of the KRAs, and those of the values: an archived KPI, or
        # one moved to another KRA since, may still have values in the range.
        kpi_groups = env["billing.kpi.value"]._read_group(wizard._get_value_domain(), ["kpi_id"])
        self.kpis = (
            env["billing.kpi"]
            .with_context(active_test=False)
            .search([("kra_id", "in", self.kras.ids)])
            .union(*(kpi for (kpi,) in kpi_groups))
        )
        self.kpi_by_id = {kpi.id: kpi for kpi in self.kpis}
        self.kra_by_id = {kra.id: kra for kra in self.kras}
        self.template_by_id = {template.id: template for template in self.templates}
        self.companies = env.companies
        # Subjects are named with their company when the rows span several.
        company_groups = env["billing.kpi.value"]._read_group(
            wizard._get_value_domain(), ["company_id"]
        )
        self.several_companies = len(company_groups) > 1
        self.company_names = {company.id: company.name for company in self.companies}
        self.amount_formats = {
            company.id: self._currency_format(company.currency_id) for company in self.companies
        }
        self.default_amount_format = self._currency_format(env.company.currency_id)

        self.team_label = env._("Team")
        self.na_note = env._("n/a: no data for this period, so no value (not 0).")
        self.status_labels = self._selection_labels("billing.kpi.value", "status")
        self.unit_labels = self._selection_labels("billing.kpi", "unit")
        self.periodicity_labels = self._selection_labels("billing.kpi", "periodicity")

    def _selection_labels(self, model, field):
        return dict(self.env[model]._fields[field]._description_selection(self.env))

    @staticmethod
    def _currency_format(currency):
        return number_formats.currency_format(
            currency.symbol, currency.position, currency.decimal_places
        )

    # Formats

    def format(self, **properties):
        """Return the workbook format of ``properties``, created once."""
        key = tuple(sorted(properties.items()))
        if key not in self._formats:
            self._formats[key] = self.workbook.add_format(properties)
        return self._formats[key]

    def colour_format(self, colour, **properties):
        """Return a format filled with one of ``COLOURS``."""
        fill, font = COLOURS[colour]
        return self.format(bg_color=fill, font_color=font, **properties)

    def amount_format(self, company_id):
        return self.amount_formats.get(company_id, self.default_amount_format)

    # Sheets and cells

    def add_sheet(self, name, columns, title=None, wrap_header=False):
        """Add a sheet and write its header row; ``columns`` are (label,
        width) pairs. ``name`` is a key of ``sheet_names``, or any text that
        is turned into a unique valid sheet name. With a ``title``, the first
        row shows it instead of the labels. ``wrap_header`` gives the labels
        two lines. Return the sheet."""
        if name in self.sheet_names:
            sheet_name = clean_sheet_name(self.sheet_names[name])
        else:
            sheet_name = self.namer.name(name)
        sheet = self.workbook.add_worksheet(sheet_name)

        header = self.format(
            bold=True, bg_color="#D9E1F2", bottom=1, text_wrap=wrap_header, valign="top"
        )
        for col, (_label, width) in enumerate(columns):
            sheet.set_column(col, col, width)
        if title:
            sheet.write_string(0, 0, title, self.format(bold=True, font_size=14))
        else:
            # Rows are not fitted to wrapped text in constant_memory mode. A
            # row height also makes xlsxwriter place each note by adding up
            # all row heights above it, quadratic in the rows: only sheets
            # with few notes wrap their header.
            if wrap_header:
                sheet.set_row(0, 30)
            for col, (label, _width) in enumerate(columns):
                sheet.write_string(0, col, label, header)
            sheet.freeze_panes(1, 0)

        # Printed (or converted to PDF) landscape, one page wide, header repeated.
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        return sheet

    def write_text(self, sheet, row, col, text):
        if text:
            sheet.write_string(row, col, text)

    def write_date(self, sheet, row, col, day, num_format=number_formats.DATE_FORMAT):
        """Write a date as a date cell (a serial number with a date format)."""
        if day:
            sheet.write_datetime(
                row, col, datetime.combine(day, time()), self.format(num_format=num_format)
            )

    def write_number(self, sheet, row, col, number, num_format, note=None):
        """Write a number, or for None an empty cell with ``note``."""
        cell_format = self.format(num_format=num_format)
        if number is None:
            sheet.write_blank(row, col, None, cell_format)
            if note:
                sheet.write_comment(row, col, note)
            return
        sheet.write_number(row, col, float(number), cell_format)

    def write_figure(self, sheet, row, col, value, unit, company_id, note=None):
        """Write a KPI figure in ``unit``: a percentage as a fraction, an
        amount in the company's currency; None as an empty cell with
        ``note``."""
        num_format = number_formats.unit_format(unit, value, self.amount_format(company_id))
        self.write_number(
            sheet, row, col, number_formats.cell_value(value, unit), num_format, note=note
        )

    def write_status(self, sheet, row, col, status):
        sheet.write_string(row, col, self.status_labels.get(status, status or ""))

    def add_status_formats(self, sheet, first_row, last_row, col):
        """Colour the status column by status (green, amber, red, n/a)."""
        if last_row < first_row:
            return
        for status in ("green", "amber", "red", "na"):
            sheet.conditional_format(
                first_row,
                col,
                last_row,
                col,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": '"%s"' % self.status_labels[status].replace('"', ""),
                    "format": self.colour_format(STATUS_COLOURS[status]),
                },
            )

    def subject_label(self, employee_name, company_id, with_company=False):
        """Return the employee's name, or Team, with the company when several
        companies are exported."""
        label = employee_name or self.team_label
        if with_company:
            return "%s (%s)" % (label, self.company_names.get(company_id, ""))
        return label

    # Reading

    def stream_values(self, order):
        """Yield the exported value rows as ``ValueRow`` tuples in ``order``
        (an ``SQL`` ORDER BY list on the alias ``v``, and ``e`` for the
        employee). The rows are those the user may read: the query selects
        from the ``_search`` of the user's environment, so record rules
        (own values, team, companies of the session) apply."""
        query = self.env["billing.kpi.value"]._search(self.wizard._get_value_domain())
        columns = SQL(", ").join(SQL.identifier("v", column) for column in VALUE_COLUMNS)
        sql = SQL(
            """
            SELECT %(columns)s, e.name
              FROM billing_kpi_value v
         LEFT JOIN hr_employee e ON e.id = v.employee_id
             WHERE v.id IN %(ids)s
          ORDER BY %(order)s
            """,
            columns=columns,
            ids=query.subselect(),
            order=order,
        )
        for row in stream_rows(self.env.cr, sql, "billing_kpi_xlsx_values"):
            yield ValueRow(*row)


def stream_rows(cr, query, cursor_name, fetch_size=FETCH_SIZE):
    """Yield the rows of the ``SQL`` ``query`` through a server-side cursor,
    ``fetch_size`` rows at a time, so that memory does not grow with the
    number of rows. The cursor lives in the current transaction."""
    name = SQL.identifier(cursor_name)
    cr.execute(SQL("DECLARE %s NO SCROLL CURSOR FOR %s", name, query))
    try:
        while True:
            cr.execute(SQL("FETCH FORWARD %s FROM %s", fetch_size, name))
            rows = cr.fetchall()
            if not rows:
                break
            yield from rows
    finally:
        cr.execute(SQL("CLOSE %s", name))
