from . import test_demo_data, test_governance, test_tools, test_tour
