from odoo.exceptions import AccessDenied
from odoo.tests import HttpCase, tagged

from odoo.addons.dist_harmonize_base.tests.common import call_kw

from ..tools.logins import DEMO_PASSWORD, LOGIN_PREFIX, ROLES, landing_of, role_of
from ..tools.scan import receiver_login


@tagged("post_install", "-at_install")
class TestDemoLogins(HttpCase):
    """The demo's people are there to be played: each signs in with the documented
    password and gets the web client."""

    def test_every_demo_user_signs_in_with_the_demo_password(self):
        """Every ``dist.demo.*`` user opens a web session with ``DEMO_PASSWORD``."""
        users = self.env["res.users"].search([("login", "=like", f"{LOGIN_PREFIX}%")])
        self.assertEqual(
            {role_of(login) for login in users.mapped("login")}, set(ROLES)
        )
        for user in users:
            with self.subTest(login=user.login):
                session = self.authenticate(user.login, DEMO_PASSWORD)
                self.assertEqual(session.uid, user.id)
                response = self.url_open("/web")
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("/web/login", response.url)

    def test_every_demo_user_lands_on_the_work_of_the_role(self):
        """Signing in opens the role's screen (approvals, exception queue, receipts,
        bills...), one the user may read, instead of Discuss."""
        users = self.env["res.users"].search([("login", "=like", f"{LOGIN_PREFIX}%")])
        for user in users:
            xmlid, _name = landing_of(
                role_of(user.login),
                lambda xmlid: self.env.ref(xmlid, raise_if_not_found=False),
            )
            action = self.env.ref(xmlid)
            with self.subTest(login=user.login):
                self.assertEqual(user.action_id.id, action.id)
                if action.type == "ir.actions.client":
                    # a screen of its own: the user sees a menu opening it
                    menus = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
                    self.assertIn(
                        action,
                        self.env["ir.ui.menu"].browse(menus).mapped("action"),
                    )
                    continue
                self.assertTrue(
                    self.env[action.res_model]
                    .with_user(user)
                    .check_access_rights("read", raise_exception=False)
                )

    def test_another_password_is_refused(self):
        """The demo password is the demo users' only one."""
        with self.assertRaises(AccessDenied):
            self.authenticate(f"{LOGIN_PREFIX}steward", "admin")

    def test_receiving_clerk_is_refused_the_order_back_in_approval_over_rpc(self):
        """Signed in as ``dist.demo.wh.hqe``, the scanner screen's call to open the
        receipt of the order changed after approval is refused, naming the order."""
        receipt = self.env["stock.picking"].search(
            [
                ("picking_type_id.warehouse_id.code", "=", "HQE"),
                ("purchase_id.state", "=", "to approve"),
                ("dist_vendor_ref", "!=", False),
            ]
        )
        self.assertEqual(len(receipt), 1)
        self.authenticate(receiver_login("HQE"), DEMO_PASSWORD)
        answer, error = call_kw(
            self, "stock.picking", "dist_scan_open", [receipt.dist_vendor_ref]
        )
        self.assertIsNone(error)
        self.assertEqual(answer["result"], "refused")
        self.assertIn(
            f"purchase order {receipt.purchase_id.name} is not approved",
            answer["message"],
        )
