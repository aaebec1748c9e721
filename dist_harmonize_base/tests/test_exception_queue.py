from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestExceptionQueue(DistCommon):
    """The shared exception queue and its API for other modules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create(
            {"name": "Acme Supplies", "company_id": cls.company_a.id}
        )
        cls.Exception = cls.env["dist.exception"]

    def _raise(self, user=None, **kwargs):
        Exception_ = self.Exception.with_user(user or self.buyer)
        partner = self.partner.with_user(user or self.buyer)
        values = dict({"severity": "medium"}, **kwargs)
        return Exception_.raise_for(
            partner, "price_anomaly", "PRICE", "Price +40 %", **values
        )

    def test_raise_for_is_idempotent_while_open(self):
        """Raising the same breach twice updates the open exception instead of adding one."""
        first = self._raise(amount=100.0)
        second = self._raise(severity="high", amount=300.0)
        self.assertEqual(first, second)
        self.assertEqual((second.severity, second.amount), ("high", 300.0))
        self.assertEqual(second.company_id, self.company_a)

    def test_raise_for_takes_the_commercial_partner(self):
        """An exception on a contact is filed under its company."""
        contact = self.env["res.partner"].create(
            {
                "name": "Jo",
                "parent_id": self.partner.id,
                "company_id": self.company_a.id,
            }
        )
        exception = self.Exception.with_user(self.buyer).raise_for(
            contact.with_user(self.buyer), "other", "OVERRIDE", "Manual override"
        )
        self.assertEqual(exception.partner_id, self.partner)

    def test_raise_after_close_opens_a_new_exception(self):
        """Once resolved, the same breach raises a fresh exception."""
        first = self._raise()
        closed = self.Exception.with_user(self.buyer).close_for(
            self.partner, "price_anomaly"
        )
        self.assertEqual(closed, first)
        self.assertEqual(first.state, "resolved")
        self.assertNotEqual(self._raise(), first)

    def test_close_for_records_who_and_when(self):
        """close_for resolves with the resolution text, who and when."""
        exception = self._raise()
        with freeze_time("2026-06-01 12:00:00"):
            self.Exception.with_user(self.controller).close_for(
                self.partner, reason_code="PRICE", resolution="Price list fixed"
            )
        self.assertEqual(exception.resolution, "Price list fixed")
        self.assertEqual(exception.closed_by_id, self.controller)
        self.assertEqual(str(exception.closed_date), "2026-06-01 12:00:00")

    def test_unknown_reason_code_is_refused(self):
        """A code nobody seeded is a programming error: refused, naming the code."""
        with self.assertRaisesRegex(ValueError, "NEW_CODE"):
            self.Exception.with_user(self.buyer).raise_for(
                self.partner.with_user(self.buyer), "other", "NEW_CODE", "Odd"
            )
        Reason = self.env["dist.exception.reason"].with_context(active_test=False)
        self.assertFalse(Reason.search([("code", "=", "NEW_CODE")]))

    def test_every_seeded_reason_code_raises_under_its_readable_name(self):
        """Each seeded code (of every installed module) raises an exception
        showing the reason's readable name, never the technical code."""
        reasons = self.env["ir.model.data"].search(
            [("model", "=", "dist.exception.reason")]
        )
        Reason = self.env["dist.exception.reason"]
        for reason in Reason.browse(reasons.mapped("res_id")):
            with self.subTest(code=reason.code):
                exception = self.Exception.with_user(self.buyer).raise_for(
                    self.partner.with_user(self.buyer), reason.kind, reason.code, "x"
                )
                self.assertEqual(exception.reason_id, reason)
                self.assertNotEqual(reason.name, reason.code)
                self.assertEqual(exception.reason_id.display_name, reason.name)
        codes = set(Reason.browse(reasons.mapped("res_id")).mapped("code"))
        self.assertLessEqual({"similar_item_name", "similar_supplier"}, codes)

    def test_exception_links_to_its_document_within_the_users_rights(self):
        """The exception opens its source document for whoever may read it, and
        shows no link to someone who may not."""
        exception = self._raise().with_user(self.controller)
        self.assertEqual(exception.document_ref, self.partner)
        action = exception.action_open_document()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("res.partner", self.partner.id)
        )
        secret = self.env["ir.config_parameter"].search([], limit=1)
        hidden = self.Exception.raise_for(secret, "price_anomaly", "PRICE", "x")
        hidden = hidden.with_user(self.controller)
        self.assertTrue(hidden.res_name)
        self.assertFalse(hidden.document_ref)
        with self.assertRaises(AccessError):
            hidden.action_open_document()

    def test_buyer_cannot_close_or_waive_an_exception(self):
        """A buyer raises exceptions through controls but cannot edit them."""
        exception = self._raise().with_user(self.buyer)
        with self.assertRaises(AccessError):
            exception.write({"state": "resolved", "resolution": "mine"})
        with self.assertRaises(AccessError):
            exception.action_request_waiver()

    def test_status_changes_only_through_resolve_or_waiver(self):
        """Writing the Status directly (as over RPC) is refused to a controller."""
        exception = self._raise().with_user(self.controller)
        with self.assertRaisesRegex(UserError, "Status.*controls of the suite only"):
            exception.write({"state": "resolved"})
        self.assertEqual(exception.state, "open")

    def test_resolve_needs_resolution(self):
        """Resolving requires a resolution text, then records the controller and date."""
        exception = self._raise().with_user(self.controller)
        with self.assertRaises(UserError):
            exception.action_resolve()
        exception.resolution = "Vendor credited the difference"
        exception.action_resolve()
        self.assertEqual(
            (exception.state, exception.closed_by_id), ("resolved", self.controller)
        )

    def test_waive_needs_reason(self):
        """Waiving requires a reason; without a matching rule the waiver is immediate."""
        exception = self._raise().with_user(self.controller)
        with self.assertRaisesRegex(UserError, "Waive Reason"):
            exception.action_request_waiver()
        exception.waive_reason = "Agreed one-off price"
        exception.action_request_waiver()
        self.assertEqual(exception.state, "waived")
        self.assertEqual(exception.closed_by_id, self.controller)

    def test_priority_orders_by_severity_and_grows_with_age(self):
        """Critical outranks low; an exception gains priority as it ages."""
        with freeze_time("2026-06-01 08:00:00"):
            low = self._make_exception(severity="low")
            critical = self._make_exception(severity="critical")
            self.assertGreater(critical.priority_score, low.priority_score)
            before = low.priority_score
        with freeze_time("2026-06-21 08:00:00"):
            self.Exception._cron_recompute_priority()
            low.invalidate_recordset(["age_days"])
            self.assertEqual(low.age_days, 20)
            self.assertGreater(low.priority_score, before)

    def test_raise_for_refuses_non_records(self):
        """raise_for over RPC (no record object) is refused."""
        with self.assertRaises(UserError):
            self.Exception.with_user(self.buyer).raise_for(
                self.partner.id, "other", "X", "msg"
            )
