from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import IntercompanyCommon


@tagged("post_install", "-at_install")
class TestConsolidatedStock(IntercompanyCommon):
    """On hand, reserved and incoming per company and warehouse, never more
    than the user may read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller_co, cls.buyer_co = cls.company_b, cls.company_a
        cls.stock_ab = new_test_user(
            cls.env,
            login="dist_ic_stock_ab",
            groups="base.group_user,stock.group_stock_user",
            company_id=cls.buyer_co.id,
            company_ids=[Command.set((cls.seller_co | cls.buyer_co).ids)],
        )
        cls.product = cls.product_lot
        for company, quantity in ((cls.seller_co, 40.0), (cls.buyer_co, 7.0)):
            cls._set_on_hand(company, cls.product, quantity)

    @classmethod
    def _set_on_hand(cls, company, product, quantity, lot_name="LOT-STOCK"):
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )
        lot = cls.env["stock.lot"].create(
            {"name": lot_name, "product_id": product.id, "company_id": company.id}
        )
        cls.env["stock.quant"].with_company(company)._update_available_quantity(
            product, warehouse.lot_stock_id, quantity, lot_id=lot
        )

    def _rows(self, user, companies):
        Stock = self.env["dist.intercompany.stock"].with_user(user)
        Stock = Stock.with_context(allowed_company_ids=companies.ids)
        rows = Stock.search([("product_id", "=", self.product.id)])
        return {row.company_id: row for row in rows}

    def test_each_company_shows_its_own_figures(self):
        """A user of both companies, both selected, sees each one's stock."""
        rows = self._rows(self.stock_ab, self.seller_co | self.buyer_co)
        self.assertEqual(rows[self.seller_co].qty_on_hand, 40.0)
        self.assertEqual(rows[self.buyer_co].qty_on_hand, 7.0)

    def test_only_selected_companies_are_shown(self):
        """With only the buyer selected, the seller's stock is not shown."""
        rows = self._rows(self.stock_ab, self.buyer_co)
        self.assertEqual(list(rows), [self.buyer_co])

    def test_incoming_and_reserved(self):
        """An open receipt counts as incoming, a reserved delivery as reserved."""
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.buyer_co.id)], limit=1
        )
        picking = (
            self.env["stock.picking"]
            .with_company(self.buyer_co)
            .create(
                {
                    "picking_type_id": warehouse.out_type_id.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "location_dest_id": self.env.ref(
                        "stock.stock_location_customers"
                    ).id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": self.product.name,
                                "product_id": self.product.id,
                                "product_uom_qty": 3.0,
                                "product_uom": self.product.uom_id.id,
                                "location_id": warehouse.lot_stock_id.id,
                                "location_dest_id": self.env.ref(
                                    "stock.stock_location_customers"
                                ).id,
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        picking.action_assign()
        receipt = picking.copy(
            {
                "picking_type_id": warehouse.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": warehouse.lot_stock_id.id,
            }
        )
        receipt.move_ids.write(
            {
                "location_id": receipt.location_id.id,
                "location_dest_id": receipt.location_dest_id.id,
                "product_uom_qty": 5.0,
            }
        )
        receipt.action_confirm()
        self.env.flush_all()
        row = self._rows(self.stock_ab, self.buyer_co)[self.buyer_co]
        self.assertEqual(
            (row.qty_on_hand, row.qty_reserved, row.qty_available, row.qty_incoming),
            (7.0, 3.0, 4.0, 5.0),
        )

    def test_user_of_one_company_cannot_forge_the_other(self):
        """A user of the buyer only cannot select the seller to read its stock."""
        user = new_test_user(
            self.env,
            login="dist_ic_stock_a",
            groups="base.group_user,stock.group_stock_user",
            company_id=self.buyer_co.id,
            company_ids=[Command.set(self.buyer_co.ids)],
        )
        rows = self.env["dist.intercompany.stock"].with_user(user).search([])
        self.assertEqual(rows.company_id, self.buyer_co)
