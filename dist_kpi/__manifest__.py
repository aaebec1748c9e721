{
    "name": "Distribution KPIs",
    "summary": "The distribution KPI pack, defined once: stock, service, purchase "
    "and finance figures computed in SQL, snapshots, thresholds and alerts",
    "version": "17.0.1.0.0",
    "category": "Inventory/Reporting",
    "license": "LGPL-3",
    "author": "dist",
    "website": "https://github.com/dist-suite/dist",
    "maintainers": ["dist"],
    "development_status": "Beta",
    "depends": [
        "dist_harmonize_base",
        "dist_procure",
        "dist_landed_cost",
        "stock_account",
        "sale_stock",
        "purchase_stock",
        "web",
    ],
    "data": [
        # security
        "security/dist_kpi_groups.xml",
        "security/ir.model.access.csv",
        "security/dist_kpi_security.xml",
        # data
        "data/dist_kpi_data.xml",
        "data/dist_exception_reason_data.xml",
        "data/ir_cron_data.xml",
        # views (engine)
        "views/dist_kpi_views.xml",
        "views/dist_kpi_threshold_views.xml",
        "views/dist_kpi_snapshot_views.xml",
        "views/dist_kpi_close_views.xml",
        "report/dist_kpi_fact_views.xml",
        "views/dist_kpi_actions.xml",
        # views (dashboard)
        # menus
        "views/dist_kpi_menus.xml",
    ],
    # dashboard assets
    "assets": {
        "web.assets_backend": [
            "dist_kpi/static/src/dashboard/*",
        ],
        "web.assets_tests": [
            "dist_kpi/static/tests/tours/*.js",
        ],
    },
    # the XLSX export
    "external_dependencies": {"python": ["xlsxwriter"]},
}
