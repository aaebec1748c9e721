from . import (
    dist_receipt_scan,
    res_users,
    stock_move,
    stock_move_line,
    stock_picking,
    stock_picking_scan,
    stock_picking_type,
)
