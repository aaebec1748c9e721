"""Plan of the landed-cost demo (pure Python, no ORM).

Per company: the import vendors (another currency than the company's), three inbound
shipments of the last weeks, each grouping two import orders, and for two of them the
sale of part of the goods and the actual freight and duty bills, one above and one
below the estimate.
"""

import math
from dataclasses import dataclass
from datetime import timedelta

from .catalog import BASE_RATES, SupplierSpec
from .plan import Line, PurchasePlan, SalePlan, Shipment

# cost type -> (product name, internal reference, split of bills nobody estimated)
COST_TYPES = {
    "freight": ("Sea Freight", "LC-FREIGHT", "by_volume"),
    "duty": ("Import Duty", "LC-DUTY", "by_current_cost_price"),
    "insurance": ("Cargo Insurance", "LC-INSURANCE", "by_current_cost_price"),
}
# Who bills the actual costs: a forwarder billing freight and insurance in EUR, and
# a customs broker per company billing duty in the company's currency.
FORWARDER = SupplierSpec(900, "Seaway Forwarding AB", "EUR", "SE", "SE556677889901", 0)
BROKERS = {
    "hq": SupplierSpec(
        901, "Portside Customs Brokers Inc", "USD", "US", "US445566778801", 0
    ),
    "nordic": SupplierSpec(
        902, "Tullombud Norden AB", "EUR", "SE", "SE667788990001", 0
    ),
    "brit": SupplierSpec(903, "Dockside Customs Ltd", "GBP", "GB", "GB778899001101", 0),
}
# biller -> the cost types on its bill
BILLS = {"broker": ("duty",), "forwarder": ("freight", "insurance")}
LINE_VALUE = 900.0  # goods value aimed at per order line, in company currency
SOLD_SHARES = (0.4, 0.25)  # of the first order's lines, delivered before the bills
# steps of a shipment, in their order within one day
ORDER, RECEIVE, GOODS_BILL, SALE, DELIVER, INVOICE, COST_BILL = range(7)


@dataclass(frozen=True)
class ShipmentSpec:
    """One inbound shipment of each company: days before today of each step, and
    the actual bills as a factor of the estimate per cost type (none: not billed)."""

    key: str
    ordered: int
    arrived: int
    warehouse: int
    sold: int | None = None
    billed: int | None = None
    factors: dict | None = None


SHIPMENTS = (
    ShipmentSpec(
        "under", 45, 31, 0, 25, 16, {"freight": 1.14, "duty": 1.06, "insurance": 1.25}
    ),
    ShipmentSpec(
        "over", 38, 24, 1, 19, 10, {"freight": 0.87, "duty": 0.93, "insurance": 0.8}
    ),
    ShipmentSpec("open", 21, 7, 0),
)


def import_vendors(company, suppliers, stocked):
    """``(pools, roles)`` of ``company``'s import vendors.

    ``pools`` maps each vendor selling in another currency than the company's to the
    items it sells, those the company holds no stock of (not in ``stocked``) first:
    FIFO deliveries then take the shipment's own goods. ``roles``: the vendor with
    most such items gets a template of its own ("specific"), "primary" shares its
    currency, "secondary" does not (when such vendors exist).
    """
    pools = {
        supplier.index: sorted(
            supplier.product_indexes, key=lambda index: (index in stocked, index)
        )
        for supplier in suppliers
        if supplier.duplicate_of is None
        and supplier.currency != company.currency
        and supplier.product_indexes
    }
    if len(pools) < 2:
        raise ValueError(f"{company.name} has fewer than two import vendors")
    currency = {supplier.index: supplier.currency for supplier in suppliers}
    ranked = sorted(pools, key=lambda v: (-sum(i not in stocked for i in pools[v]), v))
    specific, others = ranked[0], ranked[1:]
    same = [v for v in others if currency[v] == currency[specific]]
    other = [v for v in others if currency[v] != currency[specific]]
    primary = (same or others)[0]
    return pools, {
        "specific": specific,
        "primary": primary,
        "secondary": (other or [primary])[0],
    }


def take_items(pools, vendor, count=2):
    """The first ``count`` items of ``vendor``, taken out of every pool."""
    chosen = pools[vendor][:count]
    for pool in pools.values():
        pool[:] = [index for index in pool if index not in chosen]
    return chosen


def order_qty(price, currency, company_currency, min_qty=0.0):
    """Purchase units worth about ``LINE_VALUE`` in company currency (5 to 5000,
    a multiple of 5, at least the vendor's minimum)."""
    local_price = price / BASE_RATES[currency] * BASE_RATES[company_currency]
    qty = min(max(5 * math.ceil(LINE_VALUE / local_price / 5), 5), 5000)
    return float(max(qty, min_qty))


def purchase_plan(key, company, shipment, supplier, today, lines):
    """The order of ``supplier`` for ``shipment``, received in full on arrival;
    ``lines``: ``Line`` tuples in the vendor's currency and purchase unit."""
    arrived = today - timedelta(days=shipment.arrived)
    return PurchasePlan(
        key=key,
        company=company.key,
        warehouse=shipment.warehouse,
        supplier=supplier.index,
        currency=supplier.currency,
        date=today - timedelta(days=shipment.ordered),
        date_planned=arrived,
        lines=tuple(lines),
        receipts=[Shipment(arrived, tuple(line.qty for line in lines))],
    )


def sale_plan(key, company, shipment, order, products, customer, today):
    """A customer buys ``SOLD_SHARES`` of the lines of ``order`` (product units),
    ordered two days before the delivery, invoiced the day after."""
    sold = today - timedelta(days=shipment.sold)
    lines = []
    for line, share in zip(order.lines, SOLD_SHARES, strict=False):
        product = products[line.product]
        qty = max(math.floor(line.qty * product.purchase_factor * share), 1)
        price = round(product.list_price_usd * BASE_RATES[company.currency], 2)
        lines.append(Line(line.product, float(qty), price))
    return SalePlan(
        key=key,
        company=company.key,
        warehouse=shipment.warehouse,
        customer=customer,
        date=sold - timedelta(days=2),
        commitment_date=sold,
        lines=tuple(lines),
        deliveries=[Shipment(sold, tuple(line.qty for line in lines))],
        invoice_dates=[sold + timedelta(days=1)],
    )


def shipment_steps(shipment, today, orders, sale=None):
    """``(day, step, payload)`` of one shipment, in date order: the orders, their
    arrival and, when billed, the goods bills (two days later), the sale, delivery
    and invoice of ``sale``, the broker's duty bill, then the forwarder's bill."""
    arrived = today - timedelta(days=shipment.arrived)
    steps = [
        (today - timedelta(days=shipment.ordered), ORDER, orders),
        (arrived, RECEIVE, orders),
    ]
    if shipment.billed is None:
        return steps
    billed = today - timedelta(days=shipment.billed)
    steps += [
        (arrived + timedelta(days=2), GOODS_BILL, orders),
        (sale.date, SALE, sale),
        (sale.commitment_date, DELIVER, sale),
        (sale.invoice_dates[0], INVOICE, sale),
        (billed - timedelta(days=2), COST_BILL, "broker"),
        (billed, COST_BILL, "forwarder"),
    ]
    return sorted(steps, key=lambda step: step[:2])


def actual_amounts(shipment, biller, estimated):
    """What ``biller`` charges per cost type: the estimate (company currency) of
    each cost type on its bill times the shipment's factor; none when not estimated."""
    return {
        cost: estimated[cost] * shipment.factors[cost]
        for cost in BILLS[biller]
        if estimated.get(cost)
    }
