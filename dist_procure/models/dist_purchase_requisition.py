from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.dist_harmonize_base.tools import guard

# What an approver of a requisition decides on, line by line.
APPROVED_LINE_FIELDS = (
    "product_id",
    "product_qty",
    "product_uom_id",
    "warehouse_id",
    "partner_id",
    "date_needed",
)


class DistPurchaseRequisition(models.Model):
    """A request to buy, approved through the matrix, then turned into RFQs.

    Lines carry product, quantity, UoM, needed-by date, warehouse and an
    optional suggested vendor. Once approved, ``action_create_rfqs`` groups
    the lines still to order by vendor (suggested vendor, else the product's
    first supplier for the company) and warehouse into draft RFQs; each
    order line keeps the link to its requisition line, so a partly converted
    requisition shows what is left to order.
    """

    _name = "dist.purchase.requisition"
    _description = "Purchase Requisition"
    _inherit = ["mail.thread", "mail.activity.mixin", "dist.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True

    _dist_approval_state_field = "state"
    _dist_approval_states_submit = ("draft",)
    _dist_approval_state_pending = "to_approve"
    _dist_approval_state_approved = "approved"
    _dist_approval_state_rejected = "draft"
    _dist_approval_amount_field = "amount_estimated"
    _dist_approval_currency_field = "currency_id"
    # The author of the record never approves it, whoever is named requester.
    _dist_approval_requester_field = "create_uid"
    _dist_guarded_fields = ("state",)
    # What the approver decided on: its lines (see the line model's CRUD).
    _dist_approval_reapproval_fields = ("line_ids",)

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    requester_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        check_company=True,
        readonly=True,
        tracking=True,
    )
    note = fields.Text(string="Justification", tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("done", "Fully Ordered"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    line_ids = fields.One2many(
        "dist.purchase.requisition.line", "requisition_id", string="Lines", copy=True
    )
    amount_estimated = fields.Monetary(
        string="Estimated Amount",
        compute="_compute_amount_estimated",
        store=True,
        help="Quantity x product cost, in company currency; used for approval routing.",
    )
    purchase_ids = fields.Many2many(
        "purchase.order", string="RFQs", compute="_compute_purchase_ids"
    )
    purchase_count = fields.Integer(compute="_compute_purchase_ids")
    ordered_pct = fields.Float(
        string="Ordered %", compute="_compute_ordered_pct", digits=(16, 1)
    )

    @api.depends("line_ids.amount_estimated")
    def _compute_amount_estimated(self):
        for requisition in self:
            requisition.amount_estimated = sum(
                requisition.line_ids.mapped("amount_estimated")
            )

    @api.depends("line_ids.purchase_line_ids")
    def _compute_purchase_ids(self):
        for requisition in self:
            orders = requisition.line_ids.purchase_line_ids.order_id
            requisition.purchase_ids = orders
            requisition.purchase_count = len(orders)

    @api.depends("line_ids.product_qty", "line_ids.qty_remaining")
    def _compute_ordered_pct(self):
        for requisition in self:
            total = sum(requisition.line_ids.mapped("product_qty"))
            left = sum(requisition.line_ids.mapped("qty_remaining"))
            requisition.ordered_pct = 100.0 * (total - left) / total if total else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id"))
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company or self.env.company)
                    .next_by_code("dist.purchase.requisition")
                    or "/"
                )
        return super().create(vals_list)

    def _dist_approval_values(self):
        values = super()._dist_approval_values()
        products = self.line_ids.product_id
        values["product_family_ids"] = products.product_tmpl_id.dist_family_id.ids
        values["product_categ_ids"] = products.categ_id.ids
        values["warehouse"] = self.line_ids.warehouse_id[:1]
        return values

    def _dist_approval_snapshot(self):
        # The lines as approved: a quantity changed on an item without cost
        # moves no amount, yet it is not what was approved.
        return super()._dist_approval_snapshot() + tuple(
            line._dist_approval_line_key() for line in self.line_ids
        )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_dist_submit(self):
        for requisition in self:
            if not requisition.line_ids:
                raise UserError(
                    _(
                        "Requisition %(requisition)s has no lines to submit.",
                        requisition=requisition.display_name,
                    )
                )
        return super().action_dist_submit()

    def action_cancel(self):
        for requisition in self:
            if requisition.line_ids.purchase_line_ids.filtered(
                lambda line: line.state != "cancel"
            ):
                raise UserError(
                    _(
                        "Requisition %(requisition)s has RFQs; cancel them first.",
                        requisition=requisition.display_name,
                    )
                )
        self._dist_approval_cancel()
        with guard.permit(self):
            self.write({"state": "cancel"})
        return True

    def action_draft(self):
        cancelled = self.filtered(lambda r: r.state == "cancel")
        with guard.permit(cancelled):
            cancelled.write({"state": "draft"})
        return True

    def action_view_rfqs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("purchase.purchase_rfq")
        action["domain"] = [("id", "in", self.purchase_ids.ids)]
        action["context"] = {"create": False}
        return action

    def action_create_rfqs(self):
        """Create the RFQs for what is left and show them."""
        orders = self._create_rfqs()
        action = self.env["ir.actions.act_window"]._for_xml_id("purchase.purchase_rfq")
        action["domain"] = [("id", "in", orders.ids)]
        action["context"] = {"create": False}
        return action

    def _create_rfqs(self):
        """Create draft RFQs, one per vendor and warehouse, for what is left."""
        for requisition in self:
            if requisition.state not in ("approved", "done"):
                raise UserError(
                    _(
                        "Requisition %(requisition)s must be approved before RFQs "
                        "are created (field Status).",
                        requisition=requisition.display_name,
                    )
                )
        lines = self.line_ids.filtered(lambda line: line.qty_remaining > 0)
        groups = defaultdict(lambda: self.env["dist.purchase.requisition.line"])
        for line in lines:
            vendor = line._get_vendor()
            if not vendor:
                raise UserError(
                    _(
                        "Requisition %(requisition)s: %(product)s has no suggested "
                        "vendor and no supplier for %(company)s (field Suggested "
                        "Vendor).",
                        requisition=line.requisition_id.display_name,
                        product=line.product_id.display_name,
                        company=line.company_id.name,
                    )
                )
            groups[(line.company_id, vendor, line.warehouse_id)] |= line
        # the links to the requisition lines are the engine's (guarded)
        with guard.permit(self.env["purchase.order.line"], create=True):
            orders = self.env["purchase.order"].create(
                [
                    group._prepare_purchase_order_vals(company, vendor, warehouse)
                    for (company, vendor, warehouse), group in groups.items()
                ]
            )
        self._update_done_state()
        return orders

    def _update_done_state(self):
        """Fully ordered requisitions are done; a done one with lines left reopens."""
        for requisition in self.filtered(lambda r: r.state in ("approved", "done")):
            left = any(line.qty_remaining > 0 for line in requisition.line_ids)
            state = "approved" if left else "done"
            if requisition.state != state:
                # sudo: the buyer ordering it may not write the requisition;
                # done and reopened follow what was ordered.
                with guard.permit(requisition):
                    requisition.sudo().state = state


