"""Shared test base of the dist suite.

Downstream modules import it::

    from odoo.addons.dist_harmonize_base.tests.common import DistCommon

Everything is built once in ``setUpClass``: two companies in different
currencies, one least-privileged user per role in company A, and ``user_b``
who only belongs to company B.
"""

import json

from odoo import fields
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.dist_harmonize_base.tools import guard

MODULE = "dist_harmonize_base"


def call_kw(case, model, method, args, kwargs=None, context=None):
    """Call ``model.method(*args, **kwargs)`` over JSON-RPC like the web client,
    in the session ``case`` (an ``HttpCase``) is signed in with; return
    ``(result, None)`` or ``(None, "ErrorName: message")``."""
    params = {
        "model": model,
        "method": method,
        "args": args,
        "kwargs": dict(kwargs or {}, context=context or {}),
    }
    payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
    response = case.url_open(
        f"/web/dataset/call_kw/{model}/{method}",
        data=json.dumps(payload),
        headers={"Content-Type": "application/json"},
    )
    decoded = response.json()
    if "error" in decoded:
        data = decoded["error"].get("data", {})
        return None, f"{data.get('name')}: {data.get('message')}"
    return decoded["result"], None


ROLE_GROUPS = {
    "buyer": f"{MODULE}.dist_harmonize_base_group_buyer",
    "buyer_manager": f"{MODULE}.dist_harmonize_base_group_buyer_manager",
    "controller": f"{MODULE}.dist_harmonize_base_group_controller",
    "steward": f"{MODULE}.dist_harmonize_base_group_steward",
    "warehouse": f"{MODULE}.dist_harmonize_base_group_warehouse",
    "dist_admin": f"{MODULE}.dist_harmonize_base_group_admin",
}


class DistCommon(TransactionCase):
    """Two companies, one user per role, builders for companies/users/rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                no_reset_password=True,
            )
        )
        cls.usd = cls.env.ref("base.USD")
        cls.eur = cls.env.ref("base.EUR")
        (cls.usd | cls.eur).active = True
        cls.company_a = cls._make_company("Dist A", cls.usd)
        cls.company_b = cls._make_company("Dist B", cls.eur)
        for role, group in ROLE_GROUPS.items():
            setattr(cls, role, cls._make_user(f"dist_{role}", group, cls.company_a))
        cls.user_b = cls._make_user(
            "dist_user_b", ROLE_GROUPS["dist_admin"], cls.company_b
        )
        cls.reason_override = cls.env.ref(f"{MODULE}.dist_exception_reason_override")

    # ------------------------------------------------------------------
    # builders
    # ------------------------------------------------------------------
    @classmethod
    def _make_company(cls, name, currency):
        """Create a company in ``currency`` (a ``res.currency`` record)."""
        return cls.env["res.company"].create({"name": name, "currency_id": currency.id})

    @classmethod
    def _make_user(cls, login, groups, company, **values):
        """Create a user in ``company`` only.

        ``groups`` is a comma-separated string of XML ids (as for
        ``new_test_user``); ``base.group_user`` is always added.
        """
        if "base.group_user" not in groups:
            groups = f"base.group_user,{groups}"
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
            **values,
        )

    @classmethod
    def _make_rule(
        cls, model, company, levels, amount_min=0.0, amount_max=0.0, **values
    ):
        """Create an approval rule for ``model`` (a model name) in ``company``.

        ``levels`` is a list of dicts of ``dist.approval.rule.level`` values,
        in approval order; a ``group`` key may give an XML id or a
        ``res.groups`` record, a ``users`` key a ``res.users`` recordset.
        """
        level_commands = []
        for sequence, level in enumerate(levels, start=1):
            level = dict(level)
            group = level.pop("group", None)
            users = level.pop("users", None)
            if isinstance(group, str):
                group = cls.env.ref(group)
            if group:
                level.setdefault("approver_type", "group")
                level["group_id"] = group.id
            if users:
                level.setdefault("approver_type", "user")
                level["user_ids"] = [(6, 0, users.ids)]
            level.setdefault("sequence", sequence * 10)
            level.setdefault("name", f"Level {sequence}")
            level_commands.append((0, 0, level))
        return cls.env["dist.approval.rule"].create(
            dict(
                {
                    "name": f"{model} {amount_min}-{amount_max}",
                    "model_id": cls.env["ir.model"]._get_id(model),
                    "company_id": company.id,
                    "amount_min": amount_min,
                    "amount_max": amount_max,
                    "level_ids": level_commands,
                },
                **values,
            )
        )

    @staticmethod
    def _matching_rules(Rule, values):
        """The rules routing a document with ``values``, best first."""
        return Rule.browse([row.id for row in Rule._get_matching_rule_rows(values)])

    @classmethod
    def _make_exception(cls, company=None, amount=0.0, currency=None, **values):
        """Create an open exception on a fresh partner of ``company`` (default A)."""
        company = company or cls.company_a
        source = cls.env["res.partner"].create(
            {"name": "Source document", "company_id": company.id}
        )
        Exception_ = cls.env["dist.exception"]
        # permit: the queue's source fields are the raising control's.
        with guard.permit(Exception_, create=True):
            return Exception_.create(
                dict(
                    {
                        "res_model": source._name,
                        "res_id": source.id,
                        "res_name": source.display_name,
                        "company_id": company.id,
                        "kind": "override",
                        "reason_id": cls.reason_override.id,
                        "message": "Control overridden",
                        "severity": "high",
                        "amount": amount,
                        "currency_id": (currency or company.currency_id).id,
                        "waive_reason": "Accepted by the business",
                        "date_open": fields.Datetime.now(),
                    },
                    **values,
                )
            )

    # ------------------------------------------------------------------
    # master-data builders (items, vendors, families)
    # ------------------------------------------------------------------
    @classmethod
    def _make_governed(cls, model, vals):
        """Create ``model`` records with guarded fields set (a test fixture
        standing for master data already cleared; no user can do this)."""
        with guard.permit(cls.env[model], create=True):
            return cls.env[model].create(vals)

    @classmethod
    def _make_product(cls, name, state="active", **values):
        """Create a storable item (product.product) in lifecycle ``state``;
        pass ``state="draft"`` to build one a buyer would submit."""
        return cls._make_governed(
            "product.product",
            dict({"name": name, "type": "product", "dist_state": state}, **values),
        )

    @classmethod
    def _make_vendor(cls, name, state="approved", **values):
        """Create a company partner that is a supplier in ``state``."""
        return cls._make_governed(
            "res.partner",
            dict(
                {"name": name, "is_company": True, "dist_supplier_state": state},
                **values,
            ),
        )

    @classmethod
    def _make_family(cls, name, parent=None, **values):
        """Create a shared product family, under ``parent`` if given."""
        return cls.env["dist.product.family"].create(
            dict({"name": name, "parent_id": parent and parent.id}, **values)
        )
