{
    "name": "Dist Demo Distributor",
    "summary": "Seeded demo distributor: three companies, six warehouses, "
    "a catalog, a year of purchase and sales history, receipts to scan, "
    "intercompany trade and a year of KPI snapshots",
    "version": "17.0.1.0.0",
    "category": "Hidden/Tools",
    "license": "LGPL-3",
    "author": "dist",
    "website": "https://github.com/dist-suite/dist",
    "maintainers": ["dist"],
    "development_status": "Beta",
    "depends": [
        "purchase_stock",
        "sale_stock",
        "stock_landed_costs",
        "dist_harmonize_base",
        "dist_procure",
        "dist_landed_cost",
        "dist_receiving_scan",
        "dist_intercompany",
        "dist_kpi",
    ],
    "external_dependencies": {"python": ["dateutil"]},
    "assets": {
        "web.assets_tests": ["dist_demo/static/tests/tours/*.js"],
    },
    "post_init_hook": "post_init_hook",
}
