from . import (
    test_dashboard_smoke,
    test_export,
    test_kpi_bills,
    test_kpi_figures,
    test_kpi_rollups,
    test_kpi_security,
    test_kpi_snapshots,
    test_performance,
    test_tools_kpi,
    test_tour,
)
