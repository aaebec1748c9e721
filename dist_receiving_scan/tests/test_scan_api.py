import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.dist_harmonize_base.tools import guard

from .common import BOLT_EAN, DRILL_GTIN, FLOUR_GTIN, FNC1, RESIN_GTIN, ScanCommon


@tagged("post_install", "-at_install")
class TestScanOpen(ScanCommon):
    """Opening a receipt by what is printed on the papers, and who may open it."""

    def test_receipt_opens_by_reference_po_number_and_delivery_note(self):
        receipt = self._receipt([(self.product, 5, 10.0)])
        receipt.dist_vendor_ref = "DN-7781"
        Picking = self.env["stock.picking"].with_user(self.warehouse)
        for reference in (
            receipt.name,
            receipt.origin,
            "dn-7781",
            f"  {receipt.name}\r\n",
        ):
            with self.subTest(reference=reference):
                state = Picking.dist_scan_open(reference)
                self.assertEqual(state["id"], receipt.id)
                self.assertEqual(
                    [
                        (line["product"], line["expected"], line["scanned"])
                        for line in state["lines"]
                    ],
                    [("Bolt M8", 5.0, 0.0)],
                )
        answer = Picking.dist_scan_open("P99999")
        self.assertEqual(answer["result"], "refused")
        self.assertIn("No receipt to receive matches P99999", answer["message"])
        listed = Picking.dist_scan_receipts()["receipts"]
        self.assertIn(receipt.id, [summary["id"] for summary in listed])

    def test_receipt_of_an_unapproved_order_is_refused_on_open_and_scan(self):
        order, receipt = self._pending_receipt()
        answer = receipt.dist_scan_open(order.name)
        self.assertEqual(answer["result"], "refused")
        self.assertIn(
            f"purchase order {order.name} is not approved (Status: To Approve; "
            "Approval: Pending Approval)",
            answer["message"],
        )
        scan = self._scan(receipt, BOLT_EAN)
        self.assertEqual(scan["result"], "refused")
        self.assertIn(order.name, scan["message"])
        self.assertEqual(self._scanned(receipt, self.product), 0)
        self.assertEqual(receipt.dist_scan_ids.result, "refused")
        summary = receipt.dist_scan_receipts()["receipts"]
        self.assertFalse(
            [s for s in summary if s["id"] == receipt.id and s["approved"]]
        )

    def test_user_of_another_company_or_warehouse_cannot_open_or_scan(self):
        receipt = self._receipt([(self.product, 5, 10.0)])
        for user in (self.receiver_b, self.receiver_a2):
            with self.subTest(user=user.login):
                Picking = self.env["stock.picking"].with_user(user)
                self.assertNotIn(
                    receipt.id,
                    [s["id"] for s in Picking.dist_scan_receipts()["receipts"]],
                )
                for call in (
                    lambda p: p.browse(receipt.id).dist_scan_state(),
                    lambda p: p.browse(receipt.id).dist_scan(BOLT_EAN, "u-1"),
                    lambda p: p.browse(receipt.id).dist_scan_validate(True, "u-2"),
                ):
                    result = None
                    with self.assertRaises(AccessError):
                        result = call(Picking)
                    self.assertIsNone(result)
                try:
                    opened = Picking.dist_scan_open(receipt.name)
                except AccessError:
                    opened = {"result": "refused"}
                self.assertEqual(opened["result"], "refused")
        forged = (
            self.env["stock.picking"]
            .with_user(self.receiver_b)
            .with_context(allowed_company_ids=[self.company_a.id, self.company_b.id])
        )
        with self.assertRaises(AccessError):
            forged.browse(receipt.id).dist_scan(BOLT_EAN, "u-3")
        self.assertEqual(self._scanned(receipt, self.product), 0)
        self.assertFalse(receipt.sudo().dist_scan_ids)


