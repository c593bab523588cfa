from . import billing_kpi, billing_kpi_template, billing_kra
from . import billing_event
from . import account_move
from . import account_partial_reconcile
