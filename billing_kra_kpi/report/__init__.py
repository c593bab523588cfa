from . import billing_kpi_xlsx_report
