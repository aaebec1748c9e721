from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.dist_harmonize_base.tools import guard

from .common import COST_B, LIST_PRICE, NET_PRICE, USD_PER_EUR, IntercompanyCommon


@tagged("post_install", "-at_install")
class TestOrderFlow(IntercompanyCommon):
    """A confirmed PO of A to B creates B's sale order at the transfer price.

    The PO is in USD, B's currency (``partner_b``'s supplier currency in A):
    both orders are in USD, B's price list includes B's 10 % tax.
    """

    def test_confirmed_po_creates_sale_order_in_seller(self):
        """The SO is in B, for A, by B's technical user, confirmed, at the transfer price."""
        order = self._confirmed_ic_po([(self.product_lot, 3), (self.product_serial, 2)])
        self.assertEqual(order.currency_id, self.usd)
        self.assertEqual(order.order_line.mapped("price_unit"), [NET_PRICE, NET_PRICE])
        sale = self._sale_of(order)
        self.assertEqual(sale.company_id, self.company_b)
        self.assertEqual(sale.partner_id, self.partner_a)
        self.assertEqual(sale.warehouse_id, self.warehouse_b)
        self.assertEqual(sale.state, "sale")
        self.assertEqual(sale.create_uid, self.tech_b)
        self.assertEqual(sale.client_order_ref, order.name)
        self.assertEqual(sale.currency_id, self.usd)
        self.assertEqual(
            [(line.product_id, line.product_uom_qty) for line in sale.order_line],
            [(self.product_lot, 3), (self.product_serial, 2)],
        )

    def test_seller_taxes_included_and_untaxed_amounts_agree(self):
        """B's included tax is on B's lines; both orders have the same untaxed amount."""
        order = self._confirmed_ic_po([(self.product_lot, 3)])
        sale = self._sale_of(order)
        self.assertEqual(sale.order_line.tax_id, self.tax_b)
        self.assertEqual(sale.order_line.price_unit, LIST_PRICE)
        self.assertEqual(sale.amount_untaxed, 300.0)
        self.assertEqual(sale.amount_tax, 30.0)
        self.assertEqual(order.amount_untaxed, 300.0)

    def test_links_both_ways_and_chatter(self):
        """Each order points at the other and says where it comes from."""
        order = self._confirmed_ic_po([(self.product_lot, 1)])
        sale = self._sale_of(order)
        self.assertTrue(sale.dist_ic_mirrored)
        self.assertFalse(order.dist_ic_mirrored)
        self.assertEqual(order.dist_ic_counterpart_ref, f"{sale.name} (Dist B)")
        self.assertEqual(sale.dist_ic_counterpart_ref, f"{order.name} (Dist A)")
        self.assertEqual(order.dist_ic_counterpart_id, sale.id)
        self.assertEqual(
            sale.order_line.dist_ic_counterpart_line_id, order.order_line.id
        )
        self.assertIn(
            f"Mirrored from Dist A: {order.name}", sale.message_ids.mapped("body")[0]
        )
        self.assertIn(f"Mirrored to Dist B: {sale.name}", order.message_ids[0].body)

    def test_transaction_ties_the_chain(self):
        """One transaction per chain: order step done, the others pending."""
        order = self._confirmed_ic_po([(self.product_lot, 1)])
        transaction = self._transaction(order)
        self.assertRegex(transaction.name, r"^IC/\d{4}/\d{5}$")
        self.assertEqual(transaction.sale_id.dist_ic_transaction_id, transaction)
        self.assertEqual(
            (transaction.order_state, transaction.delivery_state, transaction.state),
            ("done", "pending", "in_progress"),
        )
        self.assertEqual(transaction.event_ids.mapped("result"), ["ok"])
        self.assertEqual(transaction.rule_id, self.rule)

    def test_flows_off_are_skipped(self):
        """Flows the rule does not mirror are skipped in the chain."""
        self.rule.write({"sync_delivery": False, "sync_invoice": False})
        transaction = self._transaction(self._confirmed_ic_po([(self.product_lot, 1)]))
        self.assertEqual(
            (transaction.delivery_state, transaction.invoice_state, transaction.state),
            ("skipped", "skipped", "done"),
        )

    def test_sale_order_waits_as_quotation_without_auto_confirm(self):
        """Without automatic confirmation the SO waits for B's salesperson."""
        self.rule.auto_confirm_sale = False
        sale = self._sale_of(self._confirmed_ic_po([(self.product_lot, 1)]))
        self.assertEqual(sale.state, "draft")
        sale.action_confirm()
        self.assertEqual(sale.state, "sale")

    def test_sale_order_created_only_after_approval_matrix(self):
        """A PO awaiting A's approval is not mirrored; its approval mirrors it."""
        self._make_po_rule(self.company_a)
        order = self._make_ic_po([(self.product_lot, 2)])
        order.button_confirm()
        self.assertEqual(order.state, "to approve")
        self.assertFalse(order.dist_ic_transaction_id)
        order.with_user(self.buyer_manager).button_approve()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(self._sale_of(order).state, "sale")

    def test_po_to_other_vendor_not_mirrored(self):
        """A PO to an ordinary vendor starts no chain."""
        order = self._confirmed_po([(self.product, 1, 10.0)])
        self.assertFalse(order.dist_ic_transaction_id)

    def test_archived_rule_mirrors_nothing(self):
        """An archived rule neither prices nor mirrors."""
        self.rule.active = False
        order = self._confirmed_ic_po([(self.product_lot, 1, 42.0)])
        self.assertEqual(order.order_line.price_unit, 42.0)
        self.assertFalse(order.dist_ic_transaction_id)

    def test_mirrored_purchase_order_never_mirrors_back(self):
        """A PO the engine created as a mirror is never mirrored again."""
        order = self._make_ic_po([(self.product_lot, 1)])
        with guard.permit(order):
            order.dist_ic_mirrored = True
        order.button_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertFalse(order.dist_ic_transaction_id)

    def test_reverse_rule_makes_no_loop(self):
        """With rules both ways, one PO makes one SO and one chain."""
        self._make_ic_rule(
            seller_company_id=self.company_a.id,
            buyer_company_id=self.company_b.id,
            seller_warehouse_id=self.warehouse_a.id,
            seller_user_id=self.tech_a.id,
            buyer_user_id=self.tech_b.id,
            pricing_method="po_price",
            pricelist_id=False,
        )
        order = self._confirmed_ic_po([(self.product_lot, 2)])
        sale = self._sale_of(order)
        sale.order_line.product_uom_qty = 4
        self.assertEqual(order.order_line.product_qty, 4)
        Transaction = self.env["dist.intercompany.transaction"]
        self.assertEqual(Transaction.search_count([]), 1)
        self.assertEqual(self.env["sale.order"].search_count([]), 1)
        self.assertEqual(len(self._transaction(order).event_ids), 2)

    def test_cancelled_chain_is_closed(self):
        """Cancelled orders close the chain: the steps left are skipped."""
        order = self._confirmed_ic_po([(self.product_lot, 1)])
        order.button_cancel()
        transaction = self._transaction(order)
        self.assertEqual(transaction.sale_id.state, "cancel")
        self.assertEqual(
            (
                transaction.order_state,
                transaction.delivery_state,
                transaction.invoice_state,
            ),
            ("skipped", "skipped", "skipped"),
        )

    def test_technical_user_without_sales_rights_fails_clearly(self):
        """A seller's technical user without Sales rights: the PO stays confirmed,
        the chain fails, saying why; no SO is made by anyone else."""
        no_sales = self._make_user(
            "dist_ic_no_sales", "stock.group_stock_user", self.company_b
        )
        self.rule.seller_user_id = no_sales
        order = self._confirmed_ic_po([(self.product_lot, 1)])
        self.assertEqual(order.state, "purchase")
        transaction = self._transaction(order)
        self.assertEqual(
            (transaction.order_state, transaction.state), ("failed", "failed")
        )
        self.assertFalse(transaction.sale_id)
        self.assertIn(
            "not created in Dist B as dist_ic_no_sales", transaction.last_error
        )
        self.assertEqual(transaction.event_ids.result, "failed")
        self.assertIn(transaction.last_error, order.message_ids[0].body)
        self.assertFalse(
            self.env["sale.order"].search([("company_id", "=", self.company_b.id)])
        )


