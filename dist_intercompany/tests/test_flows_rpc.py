from odoo.tests import HttpCase, tagged

from odoo.addons.dist_harmonize_base.tests.common import call_kw

from .common import IntercompanyFlowCommon


@tagged("post_install", "-at_install")
class TestFlowsRpc(IntercompanyFlowCommon, HttpCase):
    """The flows over JSON-RPC, as users of one company only."""

    def _prepared_delivery(self, lots):
        """B's delivery of a 2-unit chain with ``lots`` set, not validated."""
        order, sale = self._ic_chain([(self.product_lot, 2)])
        delivery = sale.sudo().picking_ids
        for move in delivery.move_ids:
            move.move_line_ids.unlink()
            for name, quantity in lots.items():
                self.env["stock.move.line"].create(
                    {
                        "move_id": move.id,
                        "picking_id": delivery.id,
                        "product_id": move.product_id.id,
                        "product_uom_id": move.product_uom.id,
                        "quantity": quantity,
                        "lot_id": self._lot(self.company_b, move.product_id, name).id,
                        "location_id": move.location_id.id,
                        "location_dest_id": move.location_dest_id.id,
                        "picked": True,
                    }
                )
        return order, sale, delivery

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _validate_over_rpc(self, picking, companies):
        """``button_validate`` of ``picking`` over RPC; return the error or None."""
        _result, error = call_kw(
            self,
            "stock.picking",
            "button_validate",
            [picking.ids],
            context={"allowed_company_ids": companies.ids},
        )
        return error

    def test_seller_validates_delivery_over_rpc(self):
        """B's warehouse user validates B's delivery over RPC: A's receipt is
        validated by A's technical user, though the caller cannot read it."""
        order, _sale, delivery = self._prepared_delivery({"L1": 2.0})
        self._login(self.warehouse_user_b)
        error = self._validate_over_rpc(delivery, self.company_b)
        self.assertIsNone(error)
        receipt = self._receipts(order)
        self.assertEqual((receipt.state, order.order_line.qty_received), ("done", 2.0))
        self.assertEqual(self._mirror_note(receipt).author_id, self.tech_a.partner_id)
        _result, error = call_kw(
            self,
            "stock.picking",
            "read",
            [receipt.ids, ["state"]],
            context={"allowed_company_ids": self.company_a.ids},
        )
        self.assertIn("AccessError", error)

    def test_over_receipt_refusal_over_rpc(self):
        """The refusal of A's control reaches B's user as a logged event, not
        as an error that would undo B's delivery."""
        order, _sale, delivery = self._prepared_delivery({"L1": 3.0})
        self._login(self.warehouse_user_b)
        error = self._validate_over_rpc(delivery, self.company_b)
        self.assertIsNone(error)
        self.assertEqual(delivery.state, "done")
        self.assertEqual(self._transaction(order).delivery_state, "failed")

    def test_buyer_cannot_validate_seller_delivery(self):
        """A's warehouse user cannot validate B's delivery, even forging B
        into their allowed companies."""
        _order, _sale, delivery = self._prepared_delivery({"L1": 2.0})
        self._login(self.warehouse)
        for companies in (self.company_a, self.company_a | self.company_b):
            error = self._validate_over_rpc(delivery, companies)
            self.assertIn("AccessError", error)
        self.assertNotEqual(delivery.state, "done")

    def test_engine_is_not_callable_over_rpc(self):
        """The mirror methods are private: no RPC call reaches them."""
        _order, _sale, delivery = self._prepared_delivery({"L1": 2.0})
        self._login(self.warehouse_user_b)
        for method in ("_dist_ic_mirror_done", "_dist_ic_fill_receipt"):
            _result, error = call_kw(self, "stock.picking", method, [delivery.ids])
            self.assertIn("Private methods", error)

    def test_links_are_not_writable_over_rpc(self):
        """A's user cannot point A's receipt at another counterpart or unmark it."""
        order, _sale, delivery = self._prepared_delivery({"L1": 2.0})
        self.env["stock.picking"].with_user(self.warehouse_user_b).browse(
            delivery.ids
        ).button_validate()
        receipt = self._receipts(order)
        self._login(self.warehouse)
        for values in ({"dist_ic_counterpart_id": 1}, {"dist_ic_mirrored": False}):
            _result, error = call_kw(
                self, "stock.picking", "write", [receipt.ids, values]
            )
            self.assertTrue(error)
        self.assertTrue(receipt.dist_ic_mirrored)

    def test_seller_posts_invoice_over_rpc(self):
        """B's billing user posts B's invoice over RPC: A's bill exists; A's
        payables clerk cannot post B's invoice."""
        order, sale, delivery = self._prepared_delivery({"L1": 2.0})
        self.env["stock.picking"].with_user(self.warehouse_user_b).browse(
            delivery.ids
        ).button_validate()
        invoice = (
            self.env["sale.order"].with_user(self.billing_b).browse(sale.ids)
        )._create_invoices()
        self._login(self.payables)
        _result, error = call_kw(
            self,
            "account.move",
            "action_post",
            [invoice.ids],
            context={"allowed_company_ids": (self.company_a | self.company_b).ids},
        )
        self.assertIn("AccessError", error)
        self._login(self.billing_b)
        _result, error = call_kw(
            self,
            "account.move",
            "action_post",
            [invoice.ids],
            context={"allowed_company_ids": self.company_b.ids},
        )
        self.assertIsNone(error)
        bill = self.env["account.move"].browse(invoice.dist_ic_counterpart_id)
        self.assertEqual((bill.company_id, bill.state), (self.company_a, "posted"))
        self.assertEqual(bill.invoice_line_ids.purchase_line_id, order.order_line)
        self._login(self.payables)
        _result, error = call_kw(
            self, "account.move", "write", [bill.ids, {"dist_ic_mirrored": False}]
        )
        self.assertTrue(error)
        self.assertTrue(bill.dist_ic_mirrored)

    def test_stock_view_over_rpc(self):
        """A's warehouse user reads A's consolidated stock, never B's, even
        forging B into the context."""
        self.env["stock.quant"].with_company(self.company_a)._update_available_quantity(
            self.product_lot,
            self.warehouse_a.lot_stock_id,
            5.0,
            lot_id=self._lot(self.company_a, self.product_lot, "LA"),
        )
        self._login(self.warehouse)
        rows, error = call_kw(
            self,
            "dist.intercompany.stock",
            "search_read",
            [[], ["company_id"]],
            context={"allowed_company_ids": self.company_a.ids},
        )
        self.assertIsNone(error)
        self.assertEqual({row["company_id"][0] for row in rows}, {self.company_a.id})
        _rows, error = call_kw(
            self,
            "dist.intercompany.stock",
            "search_read",
            [[], ["company_id"]],
            context={"allowed_company_ids": (self.company_a | self.company_b).ids},
        )
        self.assertIn("AccessError", error)
