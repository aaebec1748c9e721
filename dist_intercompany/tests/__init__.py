# ic-order
from . import (
    test_order_changes,
    test_order_flow,
    test_performance,
    test_rule,
    test_screens,
    test_security,
)

# isort: split
# ic-flows
