"""Procure-to-pay demo data (dist_procure) on top of the demo distributor."""

from odoo import Command, models

from ..tools.catalog import COMPANIES, FAMILIES
from ..tools.procure import (
    BULK_FAMILY,
    COMPANY_KEY,
    FAMILY_KEY,
    LINES_PER_ORDER,
    POLICIES,
    VENDOR_KEY,
)
from ..tools.timing import measure

ROLE = "dist_harmonize_base.dist_harmonize_base_group_"
# Groups of the procure actors of each company; the holding's buyer already exists.
ROLE_GROUPS = {
    "buyer": (f"{ROLE}buyer", "base.group_partner_manager"),
    "manager": (f"{ROLE}buyer_manager",),
    "controller": (f"{ROLE}controller",),
    "payables": ("account.group_account_invoice",),
    "warehouse": ("dist_procure.dist_procure_group_over_receipt",),
}
PEOPLE = {
    "hq": {
        "manager": "Grace Holt",
        "controller": "Martin Reyes",
        "payables": "Alice Moreau",
        "warehouse": "Tom Becker",
    },
    "nordic": {
        "buyer": "Erik Nilsson",
        "manager": "Karin Berg",
        "controller": "Lars Holm",
        "payables": "Maja Ek",
        "warehouse": "Johan Lund",
    },
    "brit": {
        "buyer": "Oliver Hughes",
        "manager": "Emma Clarke",
        "controller": "James Whitfield",
        "payables": "Sophie Turner",
        "warehouse": "Harry Patel",
    },
}
ROLE_LABELS = {
    "buyer": "buyer",
    "manager": "buyer manager",
    "controller": "controller",
    "payables": "accounts payable",
    "warehouse": "warehouse lead",
}
DIRECTOR = ("Ingrid Dahl (procurement director)", "dist.demo.director")


