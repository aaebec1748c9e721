from datetime import date, timedelta

from odoo.tests import tagged
from odoo.tests.common import BaseCase

from ..tools import intercompany as ic
from ..tools.catalog import (
    COMPANIES,
    build_customers,
    build_products,
    build_suppliers,
    make_rng,
)
from ..tools.gtin import gtin_check_digit, is_valid_gtin, make_gtin13, make_gtin14
from ..tools.plan import build_supplier_prices, history_start, plan_history
from ..tools.refs import (
    customer_order_ref,
    vendor_delivery_ref,
    vendor_invoice_ref,
    vendor_quote_ref,
)
from ..tools.scale import DemoScale, scale_from_environ
from ..tools.scan import LOT_ITEMS, RECEIPTS, RECEIVERS, ready_receipts
from ..tools.schedule import (
    DELIVERY,
    INVOICE,
    PO_CONFIRM,
    POST_INVOICES,
    RECEIPT,
    SO_CONFIRM,
    build_events,
    leaves_backorder,
    schedule_history,
)

TODAY = date(2026, 6, 15)


def _plan(seed, scale=None):
    scale = scale or DemoScale(
        skus=60, purchases_per_month=3, sales_per_month=4, seed=seed
    )
    products = build_products(make_rng(seed, "products"), scale.skus)
    suppliers = build_suppliers(make_rng(seed, "suppliers"), products)
    customers = build_customers(make_rng(seed, "customers"), scale.skus)
    start = history_start(TODAY, scale.months)
    prices = build_supplier_prices(seed, suppliers, products, start, TODAY)
    plans = plan_history(
        seed, scale, TODAY, COMPANIES, products, suppliers, customers, prices
    )
    return products, plans


