from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.dist_harmonize_base.tools import guard

from ..tools import allocation
from .dist_landed_cost_template import CORE_SPLIT_METHOD


class StockPicking(models.Model):
    _inherit = "stock.picking"

    dist_shipment_id = fields.Many2one(
        "dist.inbound.shipment",
        string="Inbound Shipment",
        check_company=True,
        index="btree_not_null",
        copy=False,
        help="Container or consignment this receipt arrives in.",
    )
    dist_landed_cost_ids = fields.One2many(
        "stock.landed.cost",
        "dist_picking_id",
        string="Landed Cost Estimates",
        readonly=True,
    )
    dist_estimate_amount = fields.Monetary(
        string="Estimated Landed Cost",
        compute="_compute_dist_estimate_amount",
        currency_field="dist_company_currency_id",
        help="Landed cost accrued at receipt from the cost template; trued up "
        "when the actual bills are posted.",
    )
    dist_has_estimate = fields.Boolean(
        string="Has Landed Cost Estimate", compute="_compute_dist_estimate_amount"
    )
    dist_company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )

    @api.depends("dist_landed_cost_ids.amount_total", "dist_landed_cost_ids.state")
    def _compute_dist_estimate_amount(self):
        for picking in self:
            # sudo: buyers and warehouse staff see the estimate's total without
            # having landed-cost (stock manager) rights
            costs = picking.sudo().dist_landed_cost_ids.filtered(
                lambda cost: cost.state == "done"
            )
            picking.dist_estimate_amount = sum(costs.mapped("amount_total"))
            picking.dist_has_estimate = bool(costs)

    def _action_done(self):
        res = super()._action_done()
        self._dist_create_landed_cost_estimates()
        return res

    def _dist_create_landed_cost_estimates(self):
        """Accrue the estimated landed cost of done PO receipts a template covers.

        Products at standard price are left out (core refuses landed costs
        on them) with an entry in the exception queue; so are goods lacking
        the estimate's basis (e.g. duty per kg without weights), and a receipt
        whose cost cannot be split (e.g. no weights): validating the receipt
        never fails because of its landed-cost estimate.
        """
        receipts = self.filtered(
            lambda picking: (
                picking.state == "done"
                and picking.picking_type_code == "incoming"
                and picking.purchase_id
                # sudo: warehouse staff validate receipts without landed-cost rights
                and not picking.sudo().dist_landed_cost_ids
            )
        )
        # sudo: the estimate is a consequence of validating the receipt; the
        # warehouse user has neither landed-cost nor journal-entry rights.
        Template = self.env["dist.landed.cost.template"].sudo()
        for picking in receipts:
            order = picking.purchase_id
            template = Template._find_for(
                picking.company_id, order.partner_id, order.incoterm_id
            )
            if template.line_ids:
                picking.sudo()._dist_create_estimate(template)

    def _dist_create_estimate(self, template):
        self.ensure_one()
        company = self.company_id
        LandedCost = self.env["stock.landed.cost"].with_company(company)
        moves = LandedCost._dist_received_moves(self.move_ids)
        standard = moves.filtered(
            lambda move: move.product_id.categ_id.property_cost_method == "standard"
        )
        for move in standard:
            self.env["dist.exception"].raise_for(
                self,
                "landed_cost",
                "landed_cost_standard_price",
                _(
                    "%(product)s on %(receipt)s is valued at standard price: "
                    "its estimated landed cost (template %(template)s) was left out.",
                    product=move.product_id.display_name,
                    receipt=self.name,
                    template=template.name,
                ),
                severity="low",
            )
        moves, lines = LandedCost._dist_allocation_lines(moves - standard)
        if not moves:
            return LandedCost
        self._dist_check_estimate_basis(template, lines)
        vals = self._dist_prepare_estimate_vals(template, lines)
        if not vals["cost_lines"]:
            return LandedCost
        try:
            with self.env.cr.savepoint(), guard.permit(LandedCost, create=True):
                cost = LandedCost.create(vals)
                cost.compute_landed_cost()
                cost.button_validate()
        except UserError as error:
            self.env["dist.exception"].raise_for(
                self,
                "master_data",
                "landed_cost_split",
                _(
                    "No landed cost estimate for %(receipt)s: %(error)s",
                    receipt=self.name,
                    error=error.args[0],
                ),
            )
            return LandedCost
        return cost

    def _dist_check_estimate_basis(self, template, lines):
        """Queue the template lines whose basis the received goods lack.

        A duty per kg over goods without weight (per m³ without volume, % of
        value over goods of no value) would accrue nothing for them, silently:
        the receipt gets one exception naming each such template line and its
        products (``allocation.missing_estimate_basis``). The goods that have
        the basis still accrue.
        """
        self.ensure_one()
        bases = dict(
            self.env["dist.landed.cost.template.line"]
            ._fields["basis"]
            ._description_selection(self.env)
        )
        measures = {
            "per_kg": _("weight"),
            "per_m3": _("volume"),
            "percent_value": _("goods value"),
            "per_unit": _("quantity"),
        }
        gaps = []
        for line in template.line_ids.filtered("rate"):
            missing = allocation.missing_estimate_basis(line.basis, lines)
            if not missing:
                continue
            # labels of the allocation lines are product ids
            products = self.env["product.product"].browse(dict.fromkeys(missing))
            gaps.append(
                _(
                    "%(cost)s (%(basis)s) of template %(template)s: no %(measure)s "
                    "on %(products)s",
                    cost=line.product_id.display_name,
                    basis=bases[line.basis],
                    template=template.name,
                    measure=measures[line.basis],
                    products=", ".join(products.mapped("display_name")),
                )
            )
        if gaps:
            self.env["dist.exception"].raise_for(
                self,
                "master_data",
                "landed_cost_estimate_basis",
                _(
                    "Estimated landed cost of %(receipt)s leaves goods out, "
                    "nothing accrued for them: %(gaps)s.",
                    receipt=self.name,
                    gaps="; ".join(gaps),
                ),
            )

    def _dist_prepare_estimate_vals(self, template, lines):
        """Values of the estimate landed cost of this receipt from ``template``."""
        company = self.company_id
        currency = company.currency_id
        # same accounting date as the receipt's own valuation entries
        date = fields.Date.to_date(
            self.env.context.get("force_period_date")
        ) or fields.Date.context_today(self, self.date_done)
        cost_lines = []
        for line in template.line_ids:
            rate = line.currency_id._convert(line.rate, currency, company, date)
            amount = currency.round(allocation.estimate_amount(line.basis, rate, lines))
            if currency.is_zero(amount):
                continue
            cost_lines.append(
                fields.Command.create(
                    {
                        "name": line.product_id.name,
                        "product_id": line.product_id.id,
                        "price_unit": amount,
                        "split_method": CORE_SPLIT_METHOD[line.split_method],
                        "account_id": line.accrual_account_id.id,
                    }
                )
            )
        return {
            "date": date,
            "dist_kind": "estimate",
            "dist_picking_id": self.id,
            "dist_shipment_id": self.dist_shipment_id.id,
            "picking_ids": [fields.Command.set(self.ids)],
            "description": _(
                "Estimated landed cost (template %(template)s)", template=template.name
            ),
            "cost_lines": cost_lines,
        }
