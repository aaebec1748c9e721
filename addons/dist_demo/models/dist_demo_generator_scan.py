"""Scanner receiving demo data (dist_receiving_scan) on top of the demo distributor."""

from datetime import datetime, timedelta
from datetime import time as day_time

from odoo import Command, models

from odoo.addons.dist_harmonize_base.tools import guard

from ..tools import scan
from ..tools.catalog import BASE_RATES, FAMILIES
from ..tools.procure import STEP_HOURS
from ..tools.refs import vendor_delivery_ref
from ..tools.timing import measure

GS1_NOMENCLATURE = "barcodes_gs1_nomenclature.default_gs1_nomenclature"
STOCK_USER = "stock.group_stock_user"


class DistDemoGeneratorScan(models.AbstractModel):
    """Receipts to scan, per warehouse (plan in ``tools/scan.py``): a receiving
    clerk confined to the warehouse (``dist_scan_warehouse_ids``), receipts of
    approved orders with their vendor's delivery note number, lot-tracked items
    with an expiry date and a GTIN-14 their GS1 labels carry, and in the first
    warehouse of each company a receipt whose order went back to approval.
    Lots and serial numbers are switched on and the companies read barcodes
    with the GS1 nomenclature, as an administrator setting up scanners would.

    Runs after the procure-to-pay demo: the orders are raised by its buyers,
    approved by its buyer managers under its rules, sold by its main vendors.
    ``context["scan"]`` holds the ``items``, the ``receivers`` by warehouse code
    and the ``orders`` by company key and receipt code.
    """

    # pylint: disable=consider-merging-classes-inherited
    _inherit = "dist.demo.generator"

    def _post_generate(self, context):
        result = super()._post_generate(context)
        with measure(self.env.cr, "scan receiving"):
            self._create_scan_demo(context)
        return result

    def _create_scan_demo(self, context):
        self._set_scan_settings(context)
        items = self._create_lot_items(context)
        context["scan"] = {
            "items": items,
            "receivers": self._create_receivers(context),
            "orders": {
                key: self._create_scan_receipts(procure, items, context["today"])
                for key, procure in context["procure"].items()
            },
        }

    def _set_scan_settings(self, context):
        """Lots and serial numbers for every user; GS1 barcodes in every company."""
        self.env.ref("base.group_user")._apply_group(
            self.env.ref("stock.group_production_lot")
        )
        companies = self.env["res.company"].concat(*context["companies"].values())
        companies.write({"nomenclature_id": self.env.ref(GS1_NOMENCLATURE).id})

    # masters ---------------------------------------------------------------------

    def _create_lot_items(self, context):
        """The lot items (active, shared by all companies), each sold by the
        main vendor of every company, in the vendor's currency."""
        vendors = {
            procure["vendors"]["main"]["partner"]: procure["vendors"]["main"]
            for procure in context["procure"].values()
        }
        taxes = self._catalog_taxes(context["companies"])
        vals_list = [
            self._prepare_lot_item_vals(context, spec, vendors.values(), taxes)
            for spec in scan.LOT_ITEMS
        ]
        Product = self.env["product.product"]
        # permit: demo items cleared by the steward before the data set starts.
        with guard.permit(Product, create=True):
            return list(Product.create(vals_list))

    def _prepare_lot_item_vals(self, context, spec, vendors, taxes):
        """Values of one lot item: its family's category, a GTIN-14, expiry."""
        family = next(i for i, f in enumerate(FAMILIES) if f.name == spec.family)
        sibling = next(
            product
            for product, product_spec in zip(
                context["products"], context["product_specs"], strict=True
            )
            if product_spec.family == family
        )
        unit = self.env.ref("uom.product_uom_unit")
        sale_taxes, purchase_taxes = taxes
        return {
            "name": spec.name,
            "default_code": spec.default_code,
            "barcode": spec.gtin,
            "detailed_type": "product",
            "categ_id": sibling.categ_id.id,
            "dist_family_id": sibling.dist_family_id.id,
            "dist_state": "active",
            "uom_id": unit.id,
            "uom_po_id": unit.id,
            "weight": spec.weight,
            "volume": spec.volume,
            "list_price": round(spec.cost_usd * 1.6, 2),
            "purchase_method": "receive",
            "invoice_policy": "delivery",
            "tracking": "lot",
            "use_expiration_date": True,
            "expiration_time": spec.expiration_days,
            "use_time": spec.use_days,
            "removal_time": spec.use_days,
            "alert_time": spec.use_days,
            "taxes_id": [Command.set(sale_taxes)],
            "supplier_taxes_id": [Command.set(purchase_taxes)],
            "company_id": False,
            "seller_ids": [
                Command.create(
                    {
                        "partner_id": vendor["partner"].id,
                        "currency_id": vendor["currency"].id,
                        "price": round(
                            spec.cost_usd * BASE_RATES[vendor["currency"].name], 2
                        ),
                        "delay": 7,
                        "company_id": False,
                    }
                )
                for vendor in vendors
            ],
        }

    def _create_receivers(self, context):
        """One receiving clerk per warehouse: stock user of its company, scanning
        in that warehouse only; signs in once ``_set_demo_passwords`` ran."""
        receivers = {}
        for procure in context["procure"].values():
            for warehouse in procure["warehouses"]:
                user = self._create_procure_user(
                    f"{scan.RECEIVERS[warehouse.code]} ({warehouse.name} receiving)",
                    scan.receiver_login(warehouse.code),
                    procure["company"],
                    (STOCK_USER,),
                )
                user.dist_scan_warehouse_ids = warehouse
                receivers[warehouse.code] = user
        return receivers

    # receipts ----------------------------------------------------------------------

    def _create_scan_receipts(self, procure, items, today):
        """Raise, approve and (for one) change the orders of ``scan.RECEIPTS`` in
        the company of ``procure``, each step as its demo user on its day;
        return the orders by receipt code."""
        replay = self.env["dist.demo.procure"]
        cases = scan.RECEIPTS
        ordered = today - timedelta(days=scan.ORDERED)
        buyer = replay._procure_env(procure, "buyer")
        orders = buyer["purchase.order"].create(
            [
                self._prepare_scan_order_vals(procure, case, items, ordered)
                for case in cases
            ]
        )
        orders.button_confirm()
        replay._stamp([orders, orders.picking_ids], self._at(ordered, "order"))
        manager = procure["users"]["manager"]
        for order in orders.filtered(lambda o: o.dist_approval_state == "pending"):
            order.with_user(manager).with_company(order.company_id).button_approve()
        approved = today - timedelta(days=scan.APPROVED)
        self._set_delivery_notes(procure, cases, orders, approved)
        replay._stamp([orders, orders.picking_ids], self._at(approved, "approve"))
        for case, order in zip(cases, orders, strict=True):
            if case.changed:
                self._change_after_approval(procure, order)
        replay._stamp([orders, orders.picking_ids], self._at(today, "order"))
        return dict(zip((case.code for case in cases), orders, strict=True))

    def _prepare_scan_order_vals(self, procure, case, items, day):
        """The procure demo's order of the main vendor (its catalog lines for
        ``case.size``) for the case's warehouse, plus the lot items."""
        vals = self.env["dist.demo.procure"]._prepare_procure_order_vals(
            procure, case.purchase_case, day, case.warehouse
        )
        # expected at the dock the day of installation, where they wait
        arrival = datetime.combine(day + timedelta(days=scan.ORDERED), day_time(10))
        for _command, _id, line_vals in vals["order_line"]:
            line_vals["date_planned"] = arrival
        vals["order_line"] += [
            Command.create(
                {
                    "product_id": items[index].id,
                    "product_qty": case.lot_qty,
                    "product_uom": items[index].uom_po_id.id,
                    "date_planned": arrival,
                }
            )
            for index in case.lot_items
        ]
        return vals

    def _set_delivery_notes(self, procure, cases, orders, day):
        """The vendor's delivery note number on each receipt, scannable to open
        it (written by the install: the buyer does not handle receipts)."""
        for case, order in zip(cases, orders, strict=True):
            receipts = self.env["stock.picking"].browse(order.picking_ids.ids)
            receipts.dist_vendor_ref = vendor_delivery_ref(
                order.partner_id.name, f"{procure['key']}/{case.code}", day
            )

    def _change_after_approval(self, procure, order):
        """The buyer doubles the first line of an approved order: beyond its
        level's re-approval threshold, the order goes back to approval and its
        receipt, still at the dock, can no longer be received."""
        buyer = procure["users"]["buyer"]
        first = order.order_line.sorted("id")[:1]
        order.with_user(buyer).with_company(order.company_id).write(
            {
                "order_line": [
                    Command.update(first.id, {"product_qty": first.product_qty * 2})
                ]
            }
        )

    @staticmethod
    def _at(day, step):
        return datetime.combine(day, day_time(STEP_HOURS[step]))
