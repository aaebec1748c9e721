import uuid

from odoo.addons.dist_procure.tests.common import ProcureCommon

FNC1 = "\x1d"
BOLT_EAN = "5901234123457"
RESIN_GTIN = "09506000134352"
DRILL_GTIN = "04012345000016"
FLOUR_GTIN = "08712345000011"


class ScanCommon(ProcureCommon):
    """Receipts to scan in company A: bolts (box of 10), a lot-tracked resin with
    expiry, a serial-tracked drill, flour sold by weight; 5 % over-receipt tolerance;
    orders of 1,000 or more need a buyer manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._make_po_rule(amount_min=1000.0)
        cls.rule.level_ids.reapproval_vendor = True
        cls._make_key(over_receipt_pct=5.0)
        cls.product.barcode = BOLT_EAN
        cls.env["product.packaging"].create(
            {
                "name": "Box of 10",
                "product_id": cls.product.id,
                "qty": 10,
                "barcode": "BOLTBOX10",
            }
        )
        cls.resin = cls._make_product("Resin", 20.0, vendor=cls.vendor)
        cls.resin.write(
            {
                "barcode": RESIN_GTIN,
                "tracking": "lot",
                "use_expiration_date": True,
                "expiration_time": 365,
            }
        )
        cls.drill = cls._make_product("Drill", 50.0, vendor=cls.vendor)
        cls.drill.write({"barcode": DRILL_GTIN, "tracking": "serial"})
        cls.flour = cls._make_product("Flour", 2.0, vendor=cls.vendor)
        cls.flour.write(
            {
                "barcode": FLOUR_GTIN,
                "uom_id": cls.env.ref("uom.product_uom_kgm").id,
                "uom_po_id": cls.env.ref("uom.product_uom_kgm").id,
            }
        )
        cls.env.ref("stock.group_production_lot").users |= (
            cls.warehouse | cls.receiver_plus
        )
        cls.warehouse.dist_scan_warehouse_ids = cls.warehouse_a
        cls.warehouse_a2 = cls.env["stock.warehouse"].create(
            {"name": "Second A", "code": "A2", "company_id": cls.company_a.id}
        )
        cls.receiver_a2 = cls._make_user(
            "dist_receiver_a2",
            "dist_harmonize_base.dist_harmonize_base_group_warehouse",
            cls.company_a,
        )
        cls.receiver_a2.dist_scan_warehouse_ids = cls.warehouse_a2
        cls.receiver_b = cls._make_user(
            "dist_receiver_b",
            "dist_harmonize_base.dist_harmonize_base_group_warehouse",
            cls.company_b,
        )

    def _receipt(self, lines, **kwargs):
        """The receipt of a confirmed (approved) order of ``lines``."""
        order = self._confirmed_po(lines, **kwargs)
        self.assertEqual(order.state, "purchase")
        return order.picking_ids.with_user(self.warehouse)

    def _scan(self, receipt, barcode, user=None, **kwargs):
        """One scan as ``user`` (the warehouse user), with a fresh scan id."""
        kwargs.setdefault("uuid", str(uuid.uuid4()))
        return receipt.with_user(user or self.warehouse).dist_scan(barcode, **kwargs)

    def _line(self, answer, product):
        [line] = [line for line in answer["lines"] if line["product_id"] == product.id]
        return line

    def _scanned(self, receipt, product):
        moves = receipt.move_ids.filtered(lambda m: m.product_id == product)
        return sum(moves.move_line_ids.filtered("picked").mapped("quantity"))

    @staticmethod
    def _gs1(*elements):
        """A raw GS1 element string: FNC1 after each element but the last."""
        return FNC1.join(elements)

    def _pending_receipt(self):
        """A receipt whose order went back to approval (vendor changed)."""
        order = self._confirmed_po([(self.product, 15, 100.0)])
        receipt = order.picking_ids
        order.with_user(self.buyer).partner_id = self.vendor_2
        self.assertEqual(order.state, "to approve")
        return order, receipt.with_user(self.warehouse)
