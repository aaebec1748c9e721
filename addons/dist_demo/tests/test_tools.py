from datetime import date

from odoo.tests import tagged
from odoo.tests.common import BaseCase

from ..tools.catalog import (
    COMPANIES,
    build_customers,
    build_products,
    build_suppliers,
    make_rng,
)
from ..tools.gtin import gtin_check_digit, is_valid_gtin, make_gtin13
from ..tools.plan import build_supplier_prices, history_start, plan_history
from ..tools.scale import DemoScale, scale_from_environ

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


def _digits(code):
    return "".join(ch for ch in code if ch.isdigit())
