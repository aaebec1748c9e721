"""Which steps of the history replay run together, and when (pure Python).

The plan is replayed in the order of its events: day by day, and within a day
purchase confirmations, receipts, bills, sales confirmations, deliveries,
invoices (``build_events``). Each batch of ``schedule_history`` is one call of
the core flows over several documents; a step joins a batch opened earlier only
when nothing in between would make it come out differently:

- purchase confirmations of a warehouse join while no receipt of that warehouse
  leaves a backorder (receipts and their backorders share one numbering);
- sales confirmations of a warehouse join while no receipt of that warehouse
  brings one of their products (confirming reserves the stock on hand) and no
  delivery of that warehouse leaves a backorder (same numbering);
- customer invoices are created on their day (one invoice may group orders of
  a customer) and posted together later (``POST_INVOICES``): before the next
  delivery or invoice of an order whose invoice waits, and at the end. Posting
  numbers them in date order, and costs their goods from the deliveries done.

Receipts, deliveries and vendor bills stay one batch per day: their valuation
entries are dated by the day of the call, and the average costs they read and
write depend on the order of the stock moves.
"""

from dataclasses import dataclass, field

PO_CONFIRM, RECEIPT, BILL, SO_CONFIRM, DELIVERY, INVOICE, POST_INVOICES = range(7)
# Hour of each kind of step in a day: goods come in before they go out.
HOURS = {
    PO_CONFIRM: 8,
    RECEIPT: 10,
    BILL: 11,
    SO_CONFIRM: 12,
    DELIVERY: 15,
    INVOICE: 16,
}


@dataclass
class Batch:
    """One call of a step over ``items`` (``(plan, index)``), run on ``day``."""

    day: object
    kind: int
    items: list = field(default_factory=list)


def build_events(purchases, sales):
    """Every document step as ``(date, kind, company, key, index)``, in replay order."""
    events = []
    for plan in purchases:
        events.append((plan.date, PO_CONFIRM, plan.company, plan.key, 0))
        events += [
            (s.date, RECEIPT, plan.company, plan.key, i)
            for i, s in enumerate(plan.receipts)
        ]
        events += [
            (d, BILL, plan.company, plan.key, i) for i, d in enumerate(plan.bill_dates)
        ]
    for plan in sales:
        events.append((plan.date, SO_CONFIRM, plan.company, plan.key, 0))
        events += [
            (s.date, DELIVERY, plan.company, plan.key, i)
            for i, s in enumerate(plan.deliveries)
        ]
        events += [
            (d, INVOICE, plan.company, plan.key, i)
            for i, d in enumerate(plan.invoice_dates)
        ]
    events.sort()
    return events


def leaves_backorder(plan, index):
    """Whether shipment ``index`` of ``plan`` leaves part of an order line open."""
    shipments = plan.receipts if hasattr(plan, "receipts") else plan.deliveries
    shipped = [
        sum(qtys)
        for qtys in zip(*(s.qtys for s in shipments[: index + 1]), strict=True)
    ]
    return any(qty < line.qty for line, qty in zip(plan.lines, shipped, strict=True))


def schedule_history(purchases, sales):
    """The batches of the replay, in the order they run (see the module's doc)."""
    plans = {plan.key: plan for plan in purchases + sales}
    schedule = _Schedule()
    for day, kind, company, key, index in build_events(purchases, sales):
        schedule.add(day, kind, (company, plans[key].warehouse), plans[key], index)
    return schedule.close()


class _Schedule:
    def __init__(self):
        self.batches = []
        # (kind, company, warehouse) -> the open confirmation batch and the
        # products received in the warehouse since it opened
        self.confirming = {}
        self.waiting = set()  # sales orders with an invoice not posted yet

    def add(self, day, kind, warehouse, plan, index):
        if kind in (PO_CONFIRM, SO_CONFIRM):
            self._confirm(day, kind, warehouse, plan, index)
            return
        if kind in (RECEIPT, DELIVERY):
            self._ship(kind, warehouse, plan, index)
        if kind in (DELIVERY, INVOICE) and plan.key in self.waiting:
            self.batches.append(Batch(day, POST_INVOICES))
            self.waiting.clear()
        if kind == INVOICE:
            self.waiting.add(plan.key)
        last = self.batches[-1] if self.batches else None
        if last is None or (last.day, last.kind) != (day, kind):
            self.batches.append(Batch(day, kind))
        self.batches[-1].items.append((plan, index))

    def close(self):
        if self.waiting:
            self.batches.append(Batch(self.batches[-1].day, POST_INVOICES))
        return self.batches

    def _confirm(self, day, kind, warehouse, plan, index):
        products = {line.product for line in plan.lines}
        batch, received = self.confirming.get((kind, *warehouse), (None, set()))
        if batch is None or (kind == SO_CONFIRM and received & products):
            # a new batch here, or the one that runs here already (opened for
            # another warehouse since the last step of another kind)
            if not self.batches or self.batches[-1].kind != kind:
                self.batches.append(Batch(day, kind))
            batch, received = self.batches[-1], set()
            self.confirming[(kind, *warehouse)] = (batch, received)
        batch.items.append((plan, index))

    def _ship(self, kind, warehouse, plan, index):
        """A receipt or delivery closes the confirmations it would change."""
        backorder = leaves_backorder(plan, index)
        if kind == RECEIPT:
            if backorder:
                self.confirming.pop((PO_CONFIRM, *warehouse), None)
            if (SO_CONFIRM, *warehouse) in self.confirming:
                products = {line.product for line in plan.lines}
                self.confirming[(SO_CONFIRM, *warehouse)][1].update(products)
        elif backorder:
            self.confirming.pop((SO_CONFIRM, *warehouse), None)
