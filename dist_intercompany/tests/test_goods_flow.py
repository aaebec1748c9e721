from odoo.tests import tagged

from .common import IntercompanyFlowCommon


@tagged("post_install", "-at_install")
class TestGoodsFlow(IntercompanyFlowCommon):
    """The seller's delivery is the buyer's receipt: quantities, lots, backorders."""

    def test_partial_delivery_is_a_partial_receipt_with_lots(self):
        """B delivers 6 of 10 (two lots) and 2 of 3 serials: A receives the
        same, in A's own lots, and both sides keep a backorder of the rest."""
        order, sale = self._ic_chain()
        delivery = self._deliver_lots(
            sale,
            {
                self.product_lot: {"L1": 4.0, "L2": 2.0},
                self.product_serial: {"SN1": 1.0, "SN2": 1.0},
            },
        )
        receipt, backorder = self._receipts(order)
        self.assertEqual(receipt.state, "done")
        self.assertEqual(
            self._done_lots(receipt),
            {
                (self.product_lot, "L1"): 4.0,
                (self.product_lot, "L2"): 2.0,
                (self.product_serial, "SN1"): 1.0,
                (self.product_serial, "SN2"): 1.0,
            },
        )
        self.assertEqual(receipt.sudo().move_line_ids.lot_id.company_id, self.company_a)
        self.assertEqual(order.order_line.mapped("qty_received"), [6.0, 2.0])
        self.assertEqual(backorder.backorder_id, receipt)
        self.assertEqual(
            sorted(backorder.move_ids.mapped("product_uom_qty")), [1.0, 4.0]
        )
        seller_backorder = sale.sudo().picking_ids - delivery
        self.assertEqual(seller_backorder.backorder_id, delivery)
        self.assertEqual(
            (receipt.dist_ic_counterpart_ref, receipt.dist_ic_mirrored),
            (delivery.name, True),
        )
        self.assertEqual(delivery.sudo().dist_ic_counterpart_ref, receipt.name)
        self.assertIn(
            f"Mirrored from {self.company_b.name}: {delivery.name}",
            self._mirror_note(receipt).body,
        )
        transaction = self._transaction(order)
        self.assertEqual(transaction.delivery_state, "partial")
        self.assertEqual(self._events(order).mapped("result"), ["ok"])

    def test_backorder_delivery_completes_the_receipt(self):
        """The seller's backorder, once delivered, completes the buyer's."""
        order, sale = self._ic_chain()
        self._deliver_lots(sale, {self.product_lot: {"L1": 6.0}})
        self._deliver_lots(
            sale,
            {
                self.product_lot: {"L2": 4.0},
                self.product_serial: {"SN1": 1.0, "SN2": 1.0, "SN3": 1.0},
            },
        )
        self.assertEqual(set(self._receipts(order).mapped("state")), {"done"})
        self.assertEqual(order.order_line.mapped("qty_received"), [10.0, 3.0])
        self.assertEqual(self._transaction(order).delivery_state, "done")

    def test_lot_copy_keeps_expiry_dates(self):
        """A lot the buyer does not have is created in its company, with the
        seller's expiry dates when product_expiry is installed."""
        order, sale = self._ic_chain([(self.product_lot, 2)])
        lot_b = self._lot(self.company_b, self.product_lot, "L1")
        dated = "expiration_date" in lot_b._fields
        if dated:
            lot_b.expiration_date = "2027-06-30 00:00:00"
        self._deliver_lots(sale, {self.product_lot: {"L1": 2.0}})
        lot_a = self._receipts(order).sudo().move_line_ids.lot_id
        self.assertEqual((lot_a.name, lot_a.company_id), ("L1", self.company_a))
        self.assertNotEqual(lot_a, lot_b)
        if dated:
            self.assertEqual(lot_a.expiration_date, lot_b.expiration_date)

    def test_receipt_through_transit(self):
        """With the transit setting, A's receipt comes from inter-company transit."""
        self.rule.use_transit = True
        order, sale = self._ic_chain([(self.product_lot, 2)])
        self._deliver_lots(sale, {self.product_lot: {"L1": 2.0}})
        receipt = self._receipts(order)
        self.assertEqual(
            receipt.sudo().move_ids.location_id,
            self.env.ref("stock.stock_location_inter_wh"),
        )
        self.assertEqual(order.order_line.qty_received, 2.0)

    def test_receipt_left_to_validate(self):
        """Without automatic validation, A's receipt is filled, not validated."""
        self.rule.auto_validate_receipt = False
        order, sale = self._ic_chain([(self.product_lot, 2)])
        self._deliver_lots(sale, {self.product_lot: {"L1": 2.0}})
        receipt = self._receipts(order)
        self.assertEqual(receipt.state, "assigned")
        self.assertEqual(self._done_lots(receipt), {(self.product_lot, "L1"): 2.0})
        receipt.with_user(self.warehouse).button_validate()
        self.assertEqual(order.order_line.qty_received, 2.0)

    def test_over_receipt_is_refused_and_logged(self):
        """B delivers 7 for 5 ordered: A's over-receipt control refuses the
        receipt; B's delivery stands, the refusal is on the transaction and
        in the exception queue."""
        order, sale = self._ic_chain([(self.product_lot, 5)])
        delivery = self._deliver_lots(sale, {self.product_lot: {"L1": 7.0}})
        self.assertEqual(delivery.state, "done")
        receipt = self._receipts(order)
        self.assertNotEqual(receipt.state, "done")
        self.assertFalse(receipt.dist_ic_mirrored)
        self.assertEqual(order.order_line.qty_received, 0.0)
        transaction = self._transaction(order)
        event = self._events(order)
        self.assertEqual(
            (event.result, transaction.delivery_state), ("refused", "failed")
        )
        self.assertIn(receipt.name, event.message)
        self.assertIn(delivery.name, transaction.last_error)
        exception = self.env["dist.exception"].search(
            [
                ("res_model", "=", transaction._name),
                ("res_id", "=", transaction.id),
            ]
        )
        self.assertEqual(exception.reason_code, "ic_sync_refused")

    def test_delivery_not_mirrored_when_rule_says_so(self):
        """With the goods flow off, A's receipt waits for A's warehouse."""
        self.rule.sync_delivery = False
        order, sale = self._ic_chain([(self.product_lot, 2)])
        self._deliver_lots(sale, {self.product_lot: {"L1": 2.0}})
        self.assertEqual(order.order_line.qty_received, 0.0)
        self.assertEqual(self._transaction(order).delivery_state, "skipped")