@tagged("post_install", "-at_install")
class TestDemoTools(BaseCase):
    def test_gtin_check_digit_matches_gs1(self):
        """The check digit of a published EAN-13 is computed as GS1 defines it."""
        self.assertEqual(gtin_check_digit("400638133393"), "1")
        self.assertTrue(is_valid_gtin("4006381333931"))
        self.assertFalse(is_valid_gtin("4006381333932"))

    def test_gtin13_series_is_valid_and_thirteen_digits(self):
        """Generated barcodes are 13 digits with a valid check digit."""
        code = make_gtin13("20", 1234567)
        self.assertEqual(len(code), 13)
        self.assertTrue(is_valid_gtin(code))
        with self.assertRaises(ValueError):
            make_gtin13("20", 10**10)

    def test_gtin14_of_a_case_is_valid_and_keeps_the_item_number(self):
        """A case's GTIN-14: indicator digit, the item's GTIN-13 body, new check."""
        item = make_gtin13("29", 1)
        case = make_gtin14(1, item)
        self.assertEqual((len(case), case[0], case[1:13]), (14, "1", item[:12]))
        self.assertTrue(is_valid_gtin(case))
        self.assertEqual(make_gtin14(1, "4006381333931"), "14006381333938")
        with self.assertRaises(ValueError):
            make_gtin14(9, item)
        with self.assertRaises(ValueError):
            make_gtin14(1, "4006381333932")

    def test_scan_plan_gives_every_warehouse_receipts_with_lot_items(self):
        """Both warehouses of a company wait for approved receipts with lot
        items, whose GTIN-14s are valid and unlike any catalog barcode; one
        order per company goes back to approval."""
        for index in (0, 1):
            ready = ready_receipts(index)
            self.assertGreaterEqual(len(ready), 2)
            self.assertTrue(all(case.lot_items for case in ready))
        self.assertEqual(len([case for case in RECEIPTS if case.changed]), 1)
        gtins = [item.gtin for item in LOT_ITEMS]
        self.assertTrue(all(is_valid_gtin(g) and len(g) == 14 for g in gtins))
        catalog = {p.barcode.zfill(14) for p in _plan(42)[0]}
        self.assertFalse(catalog & set(gtins))
        self.assertEqual(
            len(RECEIVERS), sum(len(spec.warehouses) for spec in COMPANIES)
        )

    def test_delivery_notes_are_never_read_as_a_barcode(self):
        """A delivery note number always has letters: a scanner never takes it
        for an EAN-8 or a GTIN."""
        for number in range(200):
            ref = vendor_delivery_ref(f"vendor {number % 7}", f"hq/{number}", TODAY)
            self.assertRegex(ref, r"[A-Z]")

    def test_scale_env_var_multiplies_skus_and_documents(self):
        """DIST_DEMO_SCALE=10 gives ten times the SKUs and documents, same months."""
        scale = scale_from_environ({"DIST_DEMO_SCALE": "10"})
        self.assertEqual((scale.skus, scale.months), (3000, 12))
        self.assertEqual(
            scale.purchases_per_month, DemoScale().purchases_per_month * 10
        )
        self.assertEqual(scale_from_environ({}), DemoScale())
        with self.assertRaises(ValueError):
            scale_from_environ({"DIST_DEMO_SCALE": "lots"})

    def test_same_seed_gives_same_plan(self):
        """Two runs with the same seed plan identical documents; another seed differs."""
        self.assertEqual(_plan(7), _plan(7))
        self.assertNotEqual(_plan(7)[1], _plan(8)[1])

    def test_catalog_has_near_duplicates_and_unique_barcodes(self):
        """Some products look like another, with a suffixed reference of their own."""
        products = _plan(42)[0]
        duplicates = [p for p in products if p.duplicate_of is not None]
        self.assertTrue(duplicates)
        for dup in duplicates:
            original = products[dup.duplicate_of]
            self.assertIsNone(original.duplicate_of)
            self.assertTrue(dup.default_code.startswith(f"{original.default_code}-"))
            self.assertEqual(
                _digits(dup.default_code).lstrip("0"),
                _digits(original.default_code).lstrip("0"),
            )
        self.assertEqual(len({p.barcode for p in products}), len(products))

    def test_customer_names_are_unique_and_carry_no_code(self):
        """Customers have names a user would type, none twice; their number is
        their reference, not part of their name."""
        customers = build_customers(make_rng(7, "customers"), 3000)
        names = [c.name for c in customers]
        self.assertEqual(len(set(names)), len(names))
        self.assertFalse([n for n in names if any(ch.isdigit() for ch in n)][:1])
        self.assertEqual(len({c.ref for c in customers}), len(customers))

    def test_references_hide_plan_keys_and_differ_per_party(self):
        """Vendor quotation and invoice numbers and customer order numbers never
        show a plan key, and no party writes the same number twice."""
        _products, (purchases, sales) = _plan(3)
        refs = []
        for plan in purchases:
            vendor = f"vendor {plan.supplier}"
            refs.append((vendor, vendor_quote_ref(vendor, plan.key, plan.date), plan))
            refs += [
                (vendor, vendor_invoice_ref(vendor, f"{plan.key}/{rank}", day), plan)
                for rank, day in enumerate(plan.bill_dates)
            ]
        for plan in sales:
            customer = f"customer {plan.customer}"
            refs.append(
                (customer, customer_order_ref(customer, plan.key, plan.date), plan)
            )
        self.assertEqual(len({(party, ref) for party, ref, _p in refs}), len(refs))
        for _party, ref, plan in refs:
            self.assertRegex(ref, r"^[A-Z0-9/-]+$")
            self.assertNotIn(plan.key.split("-")[-1], ref)

    def test_sales_never_ship_more_than_received(self):
        """At every date, each warehouse has shipped at most what it received."""
        products, (purchases, sales) = _plan(42)
        moves = []
        for plan in purchases:
            for shipment in plan.receipts:
                for line, qty in zip(plan.lines, shipment.qtys, strict=True):
                    factor = products[line.product].purchase_factor
                    moves.append(
                        (
                            shipment.date,
                            0,
                            (plan.company, plan.warehouse, line.product),
                            qty * factor,
                        )
                    )
        for plan in sales:
            for shipment in plan.deliveries:
                for line, qty in zip(plan.lines, shipment.qtys, strict=True):
                    moves.append(
                        (
                            shipment.date,
                            1,
                            (plan.company, plan.warehouse, line.product),
                            -qty,
                        )
                    )
        stock = {}
        for _day, _kind, key, qty in sorted(moves):
            stock[key] = stock.get(key, 0.0) + qty
            self.assertGreaterEqual(stock[key], 0.0, key)
        self.assertTrue(any(qty < 0 for *_rest, qty in moves))

    def test_schedule_runs_every_step_once_never_later_than_planned(self):
        """Each planned step is in one batch; only confirmations run earlier."""
        _products, (purchases, sales) = _plan(42)
        events = build_events(purchases, sales)
        runs = _runs(schedule_history(purchases, sales))
        self.assertEqual(sorted(runs), sorted((e[1], e[3], e[4]) for e in events))
        for day, kind, _company, key, index in events:
            position, ran_on = runs[(kind, key, index)]
            self.assertLessEqual(ran_on, day)
            if kind not in (PO_CONFIRM, SO_CONFIRM):
                self.assertEqual(ran_on, day)

    def test_confirmations_jump_nothing_that_changes_them(self):
        """A purchase confirmation runs after every receipt of its warehouse that
        leaves a backorder; a sale's after every receipt of its warehouse bringing
        one of its products and every delivery there that leaves a backorder."""
        _products, (purchases, sales) = _plan(42)
        plans = {plan.key: plan for plan in purchases + sales}
        batches = schedule_history(purchases, sales)
        runs = _runs(batches)
        merged = sum(len(b.items) - 1 for b in batches if b.kind == SO_CONFIRM)
        self.assertTrue(merged, "some sales confirmations should run together")
        events = build_events(purchases, sales)
        for number, (_day, kind, company, key, index) in enumerate(events):
            if kind not in (PO_CONFIRM, SO_CONFIRM):
                continue
            plan, position = plans[key], runs[(kind, key, index)][0]
            for _d, other, o_company, o_key, o_index in events[:number]:
                o_plan = plans[o_key]
                if (o_company, o_plan.warehouse) != (company, plan.warehouse):
                    continue
                backorder = other in (RECEIPT, DELIVERY) and leaves_backorder(
                    o_plan, o_index
                )
                products = {line.product for line in o_plan.lines}
                blocks = (kind, other) in (
                    (PO_CONFIRM, RECEIPT),
                    (SO_CONFIRM, DELIVERY),
                )
                blocks = blocks and backorder
                blocks |= (kind, other) == (SO_CONFIRM, RECEIPT) and bool(
                    products & {line.product for line in plan.lines}
                )
                if blocks:
                    self.assertGreater(position, runs[(other, o_key, o_index)][0])

    def test_invoices_posted_before_their_order_moves_again(self):
        """An invoice waits in draft at most until the next delivery or invoice of
        its order, and none is left in draft."""
        _products, (purchases, sales) = _plan(42)
        batches = schedule_history(purchases, sales)
        self.assertEqual(batches[-1].kind, POST_INVOICES)
        waiting = set()
        for batch in batches:
            keys = {plan.key for plan, _index in batch.items}
            if batch.kind in (DELIVERY, INVOICE):
                self.assertFalse(waiting & keys, batch)
            if batch.kind == INVOICE:
                waiting |= keys
            if batch.kind == POST_INVOICES:
                waiting.clear()
        self.assertFalse(waiting)

    def test_intercompany_months_close_calendar_months_before_the_open_one(self):
        """Two closed calendar months, then the open period from the first of
        last month to today, back to back."""
        for today in (date(2026, 12, 1), date(2026, 3, 31), TODAY):
            periods = ic.months(today)
            self.assertEqual(len(periods), ic.CLOSED_MONTHS + 1)
            self.assertEqual(periods[-1][1], today)
            for (_start, end), (start, _end) in zip(periods, periods[1:], strict=False):
                self.assertEqual(start - end, timedelta(days=1))
            for start, end in periods[:-1]:
                self.assertEqual(start.day, 1)
                self.assertEqual((end + timedelta(days=1)).day, 1)

    def test_intercompany_chains_are_dated_inside_their_month(self):
        """Every step of a chain falls in its period, in the order it happens;
        each pair trades in each period."""
        for today in (date(2026, 12, 1), date(2026, 3, 31), TODAY):
            periods = ic.months(today)
            chains = ic.plan_chains(today)
            self.assertEqual(len(chains), len(ic.CASES) + len(ic.PAST_CASES))
            for chain in chains:
                start, end = periods[chain.month]
                days = [chain.order_day, chain.ship_day, chain.invoice_day]
                days += [chain.later_day] if chain.later_day else []
                self.assertEqual(days, sorted(days), chain)
                self.assertTrue(start <= days[0] and days[-1] <= end, chain)
            self.assertEqual(
                {(c.buyer, c.month) for c in chains},
                {(b, m) for b in ic.RULES for m in range(len(periods))},
            )


def _runs(batches):
    """``(kind, key, index)`` of each step -> (position of its batch, its day)."""
    return {
        (batch.kind, plan.key, index): (position, batch.day)
        for position, batch in enumerate(batches)
        for plan, index in batch.items
    }


def _digits(code):
    return "".join(ch for ch in code if ch.isdigit())
