from . import test_access
from . import test_catalogue
from . import test_kpi_validation
from . import test_members
from . import test_smart
from . import test_ui
from . import test_upgrade
from . import test_weights
