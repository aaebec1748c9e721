from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import allocation


class DistInboundShipment(models.Model):
    """A container or consignment: receipts of several POs and vendors.

    Actual freight, duty or insurance bills point at the shipment; its cost
    summary compares, per cost type, what was estimated at receipt with what
    was billed.
    """

    _name = "dist.inbound.shipment"
    _description = "Inbound Shipment"
    _inherit = ["mail.thread"]
    _order = "date_arrival desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        required=True, copy=False, readonly=True, default=lambda self: _("New")
    )
    reference = fields.Char(
        tracking=True, help="Container number, bill of lading or consignment note."
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_arrival = fields.Date(
        string="Arrival", default=fields.Date.context_today, tracking=True
    )
    picking_ids = fields.One2many(
        "stock.picking", "dist_shipment_id", string="Receipts", check_company=True
    )
    partner_ids = fields.Many2many(
        "res.partner", string="Vendors", compute="_compute_partner_ids"
    )
    landed_cost_ids = fields.One2many(
        "stock.landed.cost", "dist_shipment_id", string="Landed Costs", readonly=True
    )
    cost_ids = fields.One2many(
        "dist.inbound.shipment.cost",
        "shipment_id",
        string="Cost Summary",
        readonly=True,
    )
    goods_value = fields.Monetary(compute="_compute_totals")
    estimated_amount = fields.Monetary(string="Estimated", compute="_compute_totals")
    actual_amount = fields.Monetary(string="Actual", compute="_compute_totals")
    variance_amount = fields.Monetary(
        string="Variance",
        compute="_compute_totals",
        help="Actual minus the estimate of the billed costs; shown once billed.",
    )
    is_billed = fields.Boolean(
        string="Billed",
        compute="_compute_totals",
        help="A bill booked the actual of at least one cost type.",
    )
    landed_cost_percent = fields.Float(
        string="Landed Cost %",
        compute="_compute_totals",
        digits=(16, 2),
        help="Estimated, or actual once billed, landed cost as % of goods value.",
    )
    has_landed_costs = fields.Boolean(compute="_compute_state")
    receipt_count = fields.Integer(compute="_compute_counts")
    bill_count = fields.Integer(compute="_compute_counts")
    state = fields.Selection(
        [("open", "In Transit"), ("received", "Received"), ("billed", "Billed")],
        compute="_compute_state",
        help="Received when all receipts are done; billed once an actual bill "
        "trued up its estimate (and while that true-up is not reversed).",
    )

    _sql_constraints = [
        (
            "name_company_unique",
            "unique(name, company_id)",
            "Shipment names are unique.",
        ),
    ]

    @api.depends("picking_ids.partner_id")
    def _compute_partner_ids(self):
        for shipment in self:
            shipment.partner_ids = shipment.picking_ids.partner_id.commercial_partner_id

    def _compute_counts(self):
        # sudo: counting the bills that point at the shipment is harmless and
        # lets buyers see there are some; opening them needs billing rights
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [("dist_shipment_id", "in", self.ids)],
                ["dist_shipment_id"],
                ["move_id:count_distinct"],
            )
        )
        bills = {shipment.id: count for shipment, count in groups}
        for shipment in self:
            shipment.receipt_count = len(shipment.picking_ids)
            shipment.bill_count = bills.get(shipment.id, 0)

    @api.depends("picking_ids.state", "landed_cost_ids.state")
    def _compute_cost_ids(self):
        costs = self.env["dist.inbound.shipment.cost"].search(
            [("shipment_id", "in", self.ids)]
        )
        for shipment in self:
            shipment.cost_ids = costs.filtered(
                lambda cost, shipment=shipment: cost.shipment_id == shipment
            )

    @api.depends("cost_ids")
    def _compute_totals(self):
        for shipment in self:
            costs = shipment.cost_ids
            shipment.goods_value = shipment._get_goods_value()
            shipment.estimated_amount = sum(costs.mapped("estimated_amount"))
            shipment.actual_amount = sum(costs.mapped("actual_amount"))
            shipment.variance_amount = sum(costs.mapped("variance_amount"))
            shipment.is_billed = any(costs.mapped("is_billed"))
            landed = sum(costs.mapped("current_amount"))
            shipment.landed_cost_percent = allocation.landed_cost_percent(
                landed, shipment.goods_value
            )

    @api.depends(
        "picking_ids.state",
        "landed_cost_ids.dist_kind",
        "landed_cost_ids.dist_reversal_ids",
    )
    def _compute_state(self):
        for shipment in self:
            # sudo: the state is visible to users without landed-cost rights
            costs = shipment.sudo().landed_cost_ids
            shipment.has_landed_costs = bool(costs)
            # a true-up reversed (bill reset to draft or credited) bills nothing
            if costs.filtered(
                lambda cost: cost.dist_kind == "true_up" and not cost.dist_reversal_ids
            ):
                shipment.state = "billed"
            elif shipment.picking_ids and all(
                p.state in ("done", "cancel") for p in shipment.picking_ids
            ):
                shipment.state = "received"
            else:
                shipment.state = "open"

    def _get_goods_value(self):
        moves = self.picking_ids.move_ids.filtered(lambda m: m.state == "done")
        if not moves:
            return 0.0
        # sudo: a total of the shipment's own receipts, shown to buyers and
        # warehouse staff who cannot read valuation layers
        groups = (
            self.env["stock.valuation.layer"]
            .sudo()
            ._read_group(
                [
                    ("stock_move_id", "in", moves.ids),
                    ("stock_landed_cost_id", "=", False),
                ],
                [],
                ["value:sum"],
            )
        )
        return groups[0][0] or 0.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = self.env["ir.sequence"].with_company(
                    company
                ).next_by_code("dist.inbound.shipment") or _("New")
        return super().create(vals_list)

    def unlink(self):
        for shipment in self.filtered("has_landed_costs"):
            raise UserError(
                _(
                    "Shipment %(shipment)s carries posted landed costs and cannot be deleted.",
                    shipment=shipment.display_name,
                )
            )
        return super().unlink()

    def action_view_receipts(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action.update(domain=[("dist_shipment_id", "=", self.id)], context={})
        if len(self.picking_ids) == 1:
            action.update(
                views=[(False, "form")], view_mode="form", res_id=self.picking_ids.id
            )
        return action

    def action_view_bills(self):
        self.ensure_one()
        bills = (
            self.env["account.move.line"]
            .search([("dist_shipment_id", "=", self.id)])
            .move_id
        )
        action = self.env["ir.actions.actions"]._for_xml_id(
            "account.action_move_in_invoice_type"
        )
        action.update(
            domain=[("id", "in", bills.ids)],
            context={"default_move_type": "in_invoice"},
        )
        if len(bills) == 1:
            action.update(views=[(False, "form")], view_mode="form", res_id=bills.id)
        return action

    def action_view_landed_costs(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "stock_landed_costs.action_stock_landed_cost"
        )
        return dict(action, domain=[("dist_shipment_id", "=", self.id)], context={})

    def action_view_report(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "dist_landed_cost.dist_landed_cost_report_action"
        )
        return dict(action, domain=[("shipment_id", "=", self.id)])
