{
    "name": "Distribution Procure-to-Pay Controls",
    "summary": "Requisitions, PO approval matrix, receipt gate, three-way match "
    "with tolerance keys and payment block",
    "version": "17.0.1.1.0",
    "category": "Inventory/Purchase",
    "license": "LGPL-3",
    "author": "dist",
    "website": "https://github.com/dist-suite/dist",
    "maintainers": ["dist"],
    "development_status": "Beta",
    "depends": ["dist_harmonize_base", "purchase_stock", "account"],
    "data": [
        "security/dist_procure_groups.xml",
        "security/ir.model.access.csv",
        "security/dist_procure_security.xml",
        "data/dist_purchase_requisition_data.xml",
        "data/dist_exception_reason_data.xml",
        "views/dist_tolerance_key_views.xml",
        "views/dist_purchase_requisition_views.xml",
        "views/dist_match_release_views.xml",
        "views/dist_exception_views.xml",
        "views/purchase_order_views.xml",
        "views/account_move_views.xml",
        "views/res_company_views.xml",
        "wizards/account_move_release_views.xml",
        "views/dist_procure_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "dist_procure/static/tests/tours/*.js",
        ],
    },
}
