from . import test_dashboard_smoke, test_kpi_figures, test_tools_kpi
