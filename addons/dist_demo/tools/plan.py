"""Deterministic plan of a year of purchase and sales history (pure Python).

The plan says which document happens on which day with which quantities; the
generator model only turns it into Odoo records in date order. Sales are planned
against the stock the planned receipts bring in, so no delivery ever takes more
than the warehouse holds.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from .catalog import BASE_RATES, FAMILIES, make_rng


@dataclass(frozen=True)
class SupplierPrice:
    product: int
    supplier: int
    price: float  # in the supplier's currency, per purchase unit
    min_qty: float
    delay: int
    date_start: object
    date_end: object


@dataclass(frozen=True)
class Line:
    product: int
    qty: float  # in the purchase unit (purchases) or the product unit (sales)
    price: float


@dataclass(frozen=True)
class Shipment:
    date: object
    qtys: tuple  # one quantity per document line, same unit as the line


@dataclass
class PurchasePlan:
    key: str
    company: str
    warehouse: int
    supplier: int
    currency: str
    date: object
    date_planned: object
    lines: tuple
    receipts: list = field(default_factory=list)
    bill_dates: list = field(default_factory=list)


@dataclass
class SalePlan:
    key: str
    company: str
    warehouse: int
    customer: int
    date: object
    commitment_date: object
    lines: tuple
    deliveries: list = field(default_factory=list)
    invoice_dates: list = field(default_factory=list)


def history_start(today, months):
    """First day of the history: ``months`` months before ``today``."""
    return today - relativedelta(months=months)


def build_supplier_prices(seed, suppliers, products, start, today):
    """Two price periods per supplier and product: prices change once mid-history."""
    rng = make_rng(seed, "supplier_prices")
    prices = []
    span = (today - start).days
    for supplier in suppliers:
        change = start + timedelta(days=int(span * rng.uniform(0.35, 0.65)))
        for product_index in supplier.product_indexes:
            product = products[product_index]
            base = (
                product.cost_usd
                * BASE_RATES[supplier.currency]
                * product.purchase_factor
            )
            base *= rng.uniform(0.92, 1.08)
            step = rng.choice((-0.03, 0.0, 0.04, 0.06, 0.12))
            delay = max(1, supplier.lead_days + rng.randint(-2, 4))
            min_qty = rng.choice((0.0, 0.0, 5.0, 10.0))
            for date_start, date_end, price in (
                (start, change - timedelta(days=1), base),
                (change, None, base * (1 + step)),
            ):
                prices.append(
                    SupplierPrice(
                        product_index,
                        supplier.index,
                        round(price, 2),
                        min_qty,
                        delay,
                        date_start,
                        date_end,
                    )
                )
    return prices


def price_at(prices_by_key, product, supplier, day):
    """The supplier price row valid on ``day``."""
    rows = prices_by_key[(product, supplier)]
    for row in rows:
        if row.date_start <= day and (row.date_end is None or day <= row.date_end):
            return row
    return rows[-1]


def plan_history(seed, scale, today, companies, products, suppliers, customers, prices):
    """Return ``(purchases, sales)`` plans for every company, oldest first."""
    start = history_start(today, scale.months)
    prices_by_key = defaultdict(list)
    for row in prices:
        prices_by_key[(row.product, row.supplier)].append(row)
    purchases, sales = [], []
    for company in companies:
        company_purchases = _plan_purchases(
            make_rng(seed, f"purchases:{company.key}"),
            company,
            scale,
            start,
            today,
            products,
            suppliers,
            prices_by_key,
        )
        purchases += company_purchases
        sales += _plan_sales(
            make_rng(seed, f"sales:{company.key}"),
            company,
            scale,
            start,
            today,
            products,
            [c for c in customers if c.company == company.key],
            company_purchases,
        )
    return purchases, sales


def _document_dates(rng, start, today, months, per_month):
    dates = []
    for month in range(months):
        first = start + relativedelta(months=month)
        # the first month stocks the warehouses up
        count = per_month * 2 if month == 0 else per_month
        for _number in range(count):
            day = first + timedelta(days=rng.randint(0, 27))
            dates.append(min(day, today - timedelta(days=1)))
    return sorted(dates)


def _purchase_qty(rng, product):
    if product.boxed:
        return float(rng.randint(5, 40))
    if product.uom == "kg":
        return float(rng.randint(10, 100) * 10)
    if product.uom == "litre":
        return float(rng.randint(4, 60) * 5)
    return float(rng.randint(2, 20) * 10)


def _plan_purchases(rng, company, scale, start, today, products, suppliers, prices):
    weights = [
        (4 if s.currency == company.currency else 1) if s.product_indexes else 0
        for s in suppliers
    ]
    plans = []
    for day in _document_dates(
        rng, start, today, scale.months, scale.purchases_per_month
    ):
        supplier = rng.choices(suppliers, weights=weights)[0]
        chosen = rng.sample(
            supplier.product_indexes,
            min(len(supplier.product_indexes), rng.randint(2, 6)),
        )
        lines = []
        delay = 0
        for product_index in chosen:
            row = price_at(prices, product_index, supplier.index, day)
            qty = max(_purchase_qty(rng, products[product_index]), row.min_qty)
            lines.append(Line(product_index, qty, row.price))
            delay = max(delay, row.delay)
        plan = PurchasePlan(
            key=f"{company.key}-P{len(plans) + 1:05d}",
            company=company.key,
            warehouse=rng.randrange(len(company.warehouses)),
            supplier=supplier.index,
            currency=supplier.currency,
            date=day,
            date_planned=day + timedelta(days=delay),
            lines=tuple(lines),
        )
        _plan_receipts(rng, plan, today)
        plans.append(plan)
    return plans


def _plan_receipts(rng, plan, today):
    """Late in a quarter of the orders, split in two receipts in about one in six."""
    if rng.random() < 0.25:
        first = plan.date_planned + timedelta(days=rng.randint(3, 21))
    else:
        first = plan.date_planned - timedelta(days=rng.randint(0, 2))
    first = max(first, plan.date + timedelta(days=1))
    if rng.random() < 0.17:
        part = tuple(
            math.floor(line.qty * rng.uniform(0.4, 0.8)) for line in plan.lines
        )
        if not any(part):
            part = (plan.lines[0].qty,) + (0.0,) * (len(plan.lines) - 1)
        rest = tuple(line.qty - qty for line, qty in zip(plan.lines, part, strict=True))
        shipments = [
            Shipment(first, part),
            Shipment(first + timedelta(days=rng.randint(7, 25)), rest),
        ]
    else:
        shipments = [Shipment(first, tuple(line.qty for line in plan.lines))]
    for shipment in shipments:
        if shipment.date >= today:
            break
        plan.receipts.append(shipment)
        bill_date = shipment.date + timedelta(days=rng.randint(0, 6))
        if bill_date < today:
            plan.bill_dates.append(bill_date)


def _incoming_stock(company_purchases, products):
    """Receipts as ``(date, warehouse, product, qty in product unit)``, oldest first."""
    rows = []
    for plan in company_purchases:
        for shipment in plan.receipts:
            for line, qty in zip(plan.lines, shipment.qtys, strict=True):
                if qty:
                    factor = products[line.product].purchase_factor
                    rows.append(
                        (shipment.date, plan.warehouse, line.product, qty * factor)
                    )
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    return rows


def _plan_sales(rng, company, scale, start, today, products, customers, purchases):
    incoming = _incoming_stock(purchases, products)
    available = defaultdict(float)
    plans = []
    cursor = 0
    change_day = start + relativedelta(months=scale.months // 2)
    for day in _document_dates(rng, start, today, scale.months, scale.sales_per_month):
        while cursor < len(incoming) and incoming[cursor][0] <= day:
            _date, warehouse, product_index, qty = incoming[cursor]
            available[(warehouse, product_index)] += qty
            cursor += 1
        warehouse = rng.randrange(len(company.warehouses))
        in_stock = sorted(
            product
            for (wh, product), qty in available.items()
            if wh == warehouse and qty >= 1
        )
        if not in_stock:
            continue
        customer = rng.choice(customers)
        lines = []
        for product_index in rng.sample(
            in_stock, min(len(in_stock), rng.randint(1, 4))
        ):
            stock = available[(warehouse, product_index)]
            qty = float(
                max(1, min(math.floor(stock), round(stock * rng.uniform(0.05, 0.3))))
            )
            available[(warehouse, product_index)] -= qty
            product = products[product_index]
            price = product.list_price_usd * BASE_RATES[company.currency]
            if day >= change_day and FAMILIES[product.family].cost_method == "fifo":
                price *= 1.05
            lines.append(
                Line(product_index, qty, round(price * (1 - customer.discount), 2))
            )
        promised = day + timedelta(days=rng.randint(2, 6))
        plan = SalePlan(
            key=f"{company.key}-S{len(plans) + 1:05d}",
            company=company.key,
            warehouse=warehouse,
            customer=customer.index,
            date=day,
            commitment_date=promised,
            lines=tuple(lines),
        )
        _plan_deliveries(rng, plan, today)
        plans.append(plan)
    return plans


def _plan_deliveries(rng, plan, today):
    """Late in one order in five, split in two deliveries in about one in eight."""
    if rng.random() < 0.2:
        first = plan.commitment_date + timedelta(days=rng.randint(2, 12))
    else:
        first = plan.commitment_date - timedelta(days=rng.randint(0, 2))
    first = max(first, plan.date)
    part = tuple(math.floor(line.qty * rng.uniform(0.4, 0.8)) for line in plan.lines)
    if rng.random() < 0.12 and any(part):
        rest = tuple(line.qty - qty for line, qty in zip(plan.lines, part, strict=True))
        shipments = [
            Shipment(first, part),
            Shipment(first + timedelta(days=rng.randint(4, 14)), rest),
        ]
    else:
        shipments = [Shipment(first, tuple(line.qty for line in plan.lines))]
    for shipment in shipments:
        if shipment.date >= today:
            break
        plan.deliveries.append(shipment)
        invoice_date = shipment.date + timedelta(days=rng.randint(0, 3))
        if invoice_date < today:
            plan.invoice_dates.append(invoice_date)
