{
    "name": "Distribution Scanner Receiving",
    "summary": "Barcode receiving screen for warehouse staff (keyboard-wedge and phone "
    "camera, GS1-128 / DataMatrix, lots, serials, expiry) that enforces the PO "
    "approval, over-receipt tolerance and receipt gate on every scan",
    "version": "17.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "author": "dist",
    "website": "https://github.com/dist-suite/dist",
    "maintainers": ["dist"],
    "development_status": "Beta",
    "depends": ["dist_procure", "barcodes_gs1_nomenclature", "product_expiry", "web"],
    "data": [
        "security/ir.model.access.csv",
        "security/dist_receiving_scan_security.xml",
        "views/stock_picking_views.xml",
        "views/res_users_views.xml",
        "views/dist_receiving_scan_menus.xml",
        "views/stock_picking_scan_views.xml",
        "report/report_barcode_test_sheet.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "dist_receiving_scan/static/src/**/*",
        ],
        "web.assets_tests": [
            "dist_receiving_scan/static/tests/tours/*.js",
        ],
        "web.qunit_suite_tests": [
            "dist_receiving_scan/static/tests/qunit/*.js",
        ],
    },
}
