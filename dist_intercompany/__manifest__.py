{
    "name": "Distribution Intercompany Trade",
    "summary": "Mirror purchase orders, deliveries and invoices between the "
    "companies of the group, with transfer pricing and one chain record per "
    "intercompany transaction",
    "version": "17.0.1.0.0",
    "category": "Inventory/Purchase",
    "license": "LGPL-3",
    "author": "dist",
    "website": "https://github.com/dist-suite/dist",
    "maintainers": ["dist"],
    "development_status": "Beta",
    "depends": ["dist_procure", "sale_stock", "stock_account", "purchase_stock"],
    "data": [
        "security/ir.model.access.csv",
        "security/dist_intercompany_rule_security.xml",
        "security/dist_intercompany_transaction_security.xml",
        "data/dist_intercompany_transaction_data.xml",
        "views/dist_intercompany_rule_views.xml",
        "views/dist_intercompany_transaction_views.xml",
        "views/purchase_order_views.xml",
        "views/sale_order_views.xml",
        "views/dist_intercompany_menus.xml",
    ],
}
