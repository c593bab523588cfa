from . import billing_kpi_compute_wizard
