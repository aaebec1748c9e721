from . import test_demo_data, test_tools, test_tour
