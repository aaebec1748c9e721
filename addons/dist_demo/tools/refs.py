"""References the other party writes on a document (pure Python).

A vendor's quotation number on a purchase order, a vendor's invoice number on a
bill, a customer's order number on a sales order: what a user sees in the
*Vendor Reference* or *Customer Reference* columns. They are derived from the
plan's key so that a reinstall gives the same ones, and never show it: the keys
and case codes of the plan are the generator's, not the trading partners'.

Each party keeps one style of numbering (chosen from the party's name), and
the number is a digest of the key, wide enough that two documents of one party
practically never share one (tested on the plan of every scale in
``tests/test_tools.py``).
"""

import hashlib

# {n}: the document's number, {year}: the year it is dated in
QUOTE_STYLES = ("Q{year}-{n:06d}", "QT/{year}/{n:06d}", "OFF-{n:07d}", "{n:07d}")
INVOICE_STYLES = ("INV-{year}-{n:06d}", "{year}/{n:06d}", "F{year}{n:06d}", "{n:08d}")
CUSTOMER_ORDER_STYLES = ("PO-{n:06d}", "PO{year}{n:06d}", "{n:07d}", "ORD/{n:06d}")


def _digest(text):
    return int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "big")


def _reference(styles, party, key, year):
    style = styles[_digest(party) % len(styles)]
    return style.format(n=_digest(f"{party}:{key}") % 10**6, year=year)


def vendor_quote_ref(vendor, key, day):
    """The quotation number ``vendor`` gave for the order of plan ``key``."""
    return _reference(QUOTE_STYLES, vendor, key, day.year)


def vendor_invoice_ref(vendor, key, day):
    """The number of the invoice ``vendor`` sent on ``day`` for ``key`` (an order
    key and the bill's rank, or any key unique to that invoice)."""
    return _reference(INVOICE_STYLES, vendor, key, day.year)


def customer_order_ref(customer, key, day):
    """The purchase order number ``customer`` sent for the sales order ``key``."""
    return _reference(CUSTOMER_ORDER_STYLES, customer, key, day.year)


# Letters in every style: a delivery note number is never read as an EAN-8.
DELIVERY_NOTE_STYLES = (
    "DN-{year}-{n:06d}",
    "DEL/{year}/{n:06d}",
    "LS{n:07d}",
    "ASN-{n:06d}",
)


def vendor_delivery_ref(vendor, key, day):
    """The delivery note number ``vendor`` wrote on the goods of ``key``."""
    return _reference(DELIVERY_NOTE_STYLES, vendor, key, day.year)
