{
    "name": "Distribution Harmonization Base",
    "summary": "Approval engine, exception queue, segregation of duties and "
    "governed master data shared by the dist suite",
    "version": "17.0.1.0.0",
    "category": "Inventory/Purchase",
    "license": "LGPL-3",
    "author": "dist",
    "website": "https://github.com/dist-suite/dist",
    "maintainers": ["dist"],
    "development_status": "Beta",
    "depends": ["purchase_stock", "sale_stock"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/dist_harmonize_base_groups.xml",
        "security/ir.model.access.csv",
        "views/dist_harmonize_base_menus.xml",
    ],
    "installable": True,
}
