from . import test_dashboard_smoke, test_export, test_tools_kpi, test_tour
