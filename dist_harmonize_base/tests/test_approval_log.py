from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestApprovalLog(DistCommon):
    """The approval log is append-only, for everyone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_rule(
            "dist.exception",
            cls.company_a,
            [{"name": "Manager", "users": cls.buyer_manager}],
        )
        cls.exception = cls._make_exception(amount=250.0)
        cls.exception.with_user(cls.controller).action_request_waiver()
        cls.exception.with_user(cls.buyer_manager).action_dist_approve("fine")
        cls.log = cls.env["dist.approval.log"].search(
            [("res_model", "=", "dist.exception"), ("res_id", "=", cls.exception.id)]
        )

    def test_log_records_who_decided_what(self):
        """Submission and approval are logged with who, amount and comment."""
        approved = self.log.filtered(lambda line: line.decision == "approved")
        self.assertEqual(sorted(self.log.mapped("decision")), ["approved", "submitted"])
        self.assertEqual(
            (approved.user_id, approved.amount, approved.comment),
            (self.buyer_manager, 250.0, "fine"),
        )

    def test_admin_cannot_write_log(self):
        """Even the administrator (and the superuser) cannot change a log line."""
        admin = self.env.ref("base.user_admin")
        with self.assertRaises(UserError):
            self.log.with_user(admin).write({"comment": "edited"})
        with self.assertRaises(UserError):
            self.log.sudo().write({"comment": "edited"})

    def test_admin_cannot_delete_log(self):
        """Even the administrator (and the superuser) cannot delete a log line."""
        admin = self.env.ref("base.user_admin")
        with self.assertRaises(UserError):
            self.log.with_user(admin).unlink()
        with self.assertRaises(UserError):
            self.log.sudo().unlink()
        self.assertEqual(len(self.log.exists()), 2)

    def test_users_cannot_create_log_lines(self):
        """Nobody creates log lines directly; only the engine does."""
        with self.assertRaises(AccessError):
            self.env["dist.approval.log"].with_user(self.dist_admin).create(
                {
                    "user_id": self.dist_admin.id,
                    "res_model": "dist.exception",
                    "res_id": self.exception.id,
                    "company_id": self.company_a.id,
                    "decision": "approved",
                }
            )

    def test_log_visible_to_controller_and_approvers_only(self):
        """Controllers and the document's approvers read the log; a warehouse user does not."""
        Log = self.env["dist.approval.log"]
        self.assertEqual(Log.with_user(self.controller).search_count([]), 2)
        self.assertEqual(
            Log.with_user(self.buyer_manager).search_count(
                [("id", "in", self.log.ids)]
            ),
            2,
        )
        self.assertEqual(Log.with_user(self.warehouse).search_count([]), 0)
