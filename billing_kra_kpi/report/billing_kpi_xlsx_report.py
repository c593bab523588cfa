import logging
import time

from odoo import models

from .data_sheet import write_data_sheet
from .definitions_sheet import write_definitions_sheet
from .kpi_workbook import KpiWorkbook
from .kra_sheets import write_kra_sheets
from .summary_sheet import write_summary_sheet
from .trends_sheet import write_trends_sheet

_logger = logging.getLogger(__name__)


class BillingKpiXlsxReport(models.AbstractModel):
    """The Excel workbook of a ``billing.kpi.export.wizard``: Summary, one
    sheet per KRA, Trends, Definitions and Data.

    The workbook is written in xlsxwriter's ``constant_memory`` mode, each
    sheet row by row, from value rows streamed through a server-side cursor.
    Every query selects among the records the user may read, so record rules
    and the companies of the session decide what is exported.
    """

    _name = "report.billing_kra_kpi.billing_kpi_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "KPI Excel Export"

    def get_workbook_options(self):
        # Rows go to temporary files as they are written, not to memory.
        return {"constant_memory": True, "strings_to_numbers": False}

    def generate_xlsx_report(self, workbook, data, objs):
        wizard = objs.ensure_one()
        wizard._check_range()
        wizard._check_row_limit()
        started = time.monotonic()
        self.env.flush_all()

        book = KpiWorkbook(self.env, workbook, wizard)
        write_summary_sheet(book)
        write_kra_sheets(book)
        write_trends_sheet(book)
        write_definitions_sheet(book)
        write_data_sheet(book)
        _logger.info(
            "KPI Excel export by user %s of %s to %s written in %.1f s",
            self.env.uid,
            wizard.date_from,
            wizard.date_to,
            time.monotonic() - started,
        )