class DistDemoGeneratorProcure(models.AbstractModel):
    """Procure-to-pay controls of the demo distributor, in each company.

    Configuration made by the administrator (approval rules, tolerance keys),
    the demo users of each company, then a few weeks of requisitions, purchase
    orders, receipts, bills, payment releases and payments made by them
    (``dist.demo.procure``, planned in ``tools/procure.py``). Runs after the
    history, which is replayed without rules nor keys.
    """

    # One extension of the generator per suite module it needs (procure here,
    # landed cost in its own file), kept apart on purpose: each file goes with
    # its module's dependency.
    _inherit = "dist.demo.generator"  # pylint: disable=consider-merging-classes-inherited

    def _post_generate(self, context):
        result = super()._post_generate(context)
        with measure(self.env.cr, "procure"):
            self._create_procure_demo(context)
        return result

    def _create_procure_demo(self, context):
        context["procure"] = {
            spec.key: self._prepare_procure_company(context, spec) for spec in COMPANIES
        }
        director = self._create_procure_director(context)
        for procure in context["procure"].values():
            procure["users"]["director"] = director
            self._create_procure_rules(procure)
            self._create_tolerance_keys(procure)
        self.env["dist.demo.procure"]._replay(
            list(context["procure"].values()), context["today"]
        )

    # actors and configuration ------------------------------------------------------

    def _prepare_procure_company(self, context, spec):
        company = context["companies"][spec.key]
        users = self._create_procure_users(company, spec.key)
        users.setdefault("buyer", context["demo_users"]["buyer"])
        return {
            "key": spec.key,
            "company": company,
            "policy": POLICIES[spec.key],
            "users": users,
            "warehouses": context["warehouses"][spec.key],
            "vendors": self._pick_procure_vendors(context, company),
            "records": {},
        }

    def _create_procure_users(self, company, key):
        """The buyer (but in the holding), buyer manager, controller, payables
        clerk and warehouse lead of ``company``."""
        people = PEOPLE[key]
        return {
            role: self._create_procure_user(
                f"{people[role]} ({ROLE_LABELS[role]})",
                f"dist.demo.{role}.{key}",
                company,
                groups,
            )
            for role, groups in ROLE_GROUPS.items()
            if role in people
        }

    def _create_procure_director(self, context):
        """The group's procurement director, who signs the large orders of all three."""
        name, login = DIRECTOR
        companies = self.env["res.company"].concat(*context["companies"].values())
        return self._create_procure_user(
            name, login, companies, (f"{ROLE}buyer_manager",)
        )

    def _create_procure_user(self, name, login, companies, groups):
        """An actor of the data; ``_set_demo_passwords`` lets it sign in."""
        return (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": name,
                    "login": login,
                    # the chatter refuses authors without an address
                    "email": f"{login}@dist-demo.example.com",
                    "company_id": companies[:1].id,
                    "company_ids": [Command.set(companies.ids)],
                    "groups_id": [
                        Command.set(
                            [self.env.ref(g).id for g in ("base.group_user", *groups)]
                        )
                    ],
                }
            )
        )

    def _pick_procure_vendors(self, context, company):
        """Approved suppliers paid on a trusted account, the company's currency
        first: ``main``, ``key`` (gets a tolerance key of its own) and ``bulk``
        (sells weighed goods, another than ``key``), each with the currency it
        sells in and its two dearest items (weighed goods first for ``bulk``)."""
        bulk = next(i for i, f in enumerate(FAMILIES) if f.name == BULK_FAMILY)
        products, specs = context["product_specs"], context["supplier_specs"]
        currency = company.currency_id.name
        indexes = [
            spec.index
            for spec in sorted(specs, key=lambda s: (s.currency != currency, s.index))
            if spec.duplicate_of is None
            and spec.product_indexes
            and all(
                context["suppliers"][spec.index].bank_ids.mapped("allow_out_payment")
            )
        ]

        def sells_weighed_goods(index):
            return any(products[p].family == bulk for p in specs[index].product_indexes)

        main, key, *others = indexes
        weighed = next((i for i in (main, *others) if sells_weighed_goods(i)), main)
        vendors = {}
        for role, index in (("main", main), ("key", key), ("bulk", weighed)):
            chosen = sorted(
                specs[index].product_indexes,
                key=lambda p, role=role: (
                    role == "bulk" and products[p].family != bulk,
                    -products[p].cost_usd * products[p].purchase_factor,
                ),
            )[:LINES_PER_ORDER]
            vendors[role] = {
                "partner": context["suppliers"][index],
                "products": [context["products"][p] for p in chosen],
                "currency": self.env.ref(f"base.{specs[index].currency}"),
            }
        return vendors

    def _create_procure_rules(self, procure):
        """Orders from the manager threshold wait for a buyer manager, from the
        director threshold for the procurement director too; every requisition
        waits for a buyer manager."""
        company, policy = procure["company"], procure["policy"]
        manager = self.env.ref(f"{ROLE}buyer_manager")
        money = company.currency_id.name

        def level(name, sequence, **values):
            return Command.create(
                dict(
                    {"name": name, "sequence": sequence, "approver_type": "group"},
                    **values,
                )
            )

        manager_level = {
            "group_id": manager.id,
            "reapproval_amount_pct": 10.0,
            "reapproval_vendor": True,
        }
        director_level = {
            "approver_type": "user",
            "user_ids": [Command.set(procure["users"]["director"].ids)],
        }
        return self.env["dist.approval.rule"].create(
            [
                {
                    "name": f"Purchase orders from {policy.manager_from:,.0f} {money}",
                    "company_id": company.id,
                    "model_id": self.env["ir.model"]._get_id("purchase.order"),
                    "sequence": 10,
                    "amount_min": policy.manager_from,
                    "amount_max": policy.director_from,
                    "level_ids": [level("Buyer manager", 10, **manager_level)],
                },
                {
                    "name": f"Purchase orders from {policy.director_from:,.0f} {money}",
                    "company_id": company.id,
                    "model_id": self.env["ir.model"]._get_id("purchase.order"),
                    "sequence": 20,
                    "amount_min": policy.director_from,
                    "level_ids": [
                        level("Buyer manager", 10, **manager_level),
                        level("Procurement director", 20, **director_level),
                    ],
                },
                {
                    "name": "Requisitions: buyer manager",
                    "company_id": company.id,
                    "model_id": self.env["ir.model"]._get_id(
                        "dist.purchase.requisition"
                    ),
                    "sequence": 10,
                    "level_ids": [level("Buyer manager", 10, group_id=manager.id)],
                },
            ]
        )

    def _create_tolerance_keys(self, procure):
        """The harmonized keys: the company's, one vendor's, the weighed goods'."""
        company, policy = procure["company"], procure["policy"]
        key_vendor = procure["vendors"]["key"]["partner"]
        family = self.env["dist.product.family"].search(
            [("name", "=", BULK_FAMILY)], limit=1
        )
        caps = {"line_amount": policy.line_cap, "bill_total": policy.bill_cap}
        return self.env["dist.tolerance.key"].create(
            [
                dict(
                    {"name": f"{company.name} standard", "company_id": company.id},
                    **COMPANY_KEY,
                    **caps,
                ),
                dict(
                    {
                        "name": f"{key_vendor.name}: raw material prices",
                        "company_id": company.id,
                        "partner_id": key_vendor.id,
                        "sequence": 5,
                    },
                    **VENDOR_KEY,
                    **caps,
                ),
                dict(
                    {
                        "name": f"{BULK_FAMILY}: weighed goods",
                        "company_id": company.id,
                        "product_family_id": family.id,
                        "sequence": 5,
                    },
                    **FAMILY_KEY,
                    line_amount=policy.line_cap,
                ),
            ]
        )
