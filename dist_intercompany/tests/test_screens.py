from odoo.tests import Form, tagged

from .common import OrderChainCommon

FORM_SPEC = {
    "name": {},
    "state": {},
    "order_state": {},
    "purchase_ref": {},
    "sale_ref": {},
    "last_error": {},
    "dist_can_read_purchase": {},
    "dist_can_read_sale": {},
    "purchase_id": {"fields": {"display_name": {}}},
    "sale_id": {"fields": {"display_name": {}}},
    "rule_id": {"fields": {"display_name": {}}},
    "buyer_company_id": {"fields": {"display_name": {}}},
    "seller_company_id": {"fields": {"display_name": {}}},
    "event_ids": {
        "fields": {"step": {}, "result": {}, "message": {}, "source_ref": {}}
    },
}


@tagged("post_install", "-at_install")
class TestIntercompanyScreens(OrderChainCommon):
    """What each side sees on the transaction, the smart buttons and the rule form."""

    def test_transaction_form_reads_for_both_sides(self):
        """The chain's form loads for A's buyer and B's salesperson alike."""
        for user, readable in ((self.buyer, "purchase"), (self.sales_b, "sale")):
            transaction = self._as(user, self.transaction)
            transaction.get_views([(False, "form"), (False, "list"), (False, "search")])
            values = transaction.web_read(FORM_SPEC)[0]
            self.assertEqual(values["order_state"], "done")
            self.assertEqual(values[f"dist_can_read_{readable}"], True)
            self.assertEqual(values["event_ids"][0]["result"], "ok")
            self.assertEqual(values["purchase_ref"], f"{self.order.name} (Dist A)")

    def test_smart_buttons_open_the_chain(self):
        """Intercompany on the PO (buyer) and on the SO (B) opens the same chain."""
        for record in (self._as(self.buyer, self.order), self.sale):
            action = record.action_dist_open_ic_transaction()
            self.assertEqual(
                (action["res_model"], action["res_id"]),
                ("dist.intercompany.transaction", self.transaction.id),
            )

    def test_transfer_price_read_only_on_screen(self):
        """The buyer cannot type over the transfer price on the PO form."""
        form = Form(self._as(self.buyer, self._make_ic_po([(self.product_lot, 1)])))
        with form.order_line.edit(0) as line:
            self.assertTrue(line._get_modifier("price_unit", "readonly"))

    def test_rule_change_tracked_whatever_the_context(self):
        """A rule's change is on its chatter, even sent with tracking off."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        rule = self.rule.with_user(self.ic_admin).with_context(
            allowed_company_ids=(self.company_a | self.company_b).ids,
            tracking_disable=True,
        )
        rule.cost_plus_percent = 7.5
        self.env.flush_all()
        self.env.cr.precommit.run()
        values = self.rule.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "cost_plus_percent"
        )
        self.assertEqual(values.new_value_float, 7.5)
