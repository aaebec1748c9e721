# rules, order flow, security, screens
from . import (
    test_order_changes,
    test_order_flow,
    test_performance,
    test_rule,
    test_screens,
    test_security,
)

# isort: split
# goods and invoice flows, reconciliation, stock
from . import (
    test_flows_rpc,
    test_goods_flow,
    test_invoice_flow,
    test_kpi_margin,
    test_reconciliation,
    test_stock_view,
    test_tools_reconcile,
)

# isort: split
from . import test_tour
