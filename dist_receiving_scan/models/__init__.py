from . import dist_receipt_scan, res_users, stock_picking, stock_picking_type
