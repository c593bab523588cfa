from . import (
    test_access,
    test_catalogue,
    test_kpi_validation,
    test_members,
    test_smart,
    test_ui,
    test_upgrade,
    test_weights,
)
