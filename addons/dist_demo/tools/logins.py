"""Who signs in to the demo distributor (pure data, no ORM).

Every demo user (login ``dist.demo.<role>``, ``dist.demo.<role>.<company key>`` or,
for the receiving clerks, ``dist.demo.wh.<warehouse code>``)
has the password ``DEMO_PASSWORD``: a demo database only. ``ROLES`` says, per role,
what the user is and what to try first, ``LANDINGS`` where the user lands on signing
in (its work, not Discuss); the harness prints them after a demo build and the
module's USAGE documents them.
"""

DEMO_PASSWORD = "demo"
LOGIN_PREFIX = "dist.demo."

# role key -> (label, what to try first)
ROLES = {
    "steward": (
        "master-data steward",
        "Distribution > Master Data > Supplier Bank Accounts: approve the account the "
        "buyer changed (four eyes)",
    ),
    "buyer": (
        "buyer",
        "Purchase > Orders > Requisitions: submit the draft one to the buyer manager",
    ),
    "manager": (
        "buyer manager",
        "Purchase > Orders > Orders to Approve: approve or reject an order",
    ),
    "director": (
        "procurement director",
        "Purchase > Orders > Orders to Approve: the second level of large orders",
    ),
    "controller": (
        "controller",
        "Invoicing > Vendors > Bills to Release: release a blocked bill with a reason",
    ),
    "payables": (
        "accounts payable",
        "Invoicing > Vendors > Bills: register a payment on a blocked bill (refused)",
    ),
    "warehouse": (
        "warehouse lead",
        "Inventory > Operations > Transfers > Receipts: receive more than ordered",
    ),
    "wh": (
        "receiving clerk",
        "Inventory > Operations > Transfers > Scan Receipts: scan a delivery note "
        "of the Barcode Test Sheet (Receipts > Print), then its items and lots",
    ),
    "executive": (
        "executive",
        "KPIs > Dashboard: filter by company and family, open the records behind "
        "a figure, export the dashboard to Excel",
    ),
}


# role key -> (xml id of the action the user lands on after signing in, its name)
LANDINGS = {
    "steward": (
        "dist_harmonize_base.product_template_action_dist_items",
        "Items to approve",
    ),
    "buyer": ("dist_procure.dist_purchase_requisition_action", "My requisitions"),
    "manager": ("dist_harmonize_base.dist_approval_request_action_my", "My Approvals"),
    "director": (
        "dist_harmonize_base.dist_approval_request_action_my",
        "My Approvals",
    ),
    "controller": ("dist_harmonize_base.dist_exception_action", "Exception Queue"),
    "payables": ("account.action_move_in_invoice_type", "Vendor bills"),
    "warehouse": ("stock.action_picking_tree_incoming", "Receipts"),
    "wh": ("dist_receiving_scan.dist_receiving_scan_action", "Scan Receipts"),
    "executive": ("dist_kpi.dist_kpi_dashboard_action", "KPI Dashboard"),
}
# Where a role lands while the screen of its landing is not installed: the
# landing of another role.
LANDING_FALLBACKS = {"wh": "warehouse"}


def landing_of(role, installed):
    """``(xmlid, name)`` of where ``role`` lands: its ``LANDINGS`` entry, or its
    fallback's when ``installed(xmlid)`` is false."""
    xmlid, name = LANDINGS[role]
    if role in LANDING_FALLBACKS and not installed(xmlid):
        return LANDINGS[LANDING_FALLBACKS[role]]
    return xmlid, name


def role_of(login):
    """The role key of a demo login: ``dist.demo.manager.nordic`` -> ``manager``."""
    return login.removeprefix(LOGIN_PREFIX).split(".")[0]
