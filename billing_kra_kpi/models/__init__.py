from . import billing_kpi, billing_kpi_template, billing_kra