@tagged("post_install", "-at_install")
class TestScanControls(ScanCommon):
    """Every refusal of the form, asked before a scan counts."""

    def test_product_and_packaging_scans_count_and_complete_the_line(self):
        receipt = self._receipt([(self.product, 11, 10.0)])
        answer = self._scan(receipt, "BOLTBOX10")
        self.assertEqual(answer["result"], "ok")
        self.assertEqual(self._line(answer, self.product)["scanned"], 10.0)
        self.assertFalse(self._line(answer, self.product)["complete"])
        answer = self._scan(receipt, BOLT_EAN)
        line = self._line(answer, self.product)
        self.assertEqual((line["scanned"], line["complete"]), (11.0, True))
        self.assertEqual(answer["version"], answer["version_before"] + 1)
        self.assertEqual(receipt.move_ids.quantity, 11.0)

    def test_over_receipt_is_refused_with_tolerance_and_figures(self):
        receipt = self._receipt([(self.product, 10, 10.0)])
        self._scan(receipt, "BOLTBOX10")
        answer = self._scan(receipt, BOLT_EAN)
        self.assertEqual(answer["result"], "refused")
        order = receipt.purchase_id.sudo()
        self.assertIn(
            f"counting 1.00 Units of Bolt M8 would receive 0.50 Units beyond the "
            f"ordered 10.00 of {order.name} plus the over-receipt tolerance of 5.00 % "
            "(already received 0.00, scanned on this receipt 10.00)",
            answer["message"],
        )
        self.assertIn("Over-Receipt Override", answer["message"])
        self.assertEqual(self._scanned(receipt, self.product), 10)

    def test_override_role_counts_over_receipt_and_validation_queues_it(self):
        receipt = self._receipt([(self.product, 10, 10.0)]).with_user(
            self.receiver_plus
        )
        self.receiver_plus.dist_scan_warehouse_ids = self.warehouse_a
        self._scan(receipt, "BOLTBOX10", user=self.receiver_plus)
        answer = self._scan(receipt, "BOLTBOX10", user=self.receiver_plus)
        self.assertEqual(answer["result"], "warning")
        self.assertIn("queued when the receipt is validated", answer["message"])
        done = self._scan(receipt, "DIST-CMD-VALIDATE", user=self.receiver_plus)
        self.assertEqual(done["result"], "done", done["message"])
        order = receipt.sudo().purchase_id
        self.assertEqual(order.order_line.qty_received, 20)
        exception = self.env["dist.exception"].search(
            [("res_model", "=", "purchase.order"), ("res_id", "=", order.id)]
        )
        self.assertEqual(exception.reason_id.code, "over_receipt")

    def test_product_not_ordered_is_refused_unless_the_operation_type_allows_it(self):
        receipt = self._receipt([(self.product, 5, 10.0)])
        answer = self._scan(receipt, RESIN_GTIN)
        self.assertEqual(answer["result"], "refused")
        self.assertIn(
            f"Resin is not on purchase order {receipt.sudo().purchase_id.name}",
            answer["message"],
        )
        self.assertIn("Scan Products Not Ordered", answer["message"])
        receipt.picking_type_id.sudo().dist_scan_allow_extra = True
        self.product_2.barcode = "NUT-M8"
        answer = self._scan(receipt, "NUT-M8")
        self.assertEqual(answer["result"], "ok", answer["message"])
        self.assertTrue(self._line(answer, self.product_2)["extra"])

    def test_item_not_active_is_refused(self):
        receipt = self._receipt([(self.product, 5, 10.0)])
        self._set_item_state(self.product, "blocked")
        answer = self._scan(receipt, BOLT_EAN)
        self.assertEqual(answer["result"], "refused")
        self.assertIn(
            "Bolt M8 is not an active item (field Item Status: Blocked)",
            answer["message"],
        )
        self.assertEqual(self._scanned(receipt, self.product), 0)

    def _set_item_state(self, product, state):
        with guard.permit(product.product_tmpl_id):
            product.product_tmpl_id.dist_state = state

    def test_serial_scanned_twice_is_refused(self):
        receipt = self._receipt([(self.drill, 3, 50.0)])
        pending = self._scan(receipt, DRILL_GTIN)
        self.assertEqual(pending["result"], "pending")
        self.assertEqual(pending["current"]["product"], "Drill")
        self.assertEqual(self._scan(receipt, "SN-001")["result"], "ok")
        again = self._scan(receipt, "SN-001")
        self.assertEqual(again["result"], "refused")
        self.assertIn("SN-001 of Drill is already scanned", again["message"])
        gs1 = self._scan(receipt, self._gs1("01" + DRILL_GTIN, "21SN-002"))
        self.assertEqual(gs1["result"], "ok", gs1["message"])
        self.assertEqual(
            self._scan(receipt, "(01)%s(21)SN-002" % DRILL_GTIN)["result"], "refused"
        )
        self.assertEqual(
            sorted(lot["name"] for lot in self._line(gs1, self.drill)["lots"]),
            ["SN-001", "SN-002"],
        )

    def test_ten_times_the_expected_quantity_asks_for_confirmation(self):
        self._make_key(partner_id=self.vendor_2.id, over_receipt_pct=1000.0, sequence=1)
        receipt = self._receipt([(self.product_2, 2, 10.0)], vendor=self.vendor_2)
        self.product_2.barcode = "NUT-M8"
        answer = self._scan(receipt, "NUT-M8", quantity=20)
        self.assertEqual(answer["result"], "confirm")
        self.assertEqual(answer["awaiting"]["kind"], "quantity")
        self.assertEqual(self._scanned(receipt, self.product_2), 0)
        confirmed = self._scan(receipt, "DIST-CMD-CONFIRM")
        self.assertEqual(confirmed["result"], "ok", confirmed["message"])
        self.assertEqual(self._scanned(receipt, self.product_2), 20)
        self.assertFalse(confirmed["awaiting"])
        self.assertEqual(self._scan(receipt, "DIST-CMD-CONFIRM")["result"], "refused")

    def test_scan_log_and_version_are_the_engines(self):
        receipt = self._receipt([(self.product, 5, 10.0)])
        self._scan(receipt, BOLT_EAN)
        Scan = self.env["dist.receipt.scan"].with_user(self.warehouse)
        entry = Scan.search([("picking_id", "=", receipt.id)])
        self.assertEqual(entry.result, "ok")
        with self.assertRaises(AccessError):
            entry.write({"quantity": 500})
        with self.assertRaises(AccessError):
            Scan.create({"picking_id": receipt.id, "uuid": "x", "quantity": 5})
        with self.assertRaisesRegex(UserError, "controls of the suite only"):
            receipt.write({"dist_scan_version": 0})

    def test_client_context_does_not_reach_the_scan(self):
        receipt = self._receipt([(self.product, 5, 10.0)])
        self.product.product_tmpl_id.sudo().active = False
        forged = receipt.with_context(active_test=False)
        answer = self._scan(forged, BOLT_EAN)
        self.assertEqual(answer["result"], "refused")
        self.assertIn("Unknown barcode", answer["message"])


