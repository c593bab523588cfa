from . import billing_kpi_template
from . import billing_kra
from . import billing_kpi
