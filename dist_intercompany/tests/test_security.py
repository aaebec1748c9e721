from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.dist_harmonize_base.tests.common import call_kw

from .common import IntercompanyCommon, OrderChainCommon


@tagged("post_install", "-at_install")
class TestIntercompanySecurity(OrderChainCommon):
    """A user of one company never sees or changes the other's documents; the
    engine's links and states are its own."""

    def test_seller_user_sees_chain_not_buyer_documents(self):
        """B's salesperson reads the chain, the PO by its reference only."""
        transaction = self._as(self.sales_b, self.transaction)
        self.assertEqual(transaction.purchase_ref, f"{self.order.name} (Dist A)")
        self.assertFalse(transaction.dist_can_read_purchase)
        self.assertTrue(transaction.dist_can_read_sale)
        with self.assertRaises(AccessError):
            self._as(self.sales_b, self.order).read(["name"])

    def test_buyer_user_does_not_read_sale_order(self):
        """A's buyer reads the chain, never B's sale order."""
        transaction = self._as(self.buyer, self.transaction)
        self.assertEqual(transaction.sale_ref, f"{self.sale.name} (Dist B)")
        self.assertFalse(transaction.dist_can_read_sale)
        with self.assertRaises(AccessError):
            self._as(self.buyer, self.sale.sudo()).read(["name"])

    def test_user_of_other_company_sees_no_chain(self):
        """A user of neither company sees no transaction and no event."""
        company_c = self._make_company("Dist C", self.eur)
        user_c = self._make_user("dist_ic_user_c", "base.group_user", company_c)
        Transaction = self.env["dist.intercompany.transaction"].with_user(user_c)
        self.assertFalse(Transaction.search([]))
        self.assertFalse(
            self.env["dist.intercompany.event"].with_user(user_c).search([])
        )

    def test_links_and_states_written_by_engine_only(self):
        """Neither the buyer nor B's salesperson writes a link or a step state."""
        with self.assertRaisesRegex(UserError, "Intercompany Mirror"):
            self._as(self.buyer, self.order).dist_ic_mirrored = True
        with self.assertRaisesRegex(UserError, "Intercompany Transaction"):
            self._as(self.buyer, self.order).dist_ic_transaction_id = False
        with self.assertRaisesRegex(UserError, "Intercompany Mirror"):
            self.sale.dist_ic_mirrored = False
        with self.assertRaises(UserError):
            self.sale.order_line.dist_ic_counterpart_line_id = 0
        with self.assertRaises(AccessError):
            self._as(self.buyer, self.transaction).write({"order_state": "failed"})

    def test_superuser_cannot_write_step_state_either(self):
        """The step states are guarded fields: refused to the superuser too."""
        with self.assertRaisesRegex(UserError, "Order"):
            self.transaction.sudo().write({"order_state": "failed"})

    def test_event_author_and_date_not_taken_from_context(self):
        """A change sent with default_* context keys (a forged author, date or
        reference) is recorded as its real author, now."""
        before = self.env.cr.now()
        self._as(self.sales_b, self.so_line).with_context(
            default_user_id=self.buyer.id,
            default_date="2020-01-01 00:00:00",
            default_source_ref="forged",
        ).product_uom_qty = 5
        event = self.transaction.event_ids.sorted("id")[-1]
        self.assertIn("5", event.message)
        self.assertEqual(event.user_id, self.sales_b)
        self.assertGreaterEqual(event.date, before.replace(microsecond=0))
        self.assertNotEqual(event.source_ref, "forged")

    def test_retry_refused_to_seller_user(self):
        """B's salesperson cannot re-run the mirror of A's order."""
        self.transaction._dist_write({"order_state": "failed"})
        with self.assertRaises(AccessError):
            self._as(self.sales_b, self.transaction).action_dist_retry()

    def test_forged_company_context_refused(self):
        """The buyer forging B into its companies is refused by the server."""
        order = self.order.with_user(self.buyer).with_context(
            allowed_company_ids=(self.company_a | self.company_b).ids
        )
        with self.assertRaises(AccessError):
            order.order_line.product_qty = 5
        self.assertEqual(self.sale.order_line.product_uom_qty, 3)

    def test_technical_user_without_rights_refuses_change(self):
        """B's technical user lost its rights: the PO change is refused,
        naming both orders and the user, not written as anyone else."""
        # Inventory and Billing users may write sale order lines: none left.
        self.tech_b.groups_id = [Command.set(self.env.ref("base.group_user").ids)]
        with self.assertRefused(
            rf"{self.order.name} \(Dist A\) cannot be mirrored on {self.sale.name} "
            r"\(Dist B\) as dist_ic_tech_b"
        ):
            self._as(self.buyer, self.order).order_line.product_qty = 5
        self.assertEqual(self.sale.order_line.product_uom_qty, 3)


