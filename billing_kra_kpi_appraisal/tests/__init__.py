from . import test_appraisal_period
from . import test_demo
from . import test_result
from . import test_rpc_access
from . import test_snapshot
from . import test_ui
