from odoo.tests import tagged

from .common import ProcureCommon


@tagged("post_install", "-at_install")
class TestScreens(ProcureCommon):
    """What the procure screens offer: only actions that can succeed, readable
    reasons and tolerances, and queues that do not open empty."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = cls._make_key(price_pct=5.0, price_abs=0.5, line_amount=100.0)

    def _blocked_bill(self):
        order = self._confirmed_po([(self.product, 10, 100.0)])
        self._receive(order)
        bill = self._make_bill(order, prices={self.product: 106.0})
        exception = self.env["dist.exception"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", bill.id)]
        )
        return bill, exception

    def test_match_exception_carries_the_seeded_readable_reason(self):
        """A bill's match exception shows the seeded reason, by its name."""
        _bill, exception = self._blocked_bill()
        seeded = self.env.ref("dist_procure.dist_exception_reason_three_way_match")
        self.assertEqual(exception.reason_id, seeded)
        self.assertEqual(
            exception.reason_id.display_name,
            "Three-way match out of tolerance",
        )
        over_receipt = self.env.ref("dist_procure.dist_exception_reason_over_receipt")
        self.assertEqual(over_receipt.code, "over_receipt")

    def test_match_exception_offers_the_bill_and_its_release(self):
        """On a bill's match exception the controller opens the bill and the
        release wizard of that bill."""
        bill, exception = self._blocked_bill()
        exception = exception.with_user(self.controller)
        self.assertTrue(exception.dist_is_bill_match)
        self.assertEqual(
            (exception.document_ref, exception.document_label), (bill, "Vendor Bill")
        )
        action = exception.action_dist_open_release()
        self.assertEqual(action["res_model"], "account.move.release")
        self.assertEqual(action["context"]["default_move_ids"], bill.ids)

    def test_line_shows_the_figures_of_its_tolerance_key(self):
        """The match line shows the key's figures, not only its name."""
        bill, _exception = self._blocked_bill()
        line = bill.dist_match_line_ids.with_user(self.payables)
        self.assertEqual(
            line.dist_tolerance_summary.replace("\xa0", " "),
            "price 5 % or $ 0.50 · line cap $ 100.00",
        )
        self.assertEqual(
            self._make_key(company=self.company_b).summary, "exact (no allowance)"
        )

    def test_releases_open_on_to_approve_only_for_who_can_approve(self):
        """Payment Releases opens on "To Approve" for a controller who has one to
        approve, on every release for anybody else."""
        bill, _exception = self._blocked_bill()
        self._release(bill, self.payables)
        Release = self.env["dist.match.release"]
        action = Release.with_user(self.controller).action_open_queue()
        self.assertEqual(action["context"], {"search_default_filter_to_approve": 1})
        action = Release.with_user(self.payables).action_open_queue()
        self.assertNotIn("search_default_filter_to_approve", str(action["context"]))
        release = bill.dist_release_ids
        self.assertEqual(
            (release.state, release.requester_id), ("to_approve", self.payables)
        )
