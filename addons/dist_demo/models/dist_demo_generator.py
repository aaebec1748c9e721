"""Master data of the demo distributor, and the entry point of the generator."""

import hashlib
import logging
import time
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.dist_harmonize_base.tools import guard

from ..tools.catalog import (
    BASE_RATES,
    COMPANIES,
    FAMILIES,
    FAMILY_GROUPS,
    REGIONS,
    SEGMENTS,
    build_customers,
    build_products,
    build_suppliers,
    make_rng,
    region_of_country,
)
from ..tools.logins import DEMO_PASSWORD, LOGIN_PREFIX, landing_of, role_of
from ..tools.plan import build_supplier_prices, history_start, plan_history
from ..tools.scale import DemoScale
from ..tools.timing import measure

_logger = logging.getLogger(__name__)

QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "mail_create_nosubscribe": True,
}
# Payment terms of Odoo's data (account.account_payment_term_<key>), dealt in turn.
SUPPLIER_TERMS = ("30days", "45days", "end_following_month", "30days", "15days")
CUSTOMER_TERMS = ("30days", "15days", "30days", "end_following_month")
UOM_XMLIDS = {
    "unit": "uom.product_uom_unit",
    "kg": "uom.product_uom_kgm",
    "litre": "uom.product_uom_litre",
}
COUNTED_MODELS = (
    "res.company",
    "stock.warehouse",
    "product.product",
    "product.supplierinfo",
    "res.partner",
    "res.currency.rate",
    "purchase.order",
    "purchase.order.line",
    "sale.order",
    "sale.order.line",
    "stock.picking",
    "stock.move",
    "stock.valuation.layer",
    "account.move",
    "account.move.line",
    "dist.exception",
    "dist.bank.change",
)


