from . import (
    test_landed_cost_accounting,
    test_landed_cost_rules,
    test_landed_cost_targets,
    test_landed_cost_tour,
    test_performance,
)
