from . import test_dashboard_smoke, test_tools_kpi