class DistDemoGenerator(models.AbstractModel):
    """Builds the demo distributor: three companies, six warehouses, a catalog and a
    year of purchase and sales history, deterministically from a seed.

    Extension contract: later modules override ``_post_generate(context)`` to add
    their configuration on top (``context`` holds the created records by key), and
    ``_prepare_product_vals``/``_prepare_partner_vals`` to add fields to the masters.

    Masters are governed (dist_harmonize_base): catalog items are created active,
    suppliers approved (the install runs as superuser, the only one allowed to set
    these states on create); the near-duplicates are drafts a steward submits, so
    the suite's duplicate checks flag them (``_create_governance``).
    """

    _name = "dist.demo.generator"
    _description = "Demo distributor generator"

    @api.model
    def generate(self, scale=None, today=None):
        """Generate the whole data set for ``scale`` (a ``DemoScale``) as of ``today``.

        Needs an administrator (chart templates refuse anyone else); the install
        hook runs as the superuser.
        """
        scale = scale or DemoScale()
        today = today or fields.Date.context_today(self)
        return self.with_context(**QUIET_CONTEXT)._generate(scale, today)

    def _generate(self, scale, today):
        started = time.monotonic()
        start = history_start(today, scale.months)
        self._create_currency_rates(scale.seed, start, today)
        companies = self._create_companies()
        products = build_products(make_rng(scale.seed, "products"), scale.skus)
        suppliers = build_suppliers(make_rng(scale.seed, "suppliers"), products)
        customers = build_customers(make_rng(scale.seed, "customers"), scale.skus)
        prices = build_supplier_prices(scale.seed, suppliers, products, start, today)
        dimensions = self._create_dimensions()
        self._set_company_regions(companies, dimensions)
        context = {
            "today": today,
            "companies": companies,
            "dimensions": dimensions,
            "warehouses": self._create_warehouses(companies, dimensions),
            "pricelists": self._create_pricelists(companies),
        }
        context["product_specs"] = products
        context["products"] = self._create_products(
            products, self._create_categories(companies), companies, dimensions
        )
        context["supplier_specs"] = suppliers
        context["suppliers"] = self._create_partners(
            suppliers, supplier=True, dimensions=dimensions
        )
        context["supplier_currencies"] = [s.currency for s in suppliers]
        context["customers"] = self._create_partners(
            customers, supplier=False, dimensions=dimensions
        )
        self._create_supplier_prices(prices, context)
        _logger.info(
            "dist_demo: master data ready in %.1fs", time.monotonic() - started
        )
        purchases, sales = plan_history(
            scale.seed, scale, today, COMPANIES, products, suppliers, customers, prices
        )
        with measure(self.env.cr, "history"):
            self.env["dist.demo.history"]._replay(purchases, sales, context)
        with measure(self.env.cr, "governance"):
            self._create_governance(context)
        self._post_generate(context)
        self._set_demo_landings(self._set_demo_passwords())
        self.env.flush_all()
        _logger.info(
            "dist_demo: %s generated in %.1fs", scale, time.monotonic() - started
        )
        for model, count in self._count_rows().items():
            _logger.info("dist_demo: %-22s %8d rows", model, count)
        _logger.info("dist_demo: fingerprint %s", self._fingerprint(companies))
        return context

    # governance -----------------------------------------------------------------

    def _create_governance(self, context):
        """What a steward finds on first login: the near-duplicates a buyer created
        and submitted, flagged, one supplier bank account changed by a buyer
        awaiting the second person, and an amount-based approval rule next to the
        default ones."""
        holding = context["companies"][COMPANIES[0].key]
        users = self._create_demo_users(holding)
        context["demo_users"] = users
        self._create_amount_rule(holding)
        buyer = users["buyer"]
        as_buyer = self.with_user(buyer).with_company(holding).env
        specs = context["product_specs"]
        duplicates = self.env["product.product"].concat(
            *(
                p
                for p, s in zip(context["products"], specs, strict=True)
                if s.duplicate_of is not None
            )
        )
        suppliers = self.env["res.partner"].concat(
            *(
                partner
                for partner, spec in zip(
                    context["suppliers"], context["supplier_specs"], strict=True
                )
                if spec.duplicate_of is not None
            )
        )
        self._sql_set_author(buyer, duplicates.product_tmpl_id, duplicates, suppliers)
        # the buyer submits the look-alikes: the similar-name check queues them
        as_buyer["product.template"].browse(
            duplicates.product_tmpl_id.ids
        ).action_dist_submit()
        for partner in as_buyer["res.partner"].browse(suppliers.ids):
            self._submit_supplier(partner)
        self._change_bank_account(context, buyer)

    def _sql_set_author(self, user, *recordsets):
        """Make ``user`` the creator of ``recordsets`` (made by the generator as the
        superuser): whom the approval request names as requester."""
        self.env.flush_all()
        for records in filter(None, recordsets):
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET create_uid = %s, write_uid = %s WHERE id IN %s",
                    SQL.identifier(records._table),
                    user.id,
                    user.id,
                    tuple(records.ids),
                )
            )
            records.invalidate_recordset(["create_uid", "write_uid"])

    def _set_demo_passwords(self):
        """Every demo user (login ``dist.demo.*``, whichever part of the demo made
        it) signs in with ``DEMO_PASSWORD``. The password is shared, so it is hashed
        once (a hash costs Odoo's 600,000 rounds, half a second) for all of them."""
        Users = self.env["res.users"]
        users = Users.search([("login", "=like", f"{LOGIN_PREFIX}%")])
        hashed = Users._crypt_context().hash(DEMO_PASSWORD)
        for user in users:
            Users._set_encrypted_password(user.id, hashed)
        _logger.info(
            "dist_demo: %d demo users sign in with the password %r",
            len(users),
            DEMO_PASSWORD,
        )
        return users

    def _set_demo_landings(self, users):
        """Each demo user lands on its work on signing in (``LANDINGS``: the
        approvals, the exception queue, the receipts, the scanner screen...),
        not on Discuss."""
        landings = {}
        for user in users:
            xmlid, _name = landing_of(
                role_of(user.login),
                lambda xmlid: self.env.ref(xmlid, raise_if_not_found=False),
            )
            landings[xmlid] = landings.get(xmlid, users.browse()) | user
        for xmlid, people in landings.items():
            people.write({"action_id": self.env.ref(xmlid).id})

    def _create_demo_users(self, company):
        """A steward and a buyer of the holding (``_set_demo_passwords`` lets them
        sign in once the data is made)."""
        module = "dist_harmonize_base.dist_harmonize_base_group_"
        specs = (
            (
                "steward",
                "Sofia Lindqvist (steward)",
                "dist.demo.steward",
                ("base.group_user", f"{module}steward"),
            ),
            (
                "buyer",
                "Ben Carter (buyer)",
                "dist.demo.buyer",
                ("base.group_user", f"{module}buyer", "base.group_partner_manager"),
            ),
        )
        Users = self.env["res.users"].with_context(no_reset_password=True)
        return {
            key: Users.create(
                {
                    "name": name,
                    "login": login,
                    # the chatter refuses authors without an address (the buyer
                    # changes confirmed orders in the scan demo)
                    "email": f"{login}@dist-demo.example.com",
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "groups_id": [Command.set([self.env.ref(g).id for g in groups])],
                }
            )
            for key, name, login, groups in specs
        }

    def _create_amount_rule(self, company):
        """Exceptions waived above 5,000 in the holding need a controller too."""
        controller = self.env.ref(
            "dist_harmonize_base.dist_harmonize_base_group_controller"
        )
        return self.env["dist.approval.rule"].create(
            {
                "name": "Waivers from 5,000: controller",
                "company_id": company.id,
                "model_id": self.env["ir.model"]._get_id("dist.exception"),
                "sequence": 50,
                "amount_min": 5000.0,
                "amount_max": 0.0,
                "level_ids": [
                    Command.create(
                        {
                            "name": "Controller",
                            "approver_type": "group",
                            "group_id": controller.id,
                        }
                    )
                ],
            }
        )

    def _submit_supplier(self, partner):
        """Submit as the buyer; a tax ID shared with another supplier blocks the
        submission, and the refusal goes to the exception queue for the steward."""
        try:
            with self.env.cr.savepoint():
                partner.action_dist_submit()
        except ValidationError as error:
            partner.env["dist.exception"].raise_for(
                partner,
                "duplicate",
                "similar_supplier",
                error.args[0],
                severity="high",
            )

    def _change_bank_account(self, context, buyer):
        """A buyer types a new account number for an approved supplier (the
        classic invoice-fraud path): untrusted until a second person approves."""
        supplier = context["suppliers"][2]
        bank = supplier.bank_ids[:1].with_user(buyer)
        number = bank.acc_number
        bank.write({"acc_number": f"{number[:-8]}{number[-8:][::-1]}"})
        return bank

    def _post_generate(self, context):
        """Hook for modules that extend the demo data set."""

    def _country(self, code):
        return self.env["res.country"].search([("code", "=", code)], limit=1)

    def _fingerprint(self, companies):
        """A digest of the generated documents (names, partners, products, quantities,
        prices, dates): two installs with the same seed on the same day log the same."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT o.name, p.name, pp.default_code, l.product_qty, l.price_unit,
                   o.date_order::date
              FROM purchase_order_line l
              JOIN purchase_order o ON o.id = l.order_id
              JOIN res_partner p ON p.id = o.partner_id
              JOIN product_product pp ON pp.id = l.product_id
             WHERE o.company_id IN %(companies)s
             UNION ALL
            SELECT o.name, p.name, pp.default_code, l.product_uom_qty, l.price_unit,
                   o.date_order::date
              FROM sale_order_line l
              JOIN sale_order o ON o.id = l.order_id
              JOIN res_partner p ON p.id = o.partner_id
              JOIN product_product pp ON pp.id = l.product_id
             WHERE o.company_id IN %(companies)s
             ORDER BY 1, 3, 4
            """,
            {"companies": tuple(c.id for c in companies.values())},
        )
        return hashlib.sha1(repr(self.env.cr.fetchall()).encode()).hexdigest()

    def _count_rows(self):
        return {
            model: self.env[model].with_context(active_test=False).search_count([])
            for model in COUNTED_MODELS
        }

    def _create_currency_rates(self, seed, start, today):
        """A year of daily rates (per USD) for EUR and GBP, shared by all companies."""
        rng = make_rng(seed, "rates")
        vals_list = []
        for code in ("EUR", "GBP"):
            currency = self.env.ref(f"base.{code}")
            currency.active = True
            rate = BASE_RATES[code]
            day = start - timedelta(days=7)
            while day <= today:
                rate *= 1 + rng.uniform(-0.004, 0.004)
                vals_list.append(
                    {
                        "name": day,
                        "currency_id": currency.id,
                        "rate": round(rate, 6),
                        "company_id": False,
                    }
                )
                day += timedelta(days=1)
        self.env["res.currency.rate"].create(vals_list)

    def _create_companies(self):
        """Three legal entities, each with its chart of accounts (anglo-saxon).

        The acquired entities are root companies, not branches: Odoo 17 branches
        share their parent's currency and chart, an acquired legal entity does not.
        The holding reuses the database's main company (renamed; it keeps its
        warehouse), so the database has exactly the three demo companies.
        """
        companies = {}
        for spec in COMPANIES:
            vals = {
                "name": spec.name,
                "currency_id": self.env.ref(f"base.{spec.currency}").id,
                "country_id": self._country(spec.country).id,
            }
            if spec is COMPANIES[0]:
                company = self.env.ref("base.main_company")
                if company.currency_id.id == vals["currency_id"]:
                    del vals["currency_id"]  # refused once entries exist
                company.write(vals)
            else:
                company = self.env["res.company"].create(vals)
            if not company.chart_template:
                self.env["account.chart.template"].try_loading(
                    "generic_coa", company=company, install_demo=False
                )
            # the generic chart sets the currency of its fiscal country (USD): restore
            # the entity's own currency before any entry exists
            company.write(
                {
                    "currency_id": self.env.ref(f"base.{spec.currency}").id,
                    "anglo_saxon_accounting": True,
                }
            )
            companies[spec.key] = company
        admin = self.env.ref("base.user_admin")
        admin.company_ids = [Command.link(c.id) for c in companies.values()]
        return companies

    def _create_dimensions(self):
        """Harmonized regions and customer segments, shared by all companies."""
        regions = self.env["dist.region"].create(
            [
                {
                    "name": name,
                    "code": code,
                    "sequence": 10 * (number + 1),
                    "country_ids": [
                        Command.set(
                            self.env["res.country"]
                            .search([("code", "in", countries)])
                            .ids
                        )
                    ],
                }
                for number, (code, name, countries) in enumerate(REGIONS)
            ]
        )
        segments = self.env["dist.customer.segment"].create(
            [
                {"name": name, "code": code, "sequence": 10 * (number + 1)}
                for number, (code, name) in enumerate(SEGMENTS)
            ]
        )
        return {
            "regions": {
                code: r for (code, *_rest), r in zip(REGIONS, regions, strict=True)
            },
            "segments": {
                code: s for (code, _name), s in zip(SEGMENTS, segments, strict=True)
            },
        }

    def _set_company_regions(self, companies, dimensions):
        for spec in COMPANIES:
            companies[spec.key].dist_region_id = dimensions["regions"][spec.region]

    def _create_warehouses(self, companies, dimensions):
        """Two warehouses per company; the one Odoo creates with the company is renamed."""
        warehouses = {}
        Warehouse = self.env["stock.warehouse"]
        for spec in COMPANIES:
            company = companies[spec.key]
            first = Warehouse.search([("company_id", "=", company.id)], limit=1)
            (code, name), (code2, name2) = spec.warehouses
            region = dimensions["regions"][spec.region]
            first.write({"name": name, "code": code, "dist_region_id": region.id})
            second = Warehouse.with_company(company).create(
                {
                    "name": name2,
                    "code": code2,
                    "company_id": company.id,
                    "partner_id": company.partner_id.id,
                    "dist_region_id": region.id,
                }
            )
            warehouses[spec.key] = [first, second]
        return warehouses

    def _create_pricelists(self, companies):
        return {
            spec.key: self.env["product.pricelist"].create(
                {
                    "name": f"{spec.name} ({spec.currency})",
                    "currency_id": companies[spec.key].currency_id.id,
                    "company_id": companies[spec.key].id,
                }
            )
            for spec in COMPANIES
        }

    def _create_categories(self, companies):
        """One category per family, automated valuation, FIFO or AVCO in every company."""
        root = self.env["product.category"].create({"name": "Distribution"})
        categories = self.env["product.category"].create(
            [{"name": family.name, "parent_id": root.id} for family in FAMILIES]
        )
        for company in companies.values():
            for family, category in zip(FAMILIES, categories, strict=True):
                category.with_company(company).write(
                    {
                        "property_cost_method": family.cost_method,
                        "property_valuation": "real_time",
                    }
                )
        return categories

    def _set_precisions(self):
        """Screws weigh grams and take cm³: weights to the gram, volumes to 10 cm³."""
        self.env.ref("product.decimal_stock_weight").digits = 3
        self.env.ref("product.decimal_volume").digits = 5

    def _box_uom(self):
        return self.env["uom.uom"].create(
            {
                "name": "Box of 12",
                "category_id": self.env.ref("uom.product_uom_categ_unit").id,
                "uom_type": "bigger",
                "factor_inv": 12.0,
                "rounding": 1.0,
            }
        )

    def _create_families(self):
        """The family tree Distribution / group / family, one family per category.

        Items of every family need a weight and a GTIN before submission."""
        Family = self.env["dist.product.family"]
        root = Family.create(
            {
                "name": "Distribution",
                "code": "DIST",
                "require_weight": True,
                "require_barcode": True,
            }
        )
        by_name = {}
        for code, name, members in FAMILY_GROUPS:
            group = Family.create({"name": name, "code": code, "parent_id": root.id})
            children = Family.create(
                [
                    {
                        "name": member,
                        "code": f"{code}-{number + 1}",
                        "parent_id": group.id,
                    }
                    for number, member in enumerate(members)
                ]
            )
            by_name.update(zip(members, children, strict=True))
        return [by_name[family.name] for family in FAMILIES]

    def _prepare_product_vals(self, spec, categories, families, uoms, box, taxes):
        """Values of one catalog item: active, or draft for a near-duplicate."""
        uom = uoms[spec.uom]
        sale_taxes, purchase_taxes = taxes
        return {
            "name": spec.name,
            "default_code": spec.default_code,
            "barcode": spec.barcode,
            "detailed_type": "product",
            "categ_id": categories[spec.family].id,
            "dist_family_id": families[spec.family].id,
            "dist_state": "draft" if spec.duplicate_of is not None else "active",
            "uom_id": uom.id,
            "uom_po_id": box.id if spec.boxed else uom.id,
            "weight": spec.weight,
            "volume": spec.volume,
            "list_price": spec.list_price_usd,
            "purchase_method": "receive",
            "invoice_policy": "delivery",
            "taxes_id": [Command.set(sale_taxes)],
            "supplier_taxes_id": [Command.set(purchase_taxes)],
            "company_id": False,
        }

    def _create_products(self, specs, categories, companies, dimensions=None):
        """Storable products shared by all companies, taxed in each of them."""
        self._set_precisions()
        box = self._box_uom()
        uoms = {kind: self.env.ref(xmlid) for kind, xmlid in UOM_XMLIDS.items()}
        taxes = self._catalog_taxes(companies)
        families = self._create_families()
        vals_list = [
            self._prepare_product_vals(spec, categories, families, uoms, box, taxes)
            for spec in specs
        ]
        Product = self.env["product.product"]
        # permit: the demo's history starts with items already cleared.
        with guard.permit(Product, create=True):
            return list(Product.create(vals_list))

    def _catalog_taxes(self, companies):
        """``(sale tax ids, purchase tax ids)`` of items shared by ``companies``
        (by key): each company's default taxes."""
        return (
            [
                c.account_sale_tax_id.id
                for c in companies.values()
                if c.account_sale_tax_id
            ],
            [
                c.account_purchase_tax_id.id
                for c in companies.values()
                if c.account_purchase_tax_id
            ],
        )

    def _prepare_partner_vals(self, spec, supplier, countries, dimensions):
        """Values of one supplier (approved, paid on a trusted account, or draft
        for a near-duplicate) or customer (with its segment and region)."""
        vals = {
            "name": spec.name,
            "is_company": True,
            "country_id": countries[spec.country].id,
            "company_id": False,
            "dist_region_id": dimensions["regions"][region_of_country(spec.country)].id,
        }
        if not supplier:
            vals.update(
                ref=spec.ref,
                customer_rank=1,
                dist_segment_id=dimensions["segments"][spec.segment].id,
                property_payment_term_id=self._payment_term(
                    CUSTOMER_TERMS, spec.index
                ).id,
            )
            return vals
        duplicate = spec.duplicate_of is not None
        bank = {
            "acc_number": f"{spec.country}{spec.index + 1:02d} DIST {spec.vat[-8:]}",
            "acc_holder_name": spec.name,
        }
        if not duplicate:
            # trusted at creation: the accounts were paid before the four-eyes
            # control (created under the guard's permit, _create_partners)
            bank["allow_out_payment"] = True
        vals.update(
            vat=spec.vat,
            supplier_rank=1,
            dist_supplier_state="draft" if duplicate else "approved",
            property_supplier_payment_term_id=self._payment_term(
                SUPPLIER_TERMS, spec.index
            ).id,
            bank_ids=[Command.create(bank)],
        )
        return vals

    def _payment_term(self, terms, index):
        """The payment term of the partner ``index``: its bills and invoices fall
        due that long after their date, so the aged balances spread out."""
        return self.env.ref(f"account.account_payment_term_{terms[index % len(terms)]}")

    def _create_partners(self, specs, supplier, dimensions):
        countries = {code: self._country(code) for code in {s.country for s in specs}}
        vals_list = [
            self._prepare_partner_vals(spec, supplier, countries, dimensions)
            for spec in specs
        ]
        Partner, Bank = self.env["res.partner"], self.env["res.partner.bank"]
        # permit: suppliers already approved, paid on trusted accounts.
        with guard.permit(Partner, create=True), guard.permit(Bank, create=True):
            partners = Partner.create(vals_list)
        term_field = (
            "property_supplier_payment_term_id"
            if supplier
            else "property_payment_term_id"
        )
        self._share_payment_terms(partners, term_field)
        return list(partners)

    def _share_payment_terms(self, partners, term_field):
        """The term is company-dependent and was set in the current company only:
        the other companies deal with the partner on the same term."""
        others = self.env["res.company"].search([("id", "!=", self.env.company.id)])
        for term in partners[term_field]:
            having = partners.filtered(lambda p, t=term: p[term_field] == t)
            for company in others:
                having.with_company(company).write({term_field: term.id})

    def _create_supplier_prices(self, prices, context):
        currencies = {code: self.env.ref(f"base.{code}") for code in BASE_RATES}
        suppliers, products = context["suppliers"], context["products"]
        currency_codes = context["supplier_currencies"]
        vals_list = []
        for row in prices:
            product = products[row.product]
            vals_list.append(
                {
                    "partner_id": suppliers[row.supplier].id,
                    "product_tmpl_id": product.product_tmpl_id.id,
                    "price": row.price,
                    "currency_id": currencies[currency_codes[row.supplier]].id,
                    "min_qty": row.min_qty,
                    "delay": row.delay,
                    "date_start": row.date_start,
                    "date_end": row.date_end,
                    "company_id": False,
                }
            )
        self.env["product.supplierinfo"].create(vals_list)
