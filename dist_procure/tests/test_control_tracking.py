from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ProcureCommon

TRACKING = {"tracking_disable": False, "mail_notrack": False}


@tagged("post_install", "-at_install")
class TestToleranceKeyConfiguration(ProcureCommon):
    """Tolerance keys: caps read as the controls apply them, every change tracked,
    read by controllers and edited by the distribution administrator only."""

    def test_zero_caps_read_no_limit(self):
        """A cap of 0 applies no limit: list and form say so, not "$ 0.00"."""
        key = self._make_key(price_pct=5.0, line_amount=250.0)
        key = key.with_user(self.controller)
        self.assertEqual(key.bill_total_display, "no limit")
        self.assertIn("250.00", key.line_amount_display)
        self.assertNotIn("bill cap", key.summary)

    def test_percentage_change_is_tracked_old_to_new(self):
        """Who changed the price % of a key, when, and from what to what."""
        key = self._make_key(price_pct=5.0)
        self.env.cr.precommit.run()  # the key's creation is committed first
        key.with_user(self.dist_admin).with_context(**TRACKING).write(
            {"price_pct": 7.5, "bill_total": 500.0}
        )
        self.env.cr.precommit.run()  # mail tracking is written at commit
        key.invalidate_recordset(["message_ids"])
        message = key.message_ids[:1]
        self.assertEqual(message.author_id, self.dist_admin.partner_id)
        values = {
            value.field_id.name: (value.old_value_float, value.new_value_float)
            for value in message.tracking_value_ids
        }
        self.assertEqual(values, {"price_pct": (5.0, 7.5), "bill_total": (0.0, 500.0)})

    def test_forged_context_does_not_skip_the_history(self):
        """A client sending tracking_disable / mail_notrack over RPC still leaves
        the change in the key's chatter."""
        key = self._make_key(price_pct=5.0)
        self.env.cr.precommit.run()  # the key's creation is committed first
        key.with_user(self.dist_admin).with_context(
            tracking_disable=True, mail_notrack=True
        ).write({"price_pct": 9.0})
        self.env.cr.precommit.run()  # mail tracking is written at commit
        key.invalidate_recordset(["message_ids"])
        tracking = key.message_ids[:1].tracking_value_ids
        self.assertEqual(tracking.field_id.name, "price_pct")
        self.assertEqual(
            (tracking.old_value_float, tracking.new_value_float), (5.0, 9.0)
        )

    def test_controller_reads_keys_of_own_company_only_and_cannot_edit(self):
        """The controller reads A's keys (not B's); only the administrator edits."""
        key_a = self._make_key(price_pct=5.0)
        key_b = self._make_key(company=self.company_b, price_pct=9.0)
        Key = self.env["dist.tolerance.key"].with_user(self.controller)
        self.assertEqual(Key.search([]), key_a)
        self.assertNotIn(key_b, Key.search([]))
        with self.assertRaises(AccessError):
            key_a.with_user(self.controller).write({"price_pct": 50.0})
        key_a.with_user(self.dist_admin).write({"price_pct": 6.0})
        self.assertEqual(key_a.price_pct, 6.0)

    def test_controller_reaches_tolerance_keys_from_invoicing_and_distribution(self):
        """Invoicing > Configuration and Distribution > Configuration list the keys."""
        Menu = self.env["ir.ui.menu"].with_user(self.controller)
        visible = Menu._visible_menu_ids()
        for xmlid in (
            "account.menu_finance_configuration",
            "dist_procure.dist_tolerance_key_menu_account",
            "dist_harmonize_base.dist_menu_config",
            "dist_procure.dist_tolerance_key_menu",
        ):
            self.assertIn(self.env.ref(xmlid).id, visible, xmlid)
        buyer_menus = Menu.with_user(self.buyer)._visible_menu_ids()
        self.assertNotIn(
            self.env.ref("dist_procure.dist_tolerance_key_menu_account").id,
            buyer_menus,
        )


@tagged("post_install", "-at_install")
class TestRequisitionChangeLog(ProcureCommon):
    """A submitted requisition's lines do not change silently."""

    def _requisition(self):
        return (
            self.env["dist.purchase.requisition"]
            .with_user(self.buyer)
            .create(
                {
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_qty": 5,
                                "date_needed": "2026-04-01",
                                "warehouse_id": self.warehouse_a.id,
                            }
                        )
                    ]
                }
            )
        )

    def _notes(self, requisition):
        return requisition.message_ids.mapped("body")

    def test_line_changes_after_submission_are_posted(self):
        """Quantity 5 → 8 and an added line are posted once submitted."""
        requisition = self._requisition()
        requisition.action_dist_submit()
        line = requisition.line_ids
        line.write({"product_qty": 8})
        requisition.write(
            {
                "line_ids": [
                    Command.create(
                        {
                            "product_id": self.product_2.id,
                            "product_qty": 3,
                            "date_needed": "2026-04-01",
                            "warehouse_id": self.warehouse_a.id,
                        }
                    )
                ]
            }
        )
        notes = " ".join(self._notes(requisition))
        self.assertIn("Quantity: 5.00 → 8.00", notes)
        self.assertIn("Line added: Nut M8, 3.00 Units", notes)

    def test_draft_line_changes_stay_quiet(self):
        """The buyer's edits of a draft are not logged."""
        requisition = self._requisition()
        requisition.line_ids.write({"product_qty": 8})
        self.assertFalse(
            [body for body in self._notes(requisition) if "Line" in (body or "")]
        )

    def test_requisition_action_offers_pivot_and_graph(self):
        """Requisitions can be analysed: pivot and graph on the estimated amount."""
        action = self.env.ref("dist_procure.dist_purchase_requisition_action")
        self.assertEqual(action.view_mode, "tree,form,pivot,graph")
        self.product.with_company(self.company_a).standard_price = 100.0
        Requisition = self.env["dist.purchase.requisition"].with_user(self.buyer)
        self._requisition()
        [group] = Requisition.read_group([], ["amount_estimated:sum"], ["state"])
        self.assertEqual(group["amount_estimated"], 500.0)
