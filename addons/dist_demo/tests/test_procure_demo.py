from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import DistDemoCommon

ROLE = "dist_harmonize_base.dist_harmonize_base_group_"


@tagged("post_install", "-at_install")
class TestProcureDemo(DistDemoCommon):
    """The procure-to-pay demo (dist_procure) as buyers, clerks and controllers
    find it on first login, in each of the three companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = cls._make_user("dist_demo_test_buyer", f"{ROLE}buyer")
        cls.controller = cls._make_user(
            "dist_demo_test_controller", f"{ROLE}controller"
        )

    @classmethod
    def _make_user(cls, login, groups, companies=None):
        companies = companies or cls.all_companies
        return new_test_user(
            cls.env,
            login=login,
            groups=f"base.group_user,{groups}",
            company_id=companies[:1].id,
            company_ids=[(6, 0, companies.ids)],
        )

    def _as(self, user, model, company=None):
        """``model`` as ``user``, in ``company`` or in the three demo companies."""
        companies = company or self.all_companies
        return (
            self.env[model]
            .with_user(user)
            .with_context(allowed_company_ids=companies.ids)
        )

    def _by_company(self, records):
        return {
            company: records.filtered(lambda r, c=company: r.company_id == c)
            for company in self.all_companies
        }

    def test_orders_are_routed_by_amount_in_each_company_currency(self):
        """Each company has a one-level and a two-level order rule, and a
        requisition rule, in its own currency."""
        rules = self._as(self.buyer, "dist.approval.rule").search([])
        for company, mine in self._by_company(rules).items():
            orders = mine.filtered(lambda r: r.model_name == "purchase.order")
            self.assertEqual(sorted(orders.mapped("level_count")), [1, 2])
            self.assertTrue(all(r.amount_min > 0 for r in orders), company.name)
            self.assertEqual(orders.currency_id, company.currency_id)
            self.assertIn("dist.purchase.requisition", mine.mapped("model_name"))

    def test_each_company_has_a_company_a_vendor_and_a_family_key(self):
        """Tolerance keys per company: one for the company, one for a vendor,
        one for a product family."""
        keys = self._as(self.controller, "dist.tolerance.key").search([])
        for company, mine in self._by_company(keys).items():
            general = mine.filtered(
                lambda k: (
                    not (k.partner_id or k.product_family_id or k.product_categ_id)
                )
            )
            self.assertEqual(len(general), 1, company.name)
            self.assertTrue(mine.filtered("partner_id"), company.name)
            self.assertTrue(mine.filtered("product_family_id"), company.name)

    def test_most_specific_key_lets_bills_through_within_tolerance(self):
        """Bills within tolerance by the company's, a vendor's and a family's
        key are payable, and some of them are paid."""
        bills = self._as(self.controller, "account.move").search(
            [("dist_match_state", "=", "within_tolerance")]
        )
        for company, mine in self._by_company(bills).items():
            keys = mine.invoice_line_ids.filtered(
                lambda line: line.dist_match_state == "within_tolerance"
            ).dist_tolerance_key_id
            self.assertTrue(keys.filtered("partner_id"), company.name)
            self.assertTrue(keys.filtered("product_family_id"), company.name)
            self.assertFalse(mine.filtered("dist_payment_blocked"), company.name)
            paid = set(mine.mapped("payment_state")) & {"paid", "in_payment"}
            self.assertTrue(paid, company.name)

    def test_requisitions_in_every_state_one_partly_ordered(self):
        """Draft, waiting, approved and fully ordered requisitions; an approved
        one is partly turned into an RFQ and shows what is left to order."""
        requisitions = self._as(self.buyer, "dist.purchase.requisition").search([])
        for company, mine in self._by_company(requisitions).items():
            states = set(mine.mapped("state"))
            self.assertLessEqual({"draft", "to_approve", "approved", "done"}, states)
            partly = mine.filtered(lambda r: r.state == "approved" and r.purchase_ids)
            self.assertTrue(partly, company.name)
            self.assertTrue(0 < partly[0].ordered_pct < 100)
            self.assertGreater(sum(partly[0].line_ids.mapped("qty_remaining")), 0)

    def test_orders_wait_for_approval_one_with_a_level_still_pending(self):
        """Orders wait in "to approve"; one has its manager level approved and
        waits for the procurement director."""
        orders = self._as(self.buyer, "purchase.order").search(
            [("state", "=", "to approve")]
        )
        for company, mine in self._by_company(orders).items():
            self.assertTrue(mine, company.name)
            self.assertEqual(set(mine.mapped("dist_approval_state")), {"pending"})
            halfway = mine.filtered(
                lambda o: "approved" in o.dist_approval_request_ids.mapped("state")
            )
            self.assertTrue(halfway, company.name)
            self.assertIn(
                "dist.demo.director", halfway.dist_next_approver_ids.mapped("login")
            )

    def test_blocked_bill_payment_is_refused_to_the_payables_clerk(self):
        """In each company, registering the payment of a blocked bill is refused."""
        for company in self.all_companies:
            clerk = self._make_user(
                f"dist_demo_test_payables_{company.id}",
                "account.group_account_invoice",
                company,
            )
            bill = self._as(clerk, "account.move", company).search(
                [("dist_payment_blocked", "=", True)], limit=1
            )
            self.assertTrue(bill, company.name)
            wizard = (
                self._as(clerk, "account.payment.register", company)
                .with_context(active_model="account.move", active_ids=bill.ids)
                .create({})
            )
            with self.assertRaisesRegex(UserError, "cannot be paid"):
                wizard.action_create_payments()
            self.assertEqual(bill.payment_state, "not_paid")

    def test_released_bills_were_released_by_another_controller_with_a_reason(self):
        """A controller who did not enter the bill released it with a reason;
        some released bills are paid, some not yet."""
        bills = self._as(self.controller, "account.move").search(
            [("dist_payment_released", "=", True)]
        )
        for company, mine in self._by_company(bills).items():
            self.assertTrue(mine, company.name)
        for bill in bills:
            release = bill.dist_release_ids.filtered(lambda r: r.state == "approved")
            self.assertTrue(release.reason, bill.name)
            approvers = self._as(self.controller, "dist.approval.log").search(
                [
                    ("res_model", "=", release._name),
                    ("res_id", "=", release.id),
                    ("decision", "=", "approved"),
                ]
            )
            self.assertTrue(approvers, bill.name)
            self.assertNotIn(bill.create_uid, approvers.user_id)
            self.assertTrue(approvers.user_id.has_group(f"{ROLE}controller"))
        states = set(bills.mapped("payment_state"))
        self.assertIn("not_paid", states)
        self.assertTrue(states & {"paid", "in_payment"})

    def test_queue_holds_recent_match_and_over_receipt_exceptions(self):
        """Open match exceptions of blocked bills and an over-receipt override,
        opened in the last weeks, wait in each company's queue."""
        exceptions = self._as(self.controller, "dist.exception").search(
            [("state", "=", "open"), ("kind", "in", ("match", "override"))]
        )
        today = fields.Date.today()
        for company, mine in self._by_company(exceptions).items():
            kinds = {(e.kind, e.res_model) for e in mine}
            self.assertIn(("match", "account.move"), kinds, company.name)
            self.assertIn(("override", "purchase.order"), kinds, company.name)
            opened = {e.date_open.date() for e in mine}
            # up to today: the intercompany bills are reviewed on the day
            self.assertTrue(
                all(today - timedelta(days=60) < d <= today for d in opened)
            )

    def test_bill_billed_before_the_goods_awaits_receipt_and_is_blocked(self):
        """A bill for goods partly received awaits the rest and is blocked."""
        bills = self._as(self.controller, "account.move").search(
            [("dist_match_state", "=", "awaiting_receipt")]
        )
        for company, mine in self._by_company(bills).items():
            self.assertTrue(mine, company.name)
            self.assertTrue(all(mine.mapped("dist_payment_blocked")))
            lines = mine.invoice_line_ids.purchase_line_id
            self.assertTrue(any(line.qty_received < line.product_qty for line in lines))
