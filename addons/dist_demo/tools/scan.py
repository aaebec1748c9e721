"""Plan of the scanner receiving demo (dist_receiving_scan; pure Python, no ORM).

Per warehouse: a receiving clerk who scans with a handheld (login
``dist.demo.wh.<warehouse code>``), and receipts of approved orders waiting at
the dock, their vendor's delivery note number on them, some with lot-tracked
items that arrive with GS1-128 / DataMatrix labels (GTIN-14, lot, expiry). In
the first warehouse of each company one more receipt, of an order the buyer
changed after its approval: back to approval, it cannot be opened for
receiving. Days count back from the day of installation.
"""

from dataclasses import dataclass

from .gtin import make_gtin13, make_gtin14
from .procure import PurchaseCase, Wave

RECEIVER_ROLE = "wh"
# GTIN-14 of the case a lot item comes in: indicator digit 1 (a case of the
# item whose consumer unit is the GTIN-13 of the same number).
CASE_INDICATOR = 1
# GS1 restricted range (in-house numbers) after the catalog's 20… series.
LOT_GTIN_PREFIX = "29"
# Days back: the buyer orders, the buyer manager approves; the change after
# approval is made on the day of installation.
ORDERED = 2
APPROVED = 1


@dataclass(frozen=True)
class LotItemSpec:
    """A lot-tracked item with an expiry date, sold by the case."""

    number: int
    default_code: str
    name: str
    family: str  # name of its family in catalog.FAMILIES
    cost_usd: float
    weight: float  # kg of one case
    volume: float  # m³ of one case
    expiration_days: int  # shelf life from receipt: the lot's expiry date

    @property
    def gtin(self):
        return make_gtin14(CASE_INDICATOR, make_gtin13(LOT_GTIN_PREFIX, self.number))

    @property
    def use_days(self):
        """Best before: a month before expiry."""
        return max(self.expiration_days - 30, 1)


LOT_ITEMS = (
    LotItemSpec(
        number=1,
        default_code="DST-L0001",
        name="Disinfectant Wipes Tub 100",
        family="Cleaning Chemicals",
        cost_usd=5.80,
        weight=0.9,
        volume=0.0022,
        expiration_days=540,
    ),
    LotItemSpec(
        number=2,
        default_code="DST-L0002",
        name="Multi-Purpose Grease Cartridge 400 g",
        family="Lubricants",
        cost_usd=4.20,
        weight=0.45,
        volume=0.0006,
        expiration_days=1095,
    ),
    LotItemSpec(
        number=3,
        default_code="DST-L0003",
        name="Food-Grade Chain Oil 1 l",
        family="Lubricants",
        cost_usd=7.90,
        weight=1.0,
        volume=0.0012,
        expiration_days=730,
    ),
)


@dataclass(frozen=True)
class ScanReceipt:
    """One receipt waiting to be scanned.

    ``size`` is a key of ``procure.SIZES`` for the order's catalog lines (the
    company's main vendor's items): "small" needs no approval, "manager" is
    approved by the buyer manager. ``lot_items`` (indexes in ``LOT_ITEMS``)
    are added with ``lot_qty`` cases each. ``changed`` orders are then changed
    by the buyer (first line doubled) and go back to approval.
    """

    code: str
    warehouse: int  # index in the company's warehouses
    size: str
    lot_items: tuple = ()
    lot_qty: float = 24.0
    changed: bool = False

    @property
    def purchase_case(self):
        """The order as a procure demo case of the main vendor, up to approval."""
        wave = Wave(order=ORDERED, approve=APPROVED, receive=0, bill=0)
        return PurchaseCase(self.code, self.size, "main", wave, until="approve")


RECEIPTS = (
    ScanReceipt("DOCK-1", 0, "small", (0,)),
    ScanReceipt("DOCK-2", 0, "manager", (1, 2), lot_qty=36.0),
    ScanReceipt("DOCK-3", 1, "small", (2,)),
    ScanReceipt("DOCK-4", 1, "manager", (0, 1), lot_qty=48.0),
    ScanReceipt("DOCK-CHANGED", 0, "manager", (1,), changed=True),
)

# Receiving clerks, by warehouse code.
RECEIVERS = {
    "HQE": "Carlos Diaz",
    "HQW": "Mia Chen",
    "NSSTO": "Elin Svensson",
    "NSGOT": "Oskar Berg",
    "BTMAN": "Priya Shah",
    "BTLON": "Jack Wilson",
}


def receiver_login(warehouse_code):
    """``dist.demo.wh.hqe`` for the warehouse ``HQE``."""
    return f"dist.demo.{RECEIVER_ROLE}.{warehouse_code.lower()}"


def ready_receipts(warehouse_index):
    """The receipts of approved orders waiting in the warehouse ``warehouse_index``."""
    return [r for r in RECEIPTS if r.warehouse == warehouse_index and not r.changed]
