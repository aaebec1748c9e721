import threading

import psycopg2.errors

from odoo import Command, api
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.dist_harmonize_base.tools import guard

BARCODE = "DIST-CONCURRENCY-ITEM"


@tagged("post_install", "-at_install")
class TestScanConcurrency(TransactionCase):
    """Two scanners on one receipt, each on its own database connection.

    The data is committed (each connection must see it) and removed at the
    end. What an RPC worker does on a serialization failure (Odoo retries the
    whole call) is done here by hand: the retried call counts once.
    """

    def _run(self, function):
        """Run ``function(env)`` as the administrator on a connection of its own, commit."""
        with db_connect(self.env.cr.dbname).cursor() as cr:
            env = api.Environment(cr, self.env.ref("base.user_admin").id, {})
            result = function(env)
            # the other connection must see it: committed on purpose, removed in cleanup
            cr.commit()  # pylint: disable=invalid-commit
            return result

    def setUp(self):
        super().setUp()
        self.receipt_id, self.order_id = self._run(self._make_receipt)
        self.addCleanup(self._run, self._remove)

    def _make_receipt(self, env):
        company = env.ref("base.main_company")
        with guard.permit(env["res.partner"], create=True):
            vendor = env["res.partner"].create(
                {
                    "name": "Concurrency Vendor",
                    "is_company": True,
                    "dist_supplier_state": "approved",
                }
            )
        with guard.permit(env["product.product"], create=True):
            product = env["product.product"].create(
                {
                    "name": "Concurrency Item",
                    "type": "product",
                    "dist_state": "active",
                    "barcode": BARCODE,
                }
            )
        order = env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "company_id": company.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_qty": 10, "price_unit": 1.0}
                    )
                ],
            }
        )
        order.button_confirm()
        return order.picking_ids.id, order.id

    def _remove(self, env):
        order = env["purchase.order"].browse(self.order_id)
        product, vendor = order.order_line.product_id, order.partner_id
        order.button_cancel()
        order.picking_ids.unlink()
        order.unlink()
        product.unlink()
        vendor.unlink()

    def _scan_on_own_connection(self, uuid, cr_holder, outcome):
        cr = db_connect(self.env.cr.dbname).cursor()
        cr_holder.append(cr)
        try:
            env = api.Environment(cr, self.env.ref("base.user_admin").id, {})
            # the snapshot is taken before the first scanner commits
            env.cr.execute("SELECT 1")
            outcome["started"].set()
            picking = env["stock.picking"].browse(self.receipt_id)
            with mute_logger("odoo.sql_db"):  # the serialization failure expected
                outcome["answer"] = picking.dist_scan(BARCODE, uuid)
            # the other connection must see it: committed on purpose, removed in cleanup
            cr.commit()  # pylint: disable=invalid-commit
        except psycopg2.errors.SerializationFailure as error:
            cr.rollback()
            outcome["error"] = error
        finally:
            cr.close()

    def _scanned(self, env):
        picking = env["stock.picking"].browse(self.receipt_id)
        return (
            sum(picking.move_line_ids.filtered("picked").mapped("quantity")),
            sorted(picking.dist_scan_ids.mapped("uuid")),
        )

    def test_two_scanners_at_once_never_lose_or_double_a_scan(self):
        first = db_connect(self.env.cr.dbname).cursor()
        try:
            env = api.Environment(first, self.env.ref("base.user_admin").id, {})
            answer = (
                env["stock.picking"]
                .browse(self.receipt_id)
                .dist_scan(BARCODE, "scanner-1")
            )
            self.assertEqual(answer["result"], "ok")
            outcome = {"started": threading.Event()}
            holder = []
            second = threading.Thread(
                target=self._scan_on_own_connection, args=("scanner-2", holder, outcome)
            )
            second.start()
            outcome["started"].wait(30)
            # the second scan waits on the receipt's row lock until this commit
            second.join(1)
            self.assertTrue(
                second.is_alive(), "the second scan must wait for the first"
            )
            first.commit()  # pylint: disable=invalid-commit
        finally:
            first.close()
        second.join(60)
        self.assertIn(
            "error", outcome, "the second scan is retried, not counted on stale data"
        )
        # what the RPC layer does: retry the same call (same scan id)
        retried = self._run(
            lambda env: (
                env["stock.picking"]
                .browse(self.receipt_id)
                .dist_scan(BARCODE, "scanner-2")
            )
        )
        self.assertEqual(retried["result"], "ok")
        self.assertEqual(retried["version_before"], 1)
        again = self._run(
            lambda env: (
                env["stock.picking"]
                .browse(self.receipt_id)
                .dist_scan(BARCODE, "scanner-2")
            )
        )
        self.assertEqual(again["version"], 2)
        self.assertEqual(self._run(self._scanned), (2.0, ["scanner-1", "scanner-2"]))