@tagged("post_install", "-at_install")
class TestIntercompanyRpc(IntercompanyCommon, HttpCase):
    """The same refusals over JSON-RPC, as a user of only one company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule.write({"sync_delivery": False, "sync_invoice": False})

    def _call(self, login, model, method, args, kwargs=None, context=None):
        self.authenticate(login, login)
        return call_kw(self, model, method, args, kwargs, context)

    def test_sync_methods_refused_over_rpc(self):
        """B's salesperson cannot run the engine on A's PO, open its chain, nor
        forge A into its companies; A's buyer cannot write B's SO."""
        order = self._confirmed_ic_po([(self.product_lot, 2)])
        sale = self._sale_of(order)
        transaction = self._transaction(order)
        b_ctx = {"allowed_company_ids": self.company_b.ids}
        for method in ("_dist_ic_mirror_order", "_dist_ic_cancel_sale"):
            _result, error = self._call(
                "dist_ic_sales_b", "purchase.order", method, [order.ids], context=b_ctx
            )
            self.assertIn("cannot be called remotely", error)
        _result, error = self._call(
            "dist_ic_sales_b",
            "purchase.order",
            "action_dist_open_ic_transaction",
            [order.ids],
            context=b_ctx,
        )
        self.assertIn("AccessError", error)
        _result, error = self._call(
            "dist_ic_sales_b",
            "purchase.order",
            "read",
            [order.ids, ["name"]],
            context={"allowed_company_ids": (self.company_a | self.company_b).ids},
        )
        self.assertIn("AccessError", error)
        _result, error = self._call(
            "dist_buyer",
            "sale.order.line",
            "write",
            [sale.order_line.ids, {"product_uom_qty": 9}],
            context={"allowed_company_ids": self.company_a.ids},
        )
        self.assertIn("AccessError", error)
        _result, error = self._call(
            "dist_buyer",
            "dist.intercompany.transaction",
            "write",
            [transaction.ids, {"order_state": "done", "sale_id": False}],
            context={"allowed_company_ids": self.company_a.ids},
        )
        self.assertIn("AccessError", error)
        _result, error = self._call(
            "dist_ic_sales_b",
            "sale.order",
            "write",
            [sale.ids, {"dist_ic_mirrored": False, "dist_ic_transaction_id": False}],
            context=b_ctx,
        )
        self.assertIn("UserError", error)
        self.assertEqual(sale.order_line.product_uom_qty, 2)
        self.assertTrue(sale.dist_ic_mirrored)

    def test_seller_change_over_rpc_mirrored_as_buyer_technical_user(self):
        """B's salesperson changing the SO over RPC changes A's PO, as A's technical user."""
        order = self._confirmed_ic_po([(self.product_lot, 2)])
        sale = self._sale_of(order)
        _result, error = self._call(
            "dist_ic_sales_b",
            "sale.order.line",
            "write",
            [sale.order_line.ids, {"product_uom_qty": 4}],
            context={"allowed_company_ids": self.company_b.ids},
        )
        self.assertIsNone(error)
        self.assertEqual(order.order_line.product_qty, 4)
        self.assertEqual(order.order_line.write_uid, self.tech_a)
