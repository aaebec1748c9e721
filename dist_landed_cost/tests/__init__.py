from . import test_landed_cost_accounting
