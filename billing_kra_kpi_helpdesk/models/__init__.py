from . import billing_kpi
from . import billing_kpi_demo
from . import billing_kpi_engine
from . import billing_kpi_metric_helpdesk
from . import billing_kpi_metric_working_hours
from . import billing_kpi_template
from . import billing_kpi_value
