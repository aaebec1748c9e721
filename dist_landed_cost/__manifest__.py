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
}
