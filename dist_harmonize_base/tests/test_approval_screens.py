from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged

from .common import ROLE_GROUPS, DistCommon


def list_fields(env, model, view_xmlid=None):
    """The fields of a model's list view, as the web client reads them."""
    view = env.ref(view_xmlid).id if view_xmlid else False
    arch = env[model].get_views([(view, "list")])["views"]["list"]["arch"]
    return [node.get("name") for node in etree.fromstring(arch).iter("field")]


@tagged("post_install", "-at_install")
class TestApprovalScreens(DistCommon):
    """What the approval screens show: no meaningless totals, who and which
    level a request waits for, and the history of the approval configuration."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = cls._make_user(
            "dist_director", ROLE_GROUPS["buyer_manager"], cls.company_a
        )
        for user, name in (
            (cls.buyer_manager, "Bea Manager"),
            (cls.dist_admin, "Ada Admin"),
            (cls.steward, "Sam Steward"),
            (cls.director, "Dora Director"),
            (cls.user_b, "Ben Nordic"),
        ):
            user.name = name
        cls.rule = cls._make_rule(
            "dist.exception",
            cls.company_a,
            [
                {"name": "Manager", "users": cls.buyer_manager | cls.dist_admin},
                {"name": "Director", "users": cls.director | cls.buyer_manager},
            ],
        )

    def _pending_exception(self, company=None, user=None):
        exception = self._make_exception(company=company, amount=100.0)
        exception.with_user(user or self.controller).action_request_waiver()
        return exception

    # ------------------------------------------------------------------
    # totals
    # ------------------------------------------------------------------
    def assertNoGroupTotal(self, model, fields, groupby, domain=()):
        groups = self.env[model].web_read_group(list(domain), fields, [groupby])
        self.assertTrue(groups["groups"], f"{model}: nothing grouped")
        numeric = [
            name
            for name in fields
            if self.env[model]._fields[name].type in ("integer", "float", "monetary")
        ]
        self.assertTrue(numeric)
        for group in groups["groups"]:
            self.assertFalse(set(numeric) & set(group), f"{model}: {group}")

    def test_rule_list_grouped_sums_no_threshold(self):
        """Approval Rules grouped by model or company total no threshold."""
        self._make_rule(
            "dist.exception", self.company_a, [{"name": "L", "users": self.director}]
        ).amount_max = 5000.0
        fields = list_fields(self.env, "dist.approval.rule")
        self.assertIn("amount_max", fields)
        for groupby in ("model_id", "company_id"):
            self.assertNoGroupTotal("dist.approval.rule", fields, groupby)
        # Sorting the grouped list on a threshold still works (a False
        # group_operator would make the client order groups on it, and fail).
        description = self.env["dist.approval.rule"].fields_get(["amount_max"])
        self.assertNotIn("group_operator", description["amount_max"])
        level_fields = ["name", "sequence", "reminder_days", "escalation_days"]
        level_fields += ["reapproval_amount_pct", "reapproval_amount_abs"]
        self.assertNoGroupTotal("dist.approval.rule.level", level_fields, "rule_id")

    def test_my_approvals_sum_no_amounts(self):
        """My Approvals, grouped by document type or status, adds up no amounts,
        and its list has no footer total."""
        self._pending_exception()
        fields = list_fields(self.env, "dist.approval.request")
        self.assertIn("amount", fields)
        for groupby in ("res_model_id", "state", "company_id"):
            self.assertNoGroupTotal("dist.approval.request", fields, groupby)
        arch = self.env["dist.approval.request"].get_views([(False, "list")])
        self.assertNotIn("sum=", arch["views"]["list"]["arch"])

    # ------------------------------------------------------------------
    # waiting for / level
    # ------------------------------------------------------------------
    @freeze_time("2026-04-05 10:00:00")
    def test_waiting_for_names_candidates_and_delegates(self):
        """Level 1 waits for its approvers and today's delegate of one; level
        2 then names its level and leaves out who approved level 1."""
        self.env["dist.approval.delegation"].with_user(self.dist_admin).create(
            {
                "delegate_id": self.steward.id,
                "date_from": "2026-04-01",
                "date_to": "2026-04-05",
                "company_id": self.company_a.id,
            }
        )
        # Another day's delegation and one to the requester change nothing.
        self.env["dist.approval.delegation"].with_user(self.buyer_manager).create(
            [
                {
                    "delegate_id": self.warehouse.id,
                    "date_from": "2026-04-06",
                    "date_to": "2026-04-09",
                    "company_id": self.company_a.id,
                },
                {
                    "delegate_id": self.controller.id,
                    "date_from": "2026-04-01",
                    "date_to": "2026-04-09",
                    "company_id": self.company_a.id,
                },
            ]
        )
        exception = self._pending_exception()
        first = exception.dist_approval_pending_request_ids
        self.assertEqual(first.level_label, "Level 1 of 2 — Manager")
        self.assertEqual(
            first.waiting_for,
            "Ada Admin, Bea Manager, Sam Steward (for Ada Admin)",
        )
        self.assertEqual(
            (exception.dist_approval_level, exception.dist_waiting_for),
            (first.level_label, first.waiting_for),
        )
        # Whoever is listed may act, as the engine decides.
        self.assertTrue(first.with_user(self.steward).can_act)
        self.assertFalse(first.with_user(self.controller).can_act)

        exception.with_user(self.buyer_manager).action_dist_approve()
        second = exception.dist_approval_pending_request_ids
        self.assertEqual(second.level_label, "Level 2 of 2 — Director")
        # The manager approved level 1: only the director remains.
        self.assertEqual(second.waiting_for, "Dora Director")
        self.assertEqual(exception.dist_waiting_for, "Dora Director")
        self.assertFalse(first.waiting_for)

    def test_waiting_for_in_another_company(self):
        """A request of company B waits for its approvers in B only; a
        delegation given in company A does not count there."""
        self._make_rule(
            "dist.exception",
            self.company_b,
            [{"name": "Group", "group": ROLE_GROUPS["dist_admin"]}],
        )
        # dist_admin also belongs to B now; his delegation is for A only.
        self.dist_admin.company_ids |= self.company_b
        self.env["dist.approval.delegation"].with_user(self.dist_admin).create(
            {
                "delegate_id": self.steward.id,
                "date_from": "2026-01-01",
                "date_to": "2099-12-31",
                "company_id": self.company_a.id,
            }
        )
        requester_b = self._make_user(
            "dist_controller_b", ROLE_GROUPS["controller"], self.company_b
        )
        exception = self._pending_exception(self.company_b, requester_b)
        request = exception.dist_approval_pending_request_ids
        self.assertEqual(request.level_label, "Level 1 of 1 — Group")
        self.assertEqual(request.waiting_for, "Ada Admin, Ben Nordic")
        # What the user of company B reads on their own request.
        self.assertEqual(
            request.with_user(self.user_b).waiting_for, "Ada Admin, Ben Nordic"
        )
        self.assertEqual(
            exception.with_user(self.user_b).dist_waiting_for,
            "Ada Admin, Ben Nordic",
        )

    # ------------------------------------------------------------------
    # tracking
    # ------------------------------------------------------------------
    def _tracked_env(self):
        """The admin's environment, tracking as in a new transaction."""
        # Records created in this transaction are tracked from its commit on:
        # run what the commit would.
        self.env.flush_all()
        self.env.cr.precommit.run()
        context = dict(self.env.context)
        for key in ("tracking_disable", "mail_notrack", "mail_create_nolog"):
            context.pop(key, None)
        return self.env(context=context, user=self.dist_admin)

    def _tracking(self, record):
        """``{field name: (old, new)}`` of the last tracked message of ``record``."""
        # Tracking is written when the transaction commits.
        self.env.flush_all()
        self.env.cr.precommit.run()
        record.invalidate_recordset(["message_ids"])
        # sudo: tracking values are read by administrators only.
        message = record.sudo().message_ids.filtered("tracking_value_ids")[:1]
        values = {}
        for tracking in message.tracking_value_ids:
            shown = tracking._tracking_value_format()[0]
            values[tracking.field_id.name] = (
                shown["oldValue"]["value"],
                shown["newValue"]["value"],
            )
        return message, values

    def test_rule_threshold_change_is_tracked(self):
        """Who changed a rule's threshold, from what to what."""
        rule = self.rule.with_env(self._tracked_env())
        rule.write({"amount_max": 5000.0, "name": "Waivers"})
        message, values = self._tracking(rule)
        self.assertEqual(message.author_id, self.dist_admin.partner_id)
        self.assertEqual(values["amount_max_label"], ("No limit", "$\xa05,000.00"))
        self.assertNotIn("amount_max", values)
        self.assertEqual(values["name"], ("dist.exception 0.0-0.0", "Waivers"))

    def test_forged_context_does_not_skip_a_rule_history(self):
        """tracking_disable / mail_notrack sent by the client skip nothing: the
        cap's change and a level's change are in the rule's chatter."""
        rule = self.rule.with_env(self._tracked_env()).with_context(
            tracking_disable=True, mail_notrack=True
        )
        rule.write({"amount_max": 7000.0})
        _message, values = self._tracking(rule)
        self.assertEqual(values["amount_max_label"], ("No limit", "$\xa07,000.00"))
        level = rule.level_ids.filtered(lambda lvl: lvl.name == "Director")
        level.write({"reminder_days": 9})
        self.assertIn("Reminder Days: 2 → 9", rule.message_ids[:1].body)

    def test_level_changes_are_posted_on_the_rule(self):
        """A level added, changed or removed is logged on its rule, old → new."""
        rule = self.rule.with_env(self._tracked_env())
        level = rule.level_ids.filtered(lambda lvl: lvl.name == "Director")
        rule.write(
            {
                "level_ids": [
                    (1, level.id, {"reminder_days": 0, "reapproval_amount_abs": 250.0})
                ]
            }
        )
        body = rule.message_ids[:1].body
        self.assertIn("Level Director changed:", body)
        self.assertIn("Reminder Days: 2 → Never", body)
        self.assertIn("Re-approve above +amount: Never → $&nbsp;250.00", body)
        rule.write(
            {
                "level_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Board",
                            "approver_type": "user",
                            "user_ids": [(6, 0, self.director.ids)],
                        },
                    ),
                ]
            }
        )
        body = rule.message_ids[:1].body
        self.assertIn("Level Board added:", body)
        self.assertIn("Approvers: Dora Director", body)
        rule.write({"level_ids": [(2, level.id)]})
        body = rule.message_ids[:1].body
        self.assertIn("Level Director removed:", body)
        self.assertEqual(rule.message_ids[:1].author_id, self.dist_admin.partner_id)

    def test_request_decision_is_tracked(self):
        """A request's chatter says who approved it and the state it left."""
        exception = self._pending_exception()
        request = exception.dist_approval_pending_request_ids
        env = self._tracked_env()
        exception.with_env(env).with_user(self.buyer_manager).action_dist_approve()
        message, values = self._tracking(request)
        self.assertEqual(message.author_id, self.buyer_manager.partner_id)
        self.assertEqual(values["state"], ("To Approve", "Approved"))
        self.assertEqual(values["done_by_id"], ("", "Bea Manager"))

    def test_sod_rule_and_reason_changes_are_tracked(self):
        """Segregation-of-duties rules and reason codes keep their history."""
        env = self._tracked_env()
        sod = env["dist.sod.rule"].create(
            {
                "name": "Buy and pay",
                "group_a_id": self.env.ref(ROLE_GROUPS["buyer"]).id,
                "group_b_id": self.env.ref(ROLE_GROUPS["controller"]).id,
            }
        )
        self._tracked_env()  # the rule is saved: its next changes are tracked
        sod.block = True
        _message, values = self._tracking(sod)
        self.assertEqual(values["block"], (False, True))
        reason = self.reason_override.with_env(env)
        reason.default_severity = "critical"
        _message, values = self._tracking(reason)
        self.assertEqual(values["default_severity"][1], "Critical")