@tagged("post_install", "-at_install")
class TestTransferPrice(IntercompanyCommon):
    """Each transfer-pricing method, on screen and at creation."""

    def test_pricelist_price_net_of_seller_included_tax(self):
        """Price list 110.00 tax included → PO line 100.00, whatever price was sent."""
        order = self._make_ic_po([(self.product_lot, 2, 999.0)])
        self.assertEqual(order.order_line.price_unit, NET_PRICE)
        self.assertTrue(order.order_line.dist_ic_priced)

    def test_transfer_price_kept_whatever_the_buyer_sends(self):
        """On an order not yet confirmed, the buyer cannot get below the
        transfer price: not by entering the lines for another vendor and
        then choosing the seller, not with a discount, not by sending a line
        link of 0 (over the ORM as the buyer; the form does the same)."""
        order = self._make_po([(self.product_lot, 2, 0.01)], currency=self.usd)
        self.assertFalse(order.order_line.dist_ic_priced)
        order.partner_id = self.partner_b
        self.assertEqual(
            (order.order_line.price_unit, order.order_line.discount), (NET_PRICE, 0.0)
        )
        order.order_line.discount = 100.0
        self.assertEqual(order.order_line.discount, 0.0)
        order.write(
            {
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product_serial.id,
                            "product_qty": 1,
                            "price_unit": 0.01,
                            "discount": 50.0,
                            "dist_ic_counterpart_line_id": "0",
                        }
                    )
                ]
            }
        )
        line = order.order_line.filtered(
            lambda ln: ln.product_id == self.product_serial
        )
        self.assertEqual((line.price_unit, line.discount), (NET_PRICE, 0.0))
        self.assertEqual(order.amount_untaxed, 3 * NET_PRICE)

    def test_cost_plus_over_seller_current_cost(self):
        """Cost plus 25 % over B's cost of 80.00 → 100.00."""
        self.rule.write({"pricing_method": "cost_plus", "cost_plus_percent": 25.0})
        order = self._make_ic_po([(self.product_lot, 2)])
        self.assertEqual(order.order_line.price_unit, COST_B * 1.25)
        self.product_lot.with_company(self.company_b).standard_price = 96.0
        order.order_line.product_qty = 3
        self.assertEqual(order.order_line.price_unit, 120.0)

    def test_po_price_is_kept_and_grossed_up_on_sale(self):
        """Pricing at the order price: the buyer's price, B adds its included tax."""
        self.rule.write({"pricing_method": "po_price", "pricelist_id": False})
        order = self._confirmed_ic_po([(self.product_lot, 2, 95.0)])
        self.assertEqual(order.order_line.price_unit, 95.0)
        self.assertFalse(order.order_line.dist_ic_priced)
        sale = self._sale_of(order)
        self.assertAlmostEqual(sale.order_line.price_unit, 104.5)
        self.assertEqual(sale.amount_untaxed, order.amount_untaxed)

    def test_price_on_screen_is_the_transfer_price(self):
        """The PO form shows the transfer price as soon as the product is chosen."""
        with Form(
            self.env["purchase.order"]
            .with_user(self.buyer)
            .with_company(self.company_a)
        ) as form:
            form.partner_id = self.partner_b
            with form.order_line.new() as line:
                line.product_id = self.product_serial
                self.assertEqual(line.price_unit, NET_PRICE)
                line.product_qty = 4
                self.assertEqual(line.price_unit, NET_PRICE)

    def test_po_in_buyer_currency_converted_and_needs_seller_pricelist(self):
        """A PO in EUR gets the EUR transfer price; B needs a EUR price list
        for the SO, else the chain fails saying so; with one, the buyer's
        retry mirrors it."""
        order = self._confirmed_ic_po([(self.product_lot, 1)], currency=self.eur)
        self.assertAlmostEqual(order.order_line.price_unit, NET_PRICE / USD_PER_EUR)
        transaction = self._transaction(order)
        self.assertEqual(transaction.order_state, "failed")
        self.assertIn("Dist B has no price list in EUR", transaction.last_error)

        self.env["product.pricelist"].create(
            {
                "name": "B EUR",
                "currency_id": self.eur.id,
                "company_id": self.company_b.id,
            }
        )
        self._as(self.buyer, transaction).action_dist_retry()
        self.assertEqual(
            (transaction.order_state, transaction.last_error), ("done", False)
        )
        sale = self._sale_of(order)
        self.assertEqual(sale.currency_id, self.eur)
        self.assertAlmostEqual(sale.amount_untaxed, order.amount_untaxed)
        self.assertAlmostEqual(sale.amount_total, 88.0)

    def test_retry_of_cancelled_or_reset_order_refused(self):
        """A failed chain whose order was cancelled, or reset to draft and
        changed, is not retried: the seller gets no sale order of an order
        that is no longer the approved one (over RPC as the buyer too)."""
        order = self._confirmed_ic_po([(self.product_lot, 1)], currency=self.eur)
        transaction = self._transaction(order)
        self.assertEqual(transaction.order_state, "failed")
        self.env["product.pricelist"].create(
            {
                "name": "B EUR",
                "currency_id": self.eur.id,
                "company_id": self.company_b.id,
            }
        )
        buyer_order = self._as(self.buyer, order)
        buyer_order.button_cancel()
        with self.assertRaisesRegex(UserError, "is not confirmed .field Status."):
            self._as(self.buyer, transaction).action_dist_retry()
        buyer_order.button_draft()
        buyer_order.order_line.product_qty = 1000
        with self.assertRaisesRegex(UserError, "is not confirmed .field Status."):
            self._as(self.buyer, transaction).action_dist_retry()
        self.assertFalse(transaction.sale_id)
        self.assertFalse(
            self.env["sale.order"].search([("client_order_ref", "=", order.name)])
        )

    def test_seller_fiscal_position_maps_seller_taxes(self):
        """The seller's fiscal position of the rule maps B's taxes on the SO."""
        tax_export = self.env["account.tax"].create(
            {
                "name": "B export 0%",
                "amount": 0.0,
                "type_tax_use": "sale",
                "company_id": self.company_b.id,
            }
        )
        position = self.env["account.fiscal.position"].create(
            {
                "name": "B intercompany",
                "company_id": self.company_b.id,
                "tax_ids": [
                    Command.create(
                        {"tax_src_id": self.tax_b.id, "tax_dest_id": tax_export.id}
                    )
                ],
            }
        )
        self.rule.seller_fiscal_position_id = position
        order = self._confirmed_ic_po([(self.product_lot, 2)])
        sale = self._sale_of(order)
        self.assertEqual(sale.fiscal_position_id, position)
        self.assertEqual(sale.order_line.tax_id, tax_export)
        # The price list price included B's 10 %: the net price is the same.
        self.assertEqual(order.order_line.price_unit, NET_PRICE)
        self.assertEqual(sale.order_line.price_unit, NET_PRICE)
        self.assertEqual(sale.amount_total, 200.0)
