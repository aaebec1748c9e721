"""Master data of the demo distributor, and the entry point of the generator."""

import hashlib
import logging
import time
from datetime import timedelta

from odoo import Command, api, fields, models

from ..tools.catalog import (
    BASE_RATES,
    COMPANIES,
    FAMILIES,
    build_customers,
    build_products,
    build_suppliers,
    make_rng,
)
from ..tools.plan import build_supplier_prices, history_start, plan_history
from ..tools.scale import DemoScale

_logger = logging.getLogger(__name__)

QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "mail_create_nosubscribe": True,
}
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
)


class DistDemoGenerator(models.AbstractModel):
    """Builds the demo distributor: three companies, six warehouses, a catalog and a
    year of purchase and sales history, deterministically from a seed.

    Extension contract: later modules override ``_post_generate(context)`` to add
    their configuration on top (``context`` holds the created records by key).
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
        context = {
            "today": today,
            "companies": companies,
            "warehouses": self._create_warehouses(companies),
            "pricelists": self._create_pricelists(companies),
        }
        context["products"] = self._create_products(
            products, self._create_categories(companies), companies
        )
        context["suppliers"] = self._create_partners(suppliers, supplier=True)
        context["supplier_currencies"] = [s.currency for s in suppliers]
        context["customers"] = self._create_partners(customers, supplier=False)
        self._create_supplier_prices(prices, context)
        _logger.info(
            "dist_demo: master data ready in %.1fs", time.monotonic() - started
        )
        purchases, sales = plan_history(
            scale.seed, scale, today, COMPANIES, products, suppliers, customers, prices
        )
        self.env["dist.demo.history"]._replay(purchases, sales, context)
        self._post_generate(context)
        self.env.flush_all()
        _logger.info(
            "dist_demo: %s generated in %.1fs", scale, time.monotonic() - started
        )
        for model, count in self._count_rows().items():
            _logger.info("dist_demo: %-22s %8d rows", model, count)
        _logger.info("dist_demo: fingerprint %s", self._fingerprint(companies))
        return context

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
        """
        companies = {}
        for spec in COMPANIES:
            company = self.env["res.company"].create(
                {
                    "name": spec.name,
                    "currency_id": self.env.ref(f"base.{spec.currency}").id,
                    "country_id": self._country(spec.country).id,
                }
            )
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

    def _create_warehouses(self, companies):
        """Two warehouses per company; the one Odoo creates with the company is renamed."""
        warehouses = {}
        Warehouse = self.env["stock.warehouse"]
        for spec in COMPANIES:
            company = companies[spec.key]
            first = Warehouse.search([("company_id", "=", company.id)], limit=1)
            (code, name), (code2, name2) = spec.warehouses
            first.write({"name": name, "code": code})
            second = Warehouse.with_company(company).create(
                {
                    "name": name2,
                    "code": code2,
                    "company_id": company.id,
                    "partner_id": company.partner_id.id,
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

    def _create_products(self, specs, categories, companies):
        """Storable products shared by all companies, taxed in each of them."""
        self._set_precisions()
        box = self._box_uom()
        uoms = {kind: self.env.ref(xmlid) for kind, xmlid in UOM_XMLIDS.items()}
        sale_taxes = [
            c.account_sale_tax_id.id
            for c in companies.values()
            if c.account_sale_tax_id
        ]
        purchase_taxes = [
            c.account_purchase_tax_id.id
            for c in companies.values()
            if c.account_purchase_tax_id
        ]
        vals_list = []
        for spec in specs:
            uom = uoms[spec.uom]
            vals_list.append(
                {
                    "name": spec.name,
                    "default_code": spec.default_code,
                    "barcode": spec.barcode,
                    "detailed_type": "product",
                    "categ_id": categories[spec.family].id,
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
            )
        return list(self.env["product.product"].create(vals_list))

    def _create_partners(self, specs, supplier):
        countries = {code: self._country(code) for code in {s.country for s in specs}}
        vals_list = []
        for spec in specs:
            vals = {
                "name": spec.name,
                "is_company": True,
                "country_id": countries[spec.country].id,
                "company_id": False,
            }
            if supplier:
                vals.update(vat=spec.vat, supplier_rank=1)
            else:
                vals.update(customer_rank=1)
            vals_list.append(vals)
        return list(self.env["res.partner"].create(vals_list))

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
