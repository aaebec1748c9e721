# ic-order
from . import test_order_flow, test_rule

# isort: split
# ic-flows
from . import (
    test_flows_rpc,
    test_goods_flow,
    test_invoice_flow,
    test_reconciliation,
    test_stock_view,
    test_tools_reconcile,
)
