from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools.catalog import REGIONS, SEGMENTS
from .common import DistDemoCommon


@tagged("post_install", "-at_install")
class TestDemoGovernance(DistDemoCommon):
    """The demo masters are governed by dist_harmonize_base: what a steward sees."""

    def _history_lines(self):
        purchase = self._as_reader("purchase.order.line").search(
            [("company_id", "in", self.all_companies.ids)]
        )
        sale = self._as_reader("sale.order.line").search(
            [("company_id", "in", self.all_companies.ids)]
        )
        return purchase, sale

    def test_history_uses_only_active_items_and_approved_vendors(self):
        """Every ordered item is active and every vendor of an order is approved."""
        purchase, sale = self._history_lines()
        self.assertTrue(purchase and sale)
        items = (purchase.product_id | sale.product_id).product_tmpl_id
        self.assertEqual(set(items.mapped("dist_state")), {"active"})
        vendors = purchase.order_id.partner_id
        self.assertEqual(set(vendors.mapped("dist_supplier_state")), {"approved"})

    def test_items_belong_to_the_family_tree(self):
        """Each catalog item has a family under Distribution mirroring its category."""
        items = self._as_reader("product.template").search(
            [("default_code", "=like", "DST-%")]
        )
        self.assertTrue(all(items.mapped("dist_family_id")))
        for item in items:
            self.assertEqual(item.dist_family_id.name, item.categ_id.name)
            self.assertTrue(
                item.dist_family_id.complete_name.startswith("Distribution / ")
            )

    def test_customers_companies_warehouses_carry_regions_and_segments(self):
        """Customers have a segment and a region; companies and warehouses a region."""
        customers = self._as_reader("res.partner").search([("customer_rank", ">", 0)])
        self.assertTrue(customers)
        self.assertEqual(
            set(customers.mapped("dist_segment_id.name")), {n for _c, n in SEGMENTS}
        )
        self.assertTrue(all(customers.mapped("dist_region_id")))
        regions = self.all_companies.mapped("dist_region_id.name")
        self.assertEqual(sorted(regions), sorted(n for _c, n, _k in REGIONS))
        warehouses = self._as_reader("stock.warehouse").search([])
        for warehouse in warehouses:
            self.assertEqual(
                warehouse.dist_region_id, warehouse.company_id.dist_region_id
            )

    def test_dimensions_reach_order_lines_moves_and_journal_items(self):
        """Family, segment and region flow onto order lines, moves and journal items."""
        purchase, sale = self._history_lines()
        self.assertTrue(all(purchase.mapped("dist_family_id")))
        self.assertTrue(all(purchase.mapped("dist_region_id")))
        self.assertTrue(all(sale.mapped("dist_segment_id")))
        moves = sale.move_ids.filtered(lambda m: m.state == "done")
        self.assertTrue(moves and all(moves.mapped("dist_segment_id")))
        self.assertTrue(all(moves.mapped("dist_region_id")))
        invoice_lines = sale.invoice_lines.filtered(
            lambda line: line.parent_state == "posted"
        )
        self.assertTrue(invoice_lines)
        self.assertTrue(all(invoice_lines.mapped("dist_family_id")))
        self.assertTrue(all(invoice_lines.mapped("dist_segment_id")))

    def test_near_duplicate_items_are_queued_not_traded(self):
        """Look-alike items await approval, list their twin and sit in the queue."""
        items = self._as_steward("product.template").search(
            [("dist_state", "!=", "active")]
        )
        self.assertGreaterEqual(len(items), 3)
        self.assertEqual(set(items.mapped("dist_state")), {"to_approve"})
        self.assertTrue(all(item.dist_similar_count for item in items))
        queued = self._as_steward("dist.exception").search(
            [("kind", "=", "duplicate"), ("res_model", "=", "product.template")]
        )
        self.assertEqual(set(queued.mapped("res_id")), set(items.ids))
        purchase, sale = self._history_lines()
        self.assertFalse(
            (purchase.product_id | sale.product_id).product_tmpl_id & items
        )

    def test_near_duplicate_suppliers_are_queued_not_traded(self):
        """Look-alike suppliers are not approved, show their twin and sit in the queue."""
        suppliers = self._as_steward("res.partner").search(
            [("supplier_rank", ">", 0), ("dist_supplier_state", "!=", "approved")]
        )
        self.assertEqual(len(suppliers), 2)
        self.assertTrue(all(suppliers.mapped("dist_duplicate_warning")))
        queued = self._as_steward("dist.exception").search(
            [("kind", "=", "duplicate"), ("res_model", "=", "res.partner")]
        )
        self.assertEqual(set(queued.mapped("res_id")), set(suppliers.ids))
        purchase, _sale = self._history_lines()
        self.assertFalse(purchase.order_id.partner_id & suppliers)

    def test_look_alikes_are_requested_by_the_buyer_who_made_them(self):
        """The look-alike items and suppliers were created and submitted by the
        buyer: their approval names him as requester, not OdooBot."""
        items = self._as_steward("product.template").search(
            [("dist_state", "=", "to_approve")]
        )
        suppliers = self._as_steward("res.partner").search(
            [("supplier_rank", ">", 0), ("dist_supplier_state", "!=", "approved")]
        )
        Request = self._as_steward("dist.approval.request")
        requests = Request.search(
            [("res_model", "=", "product.template"), ("res_id", "in", items.ids)]
        ) | Request.search(
            [("res_model", "=", "res.partner"), ("res_id", "in", suppliers.ids)]
        )
        self.assertEqual(set(requests.mapped("res_id")) >= set(items.ids), True)
        self.assertEqual(items.create_uid.login, "dist.demo.buyer")
        self.assertEqual(suppliers.create_uid, items.create_uid)
        self.assertEqual(requests.requester_id, items.create_uid)

    def test_reference_written_differently_is_refused(self):
        """A steward cannot create dst00015 next to DST-00015."""
        with self.assertRaises(ValidationError):
            self._as_steward("product.template").create(
                {"name": "Same item, other spelling", "default_code": "dst00015"}
            )

    def test_supplier_sharing_a_tax_id_cannot_be_submitted(self):
        """The look-alike with the same VAT written with spaces is refused on submit."""
        draft = self._as_steward("res.partner").search(
            [("supplier_rank", ">", 0), ("dist_supplier_state", "=", "draft")]
        )
        self.assertEqual(len(draft), 1)
        with self.assertRaises(ValidationError):
            draft.action_dist_submit()
        self.assertEqual(draft.dist_supplier_state, "draft")

    def test_one_supplier_bank_change_awaits_a_second_person(self):
        """Exactly one approved supplier's changed account is untrusted and pending."""
        banks = self._as_steward("res.partner.bank").search(
            [
                ("dist_pending_approval", "=", True),
                ("partner_id.dist_supplier_state", "=", "approved"),
            ]
        )
        self.assertEqual(len(banks), 1)
        self.assertFalse(banks.allow_out_payment)
        change = banks.dist_change_ids.filtered(lambda c: c.kind == "change")
        self.assertEqual(len(change), 1)
        self.assertNotEqual(change.acc_number_before, change.acc_number_after)
        self.assertEqual(change.user_id.login, "dist.demo.buyer")
        self.assertTrue(banks.dist_can_approve_bank)

    def test_every_company_has_item_supplier_and_amount_rules(self):
        """Each demo company has the default item and supplier rules; one amount rule."""
        rules = self._as_reader("dist.approval.rule").search(
            [("company_id", "in", self.all_companies.ids)]
        )
        for company in self.all_companies:
            models = set(
                rules.filtered(lambda r, c=company: r.company_id == c).mapped(
                    "model_name"
                )
            )
            self.assertLessEqual({"product.template", "res.partner"}, models)
        self.assertTrue(rules.filtered(lambda r: r.amount_min > 0))

    def test_database_has_three_companies_and_six_warehouses(self):
        """The main company is the holding: no fourth company or seventh warehouse."""
        self.assertEqual(self.env["res.company"].search_count([]), 3)
        self.assertEqual(self.env["stock.warehouse"].search_count([]), 6)
        self.assertEqual(self.env.ref("base.main_company").name, "Dist Holding")
