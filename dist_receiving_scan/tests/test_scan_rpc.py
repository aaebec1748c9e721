from odoo.tests import HttpCase, tagged

from odoo.addons.dist_harmonize_base.tests.common import call_kw
from odoo.addons.dist_harmonize_base.tools import guard

from .common import BOLT_EAN, DRILL_GTIN, RESIN_GTIN, ScanCommon


@tagged("post_install", "-at_install")
class TestScanOverRpc(ScanCommon, HttpCase):
    """Every refusal of the scan API, as the receiving screen calls it: JSON-RPC
    ``call_kw`` as the warehouse user (and as users who must not get in)."""

    def _call(
        self, login, method, args, kwargs=None, model="stock.picking", context=None
    ):
        """``(result, error)`` of ``model.method(*args, **kwargs)`` called by ``login``."""
        self.authenticate(login, login)
        return call_kw(self, model, method, args, kwargs, context)

    def _scan(self, receipt, barcode, login="dist_warehouse", uuid=None, **kwargs):
        self._count = getattr(self, "_count", 0) + 1
        result, error = self._call(
            login,
            "dist_scan",
            [[receipt.id], barcode, uuid or f"rpc-{self._count}"],
            kwargs,
        )
        self.assertIsNone(error)
        return result

    def test_every_scan_refusal_over_rpc(self):
        order, pending = self._pending_receipt()
        opened, error = self._call("dist_warehouse", "dist_scan_open", [order.name])
        self.assertIsNone(error)
        self.assertIn(f"purchase order {order.name} is not approved", opened["message"])
        self.assertEqual(self._scan(pending, BOLT_EAN)["result"], "refused")

        receipt = self._receipt([(self.product, 10, 10.0), (self.drill, 2, 50.0)])
        self.assertEqual(self._scan(receipt, "BOLTBOX10")["result"], "ok")
        over = self._scan(receipt, BOLT_EAN)
        self.assertEqual(over["result"], "refused")
        self.assertIn("over-receipt tolerance of 5.00 %", over["message"])
        self.assertIn("scanned on this receipt 10.00", over["message"])

        not_ordered = self._scan(receipt, RESIN_GTIN)
        self.assertIn("Resin is not on purchase order", not_ordered["message"])

        self.assertEqual(self._scan(receipt, DRILL_GTIN)["result"], "pending")
        self.assertEqual(self._scan(receipt, "SN-9")["result"], "ok")
        twice = self._scan(receipt, "SN-9")
        self.assertIn("SN-9 of Drill is already scanned", twice["message"])

        with guard.permit(self.drill.product_tmpl_id):
            self.drill.product_tmpl_id.dist_state = "obsolete"
        inactive = self._scan(receipt, DRILL_GTIN)
        self.assertIn("Drill is not an active item", inactive["message"])

        self.assertEqual(
            sum(receipt.move_line_ids.filtered("picked").mapped("quantity")), 11.0
        )

    def test_retry_and_the_doors_around_the_api_over_rpc(self):
        receipt = self._receipt([(self.product, 5, 10.0)])
        first = self._scan(receipt, BOLT_EAN, uuid="same")
        retry = self._scan(receipt, BOLT_EAN, uuid="same")
        self.assertEqual((first["version"], retry["version"]), (1, 1))
        self.assertEqual(receipt.move_ids.quantity, 1.0)

        for login, context in (
            ("dist_receiver_b", {}),
            ("dist_receiver_b", {"allowed_company_ids": [self.company_a.id]}),
            ("dist_receiver_a2", {}),
        ):
            with self.subTest(login=login, context=context):
                result, error = self._call(
                    login, "dist_scan", [[receipt.id], BOLT_EAN, "x-1"], context=context
                )
                self.assertIsNone(result)
                self.assertIn("AccessError", error)

        entry = receipt.sudo().dist_scan_ids
        for method, args, expected in (
            ("write", [entry.ids, {"quantity": 99}], "AccessError"),
            ("create", [{"picking_id": receipt.id, "uuid": "forged"}], "AccessError"),
            ("unlink", [entry.ids], "AccessError"),
        ):
            with self.subTest(method=method):
                result, error = self._call(
                    "dist_warehouse", method, args, model="dist.receipt.scan"
                )
                self.assertIn(expected, error or "")
        _result, error = self._call(
            "dist_warehouse", "write", [[receipt.id], {"dist_scan_version": 0}]
        )
        self.assertIn("set by the controls of the suite only", error or "")
        _result, error = self._call("dist_warehouse", "_dist_scan_bump", [[receipt.id]])
        self.assertIn("Private methods", error or "")
        self.assertEqual(receipt.dist_scan_version, 1)
        self.assertEqual(entry.quantity, 1.0)

    def test_warehouse_user_cannot_widen_their_scope_over_rpc(self):
        """The fields that scope the screen are the administrator's and the
        stock manager's: a warehouse user cannot add a warehouse to their own
        receiving warehouses nor let an operation type take products not ordered."""
        _result, error = self._call(
            "dist_warehouse",
            "write",
            [
                self.warehouse.ids,
                {"dist_scan_warehouse_ids": [(4, self.warehouse_a2.id)]},
            ],
            model="res.users",
        )
        self.assertIn("AccessError", error or "")
        self.assertEqual(self.warehouse.dist_scan_warehouse_ids, self.warehouse_a)
        receipt_type = self.warehouse_a.in_type_id
        _result, error = self._call(
            "dist_warehouse",
            "write",
            [receipt_type.ids, {"dist_scan_allow_extra": True}],
            model="stock.picking.type",
        )
        self.assertIn("AccessError", error or "")
        self.assertFalse(receipt_type.dist_scan_allow_extra)