class DistPurchaseRequisitionLine(models.Model):
    """One item to buy; ``purchase_line_ids`` are the order lines made from it.

    Lines are what the approver decides on: whether they are changed through
    the requisition or directly (RPC on this model), a pending requisition
    whose lines change is routed again, the editor excluded from approving
    it, and an approved one goes back to approval when the change needs it
    (``_dist_approval_watch`` of ``dist.approval.mixin``). Every change after
    submission is also posted on the requisition (``dist.line.tracking.mixin``).
    """

    _name = "dist.purchase.requisition.line"
    _description = "Purchase Requisition Line"
    _inherit = ["dist.line.tracking.mixin"]
    _dist_tracking_parent = "requisition_id"
    _dist_tracking_fields = (
        "product_id",
        "product_qty",
        "product_uom_id",
        "date_needed",
        "warehouse_id",
        "partner_id",
    )
    _order = "requisition_id, sequence, id"
    _check_company_auto = True

    requisition_id = fields.Many2one(
        "dist.purchase.requisition", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        related="requisition_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(related="requisition_id.state")
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        domain=[("purchase_ok", "=", True)],
    )
    product_qty = fields.Float(
        string="Quantity", digits="Product Unit of Measure", required=True, default=1.0
    )
    product_uom_id = fields.Many2one(
        "uom.uom",
        string="Unit of Measure",
        compute="_compute_product_uom_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    date_needed = fields.Date(
        string="Needed By", required=True, default=fields.Date.context_today
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        required=True,
        check_company=True,
        default=lambda self: self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        ),
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Suggested Vendor",
        check_company=True,
        help="Empty: the product's first supplier for the company.",
    )
    amount_estimated = fields.Monetary(
        string="Estimated Amount", compute="_compute_amount_estimated", store=True
    )
    purchase_line_ids = fields.One2many(
        "purchase.order.line", "dist_requisition_line_id", string="Order Lines"
    )
    qty_ordered = fields.Float(
        string="Ordered",
        digits="Product Unit of Measure",
        compute="_compute_qty_ordered",
        store=True,
    )
    qty_remaining = fields.Float(
        string="Left to Order",
        digits="Product Unit of Measure",
        compute="_compute_qty_ordered",
        store=True,
    )

    _sql_constraints = [
        ("qty_positive", "CHECK(product_qty > 0)", "Quantities must be positive."),
    ]

    @api.depends("product_id")
    def _compute_product_uom_id(self):
        for line in self:
            line.product_uom_id = line.product_id.uom_po_id or line.product_id.uom_id

    @api.depends("product_id", "product_qty", "product_uom_id")
    def _compute_amount_estimated(self):
        for line in self:
            cost = 0.0
            if line.product_uom_id:
                cost = line.product_id.uom_id._compute_price(
                    line.product_id.standard_price, line.product_uom_id
                )
            line.amount_estimated = cost * line.product_qty

    @api.depends(
        "product_qty",
        "product_uom_id",
        "purchase_line_ids.product_qty",
        "purchase_line_ids.product_uom",
        "purchase_line_ids.state",
    )
    def _compute_qty_ordered(self):
        for line in self:
            ordered = sum(
                pol.product_uom._compute_quantity(pol.product_qty, line.product_uom_id)
                for pol in line.purchase_line_ids
                if pol.state != "cancel"
            )
            line.qty_ordered = ordered
            line.qty_remaining = max(line.product_qty - ordered, 0.0)

    @api.model_create_multi
    def create(self, vals_list):
        requisitions = self.env["dist.purchase.requisition"].browse(
            {vals["requisition_id"] for vals in vals_list if vals.get("requisition_id")}
        )
        with requisitions._dist_approval_watch(_("requisition lines added")):
            return super().create(vals_list)

    def write(self, vals):
        changed = sorted(set(APPROVED_LINE_FIELDS) & set(vals))
        requisitions = self.requisition_id.browse()
        if changed or "requisition_id" in vals:
            requisitions = self.requisition_id
            if vals.get("requisition_id"):
                requisitions |= requisitions.browse(vals["requisition_id"])
        with requisitions._dist_approval_watch(", ".join(changed) or "requisition_id"):
            return super().write(vals)

    def unlink(self):
        with self.requisition_id._dist_approval_watch(_("requisition lines removed")):
            return super().unlink()

    def _dist_approval_line_key(self):
        self.ensure_one()
        return tuple(
            value.id if isinstance(value, models.BaseModel) else value
            for value in (self[name] for name in APPROVED_LINE_FIELDS)
        )

    def _dist_tracking_lines(self):
        """Draft lines are the buyer's to edit; once submitted, every change shows."""
        return self.filtered(lambda line: line.state != "draft")

    def _dist_tracking_label(self):
        """E.g. "[DESK] Desk, 5.000 Units"."""
        self.ensure_one()
        return _(
            "%(product)s, %(qty)s %(uom)s",
            product=self.product_id.display_name,
            qty=self._dist_tracking_value("product_qty"),
            uom=self.product_uom_id.name,
        )

    def _get_vendor(self):
        """The suggested vendor, else the product's first supplier (company)."""
        self.ensure_one()
        if self.partner_id:
            return self.partner_id
        seller = self.product_id.with_company(self.company_id)._select_seller(
            quantity=self.qty_remaining,
            date=self.date_needed,
            uom_id=self.product_uom_id,
        )
        return seller.partner_id

    def _prepare_purchase_order_vals(self, company, vendor, warehouse):
        """Values of the RFQ for these lines (same company, vendor, warehouse)."""
        picking_type = self.env["stock.picking.type"].search(
            [("warehouse_id", "=", warehouse.id), ("code", "=", "incoming")], limit=1
        )
        vals = {
            "partner_id": vendor.id,
            "company_id": company.id,
            "origin": ", ".join(sorted(set(self.requisition_id.mapped("name")))),
            "order_line": [
                fields.Command.create(line._prepare_purchase_order_line_vals())
                for line in self
            ],
        }
        if picking_type:
            vals["picking_type_id"] = picking_type.id
        return vals

    def _prepare_purchase_order_line_vals(self):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "product_qty": self.qty_remaining,
            "product_uom": self.product_uom_id.id,
            "date_planned": self.date_needed,
            "dist_requisition_line_id": self.id,
        }
