from . import test_access
from . import test_catalogue
from . import test_demo
from . import test_metrics
from . import test_settings
from . import test_work_time