@tagged("post_install", "-at_install")
class TestReturnFlow(IntercompanyFlowCommon):
    """A return on one side is mirrored on the other."""

    def test_seller_return_is_mirrored_on_the_buyer(self):
        """B takes back serial SN2: A returns its SN2 to B."""
        order, sale = self._ic_chain([(self.product_serial, 2)])
        delivery = self._deliver_lots(
            sale, {self.product_serial: {"SN1": 1.0, "SN2": 1.0}}
        )
        self._return(
            delivery.sudo(), {self.product_serial: {"SN2": 1.0}}, self.warehouse_user_b
        )
        receipt, buyer_return = self._receipts(order)
        self.assertEqual(buyer_return.state, "done")
        self.assertEqual(buyer_return.picking_type_code, "outgoing")
        self.assertEqual(
            self._done_lots(buyer_return), {(self.product_serial, "SN2"): 1.0}
        )
        self.assertEqual(order.order_line.qty_received, 1.0)
        self.assertTrue(buyer_return.dist_ic_mirrored)
        # the mirror did not come back to B as another return
        self.assertEqual(len(sale.sudo().picking_ids), 2)

    def test_buyer_return_is_mirrored_on_the_seller(self):
        """A sends 3 units of lot L1 back: B receives them back on its sale."""
        order, sale = self._ic_chain([(self.product_lot, 5)])
        self._deliver_lots(sale, {self.product_lot: {"L1": 5.0}})
        receipt = self._receipts(order)
        self._return(receipt, {self.product_lot: {"L1": 3.0}}, self.warehouse)
        seller_return = sale.sudo().picking_ids.filtered(
            lambda p: p.picking_type_code == "incoming"
        )
        self.assertEqual(seller_return.state, "done")
        self.assertEqual(
            self._done_lots(seller_return), {(self.product_lot, "L1"): 3.0}
        )
        self.assertEqual(sale.sudo().order_line.qty_delivered, 2.0)
        self.assertEqual(order.order_line.qty_received, 2.0)

    def test_buyer_return_above_what_was_delivered_refused_by_seller(self):
        """A returns 8 units of L1 against a delivery of 5 (A had 3 more of
        its own): B takes back nothing, the chain says why, the refusal is
        queued, and A's return stands."""
        order, sale = self._ic_chain([(self.product_lot, 5)])
        self._deliver_lots(sale, {self.product_lot: {"L1": 5.0}})
        receipt = self._receipts(order)
        self.env["stock.quant"]._update_available_quantity(
            self.product_lot,
            receipt.location_dest_id,
            3.0,
            lot_id=self._lot(self.company_a, self.product_lot, "L1"),
        )
        buyer_return = self._return(
            receipt, {self.product_lot: {"L1": 8.0}}, self.warehouse
        )
        self.assertEqual(buyer_return.state, "done")
        self.assertFalse(
            sale.sudo().picking_ids.filtered(
                lambda p: p.picking_type_code == "incoming"
            )
        )
        self.assertEqual(sale.sudo().order_line.qty_delivered, 5.0)
        transaction = self._transaction(order)
        self.assertRegex(
            transaction.last_error,
            r"returns 3.0 .* of .* more than .* can still return \(5.0\)",
        )
        exception = self.env["dist.exception"].search(
            [
                ("res_model", "=", transaction._name),
                ("res_id", "=", transaction.id),
            ]
        )
        self.assertEqual(exception.reason_code, "ic_sync_refused")
