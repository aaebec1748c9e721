from . import (
    account_move,
    account_move_line,
    account_partial_reconcile,
    dist_exception,
    dist_match_release,
    dist_purchase_requisition,
    dist_tolerance_key,
    purchase_order,
    purchase_order_line,
    res_company,
    stock_move,
    stock_move_line,
)