@tagged("post_install", "-at_install")
class TestScanFlow(ScanCommon):
    """Lots, expiry, GS1 forms, commands, retries and undo."""

    def test_gs1_lot_partial_receipt_validated_with_backorder(self):
        receipt = self._receipt([(self.resin, 10, 20.0), (self.product, 2, 10.0)])
        label = self._gs1("01" + RESIN_GTIN, "17270131", "15261231", "10LOT-A", "304")
        answer = self._scan(receipt, "]C1" + label)
        self.assertEqual(answer["result"], "ok", answer["message"])
        line = self._line(answer, self.resin)
        self.assertEqual(line["scanned"], 4.0)
        self.assertEqual(
            line["lots"],
            [{"name": "LOT-A", "qty": 4.0, "expiration_date": "2027-01-31 00:00:00"}],
        )
        human = "(01)%s(10)LOT-B(17)270228(30)2" % RESIN_GTIN
        self.assertEqual(self._scan(receipt, human)["result"], "ok")
        self.assertEqual(self._scan(receipt, BOLT_EAN)["result"], "ok")
        ask = self._scan(receipt, "DIST-CMD-VALIDATE")
        self.assertEqual(
            (ask["result"], ask["awaiting"]["kind"]), ("confirm", "backorder")
        )
        self.assertEqual(receipt.state, "assigned")
        done = self._scan(receipt, "DIST-CMD-BACKORDER")
        self.assertEqual(done["result"], "done", done["message"])
        self.assertTrue(done["state"]["done"])
        self.assertEqual(receipt.state, "done")
        backorder = receipt.sudo().backorder_ids
        self.assertIn(backorder.name, done["message"])
        self.assertEqual(
            [(m.product_id, m.product_uom_qty) for m in backorder.move_ids],
            [(self.resin, 4.0), (self.product, 1.0)],
        )
        lots = self.env["stock.lot"].search([("product_id", "=", self.resin.id)])
        self.assertEqual(
            sorted(
                (lot.name, lot.expiration_date.date(), lot.product_qty) for lot in lots
            ),
            [
                ("LOT-A", datetime.date(2027, 1, 31), 4.0),
                ("LOT-B", datetime.date(2027, 2, 28), 2.0),
            ],
        )
        self.assertEqual(
            lots.filtered(lambda lot: lot.name == "LOT-A").use_date.date(),
            datetime.date(2026, 12, 31),
        )
        self.assertEqual(receipt.sudo().purchase_id.order_line[0].qty_received, 6.0)

    def test_lot_scanned_after_its_product_and_validation_without_backorder(self):
        receipt = self._receipt([(self.resin, 5, 20.0)])
        self.assertEqual(self._scan(receipt, RESIN_GTIN)["result"], "pending")
        answer = self._scan(receipt, "LOT-C", quantity=3)
        self.assertEqual(answer["result"], "ok", answer["message"])
        self.assertEqual(self._line(answer, self.resin)["lots"][0]["name"], "LOT-C")
        done = self._scan(receipt, "DIST-CMD-NOBACKORDER")
        self.assertEqual(done["result"], "done", done["message"])
        self.assertFalse(receipt.sudo().backorder_ids)
        self.assertEqual(receipt.move_ids.quantity, 3.0)

    def test_weight_label_counts_kilograms(self):
        receipt = self._receipt([(self.flour, 130, 2.0)])
        answer = self._scan(receipt, self._gs1("01" + FLOUR_GTIN, "3102012550"))
        self.assertEqual(answer["result"], "ok", answer["message"])
        self.assertAlmostEqual(self._line(answer, self.flour)["scanned"], 125.5, 2)

    def test_retried_scan_is_counted_once(self):
        receipt = self._receipt([(self.product, 5, 10.0)])
        first = self._scan(receipt, BOLT_EAN, uuid="scan-1")
        retry = self._scan(receipt, BOLT_EAN, uuid="scan-1")
        self.assertEqual((first["result"], retry["result"]), ("ok", "ok"))
        self.assertEqual(retry["version"], first["version"])
        self.assertEqual(self._scanned(receipt, self.product), 1)
        self.assertEqual(len(receipt.sudo().dist_scan_ids), 1)

    def test_undo_cancels_the_users_last_counted_scan(self):
        receipt = self._receipt([(self.product, 30, 10.0)])
        self._scan(receipt, BOLT_EAN)
        self._scan(receipt, "BOLTBOX10")
        undo = self._scan(receipt, "DIST-CMD-UNDO")
        self.assertEqual(undo["result"], "ok")
        self.assertIn("Undone: 10.00 Units of Bolt M8", undo["message"])
        self.assertEqual(self._scanned(receipt, self.product), 1)
        receipt.dist_scan_undo("undo-2")
        self.assertEqual(self._scanned(receipt, self.product), 0)
        self.assertEqual(receipt.dist_scan_undo("undo-3")["result"], "refused")
        self.assertEqual(
            sorted(receipt.sudo().dist_scan_ids.mapped("result")),
            ["ok", "ok", "refused", "undone", "undone"],
        )

    def test_validation_refused_by_the_procure_controls_is_reported(self):
        """The receipt gate's and the tolerance's refusals at validation come
        back as a refused scan; nothing is validated."""
        receipt = self._receipt([(self.product, 10, 10.0)])
        self._scan(receipt, "BOLTBOX10")
        # the form's door: a line raised beyond the tolerance behind the screen
        receipt.move_ids.move_line_ids.quantity = 20
        answer = self._scan(receipt, "DIST-CMD-NOBACKORDER")
        self.assertEqual(answer["result"], "refused")
        self.assertIn("over-receipt tolerance", answer["message"])
        self.assertEqual(receipt.state, "assigned")

    def test_gs1_parse_reads_every_application_identifier_in_every_form(self):
        raw = self._gs1(
            "01" + RESIN_GTIN,
            "10LOT-9",
            "21SER-7",
            "17270131",
            "15261130",
            "3712",
            "305",
        )
        expected = [
            {"ai": "01", "type": "product", "value": RESIN_GTIN},
            {"ai": "10", "type": "lot", "value": "LOT-9"},
            {"ai": "21", "type": "lot", "value": "SER-7"},
            {"ai": "17", "type": "expiration_date", "value": "2027-01-31"},
            {"ai": "15", "type": "use_date", "value": "2026-11-30"},
            {"ai": "37", "type": "quantity", "value": 12},
            {"ai": "30", "type": "quantity", "value": 5},
        ]
        human = "(01)%s(10)LOT-9(21)SER-7(17)270131(15)261130(37)12(30)5" % RESIN_GTIN
        Picking = self.env["stock.picking"].with_user(self.warehouse)
        parsed = Picking.dist_scan_parse(
            [raw, "]C1" + raw, "]d2" + raw, human, BOLT_EAN]
        )
        for reading in parsed[:4]:
            self.assertEqual(reading, expected)
        self.assertFalse(parsed[4])
        [weight] = Picking.dist_scan_parse([self._gs1("01" + FLOUR_GTIN, "3102012550")])
        self.assertEqual(weight[1], {"ai": "3102", "type": "quantity", "value": 125.5})
        self.assertIn(FNC1, raw)

    def test_malformed_scans_are_refused_with_a_clear_message(self):
        receipt = self._receipt([(self.product, 5, 10.0)])
        for kwargs, message in (
            ({"barcode": ["x"], "uuid": "m-1"}, "is not one"),
            ({"barcode": BOLT_EAN, "uuid": ""}, "scan id"),
            ({"barcode": BOLT_EAN, "uuid": 42}, "scan id"),
            ({"barcode": BOLT_EAN, "uuid": "m-2", "quantity": "many"}, "not a number"),
        ):
            with self.subTest(kwargs=kwargs), self.assertRefused(message):
                receipt.dist_scan(**kwargs)
        answer = self._scan(receipt, BOLT_EAN, quantity=-3)
        self.assertEqual(answer["result"], "refused")
        self.assertIn("must be positive", answer["message"])
        self.assertEqual(self._scanned(receipt, self.product), 0)
