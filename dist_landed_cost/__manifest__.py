{
    "name": "Distribution Landed Cost",
    "summary": "Landed cost templates, estimates accrued at receipt, inbound "
    "shipments and actual bills trued up against the estimate",
    "version": "17.0.1.0.0",
    "category": "Inventory/Purchase",
    "license": "LGPL-3",
    "author": "dist",
    "website": "https://github.com/dist-suite/dist",
    "maintainers": ["dist"],
    "development_status": "Beta",
    "depends": [
        "dist_harmonize_base",
        "purchase_stock",
        "stock_account",
        "stock_landed_costs",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/dist_landed_cost_security.xml",
        "data/dist_inbound_shipment_data.xml",
        "views/dist_landed_cost_template_views.xml",
        "views/dist_inbound_shipment_views.xml",
        "report/dist_landed_cost_report_views.xml",
        "views/stock_picking_views.xml",
        "views/purchase_order_views.xml",
        "views/account_move_views.xml",
        "views/stock_landed_cost_views.xml",
        "views/dist_landed_cost_menus.xml",
    ],
    "assets": {
        "web.assets_tests": ["dist_landed_cost/static/tests/tours/*.js"],
    },
}
