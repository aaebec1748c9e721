from . import (
    test_demo_data,
    test_governance,
    test_intercompany_demo,
    test_kpi_demo,
    test_landed_demo,
    test_logins,
    test_procure_demo,
    test_scan_demo,
    test_tools,
    test_tour,
)
