from . import billing_kpi_compute_wizard
from . import billing_kpi_export_wizard
