from . import (
    account_move,
    account_move_line,
    dist_exception,
    dist_inbound_shipment,
    dist_landed_cost_template,
    purchase_order,
    stock_landed_cost,
    stock_landed_cost_lines,
    stock_picking,
    stock_valuation_adjustment_lines,
)
