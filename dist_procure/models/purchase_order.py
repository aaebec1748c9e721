from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

APPROVED_STATES = ("purchase", "done")


class PurchaseOrder(models.Model):
    """Purchase orders approved through the dist approval matrix.

    A company "uses the matrix" as soon as it has an active approval rule for
    purchase orders. For such a company the matrix replaces Odoo's own
    two-step validation (``_approval_allowed``): confirming an order sends it
    to "to approve" with one request per level of the matching rule, and the
    last approval confirms it (``button_approve``: receipt created). An order
    no rule matches is approved at once. Companies without rules keep the
    core behaviour untouched.

    ``button_approve`` is the single door to the confirmed state: on a
    pending order it approves the current level as the calling user, which
    the engine refuses to anyone who may not approve (also over RPC).
    """

    _name = "purchase.order"
    _inherit = ["purchase.order", "dist.approval.mixin"]

    _dist_approval_state_field = "state"
    # Submission happens inside button_confirm, once core moved the order here.
    _dist_approval_states_submit = ("to approve",)
    _dist_approval_state_pending = "to approve"
    _dist_approval_state_approved = "purchase"
    _dist_approval_state_rejected = "draft"
    _dist_approval_amount_field = "amount_total"
    _dist_approval_currency_field = "currency_id"
    _dist_approval_date_field = "date_order"
    _dist_approval_vendor_field = "partner_id"
    # Lines written through the order are followed here, lines written
    # directly in purchase_order_line.py.
    _dist_approval_reapproval_fields = ("partner_id", "currency_id", "order_line")

    dist_requisition_ids = fields.Many2many(
        "dist.purchase.requisition",
        string="Requisitions",
        compute="_compute_dist_requisition_ids",
    )

    @api.depends("order_line.dist_requisition_line_id")
    def _compute_dist_requisition_ids(self):
        for order in self:
            order.dist_requisition_ids = (
                order.order_line.dist_requisition_line_id.requisition_id
            )

    # ------------------------------------------------------------------
    # matrix
    # ------------------------------------------------------------------
    def _dist_po_matrix_companies(self):
        """Return the companies of ``self`` having an active purchase order rule."""
        if not self:
            return self.env["res.company"]
        # Cached routing configuration (no query once warm), not user data.
        company_ids = self.env["dist.approval.rule"]._get_model_companies(
            self._name, self.company_id.ids
        )
        return self.env["res.company"].browse(company_ids)

    def _dist_po_uses_matrix(self):
        self.ensure_one()
        return self.company_id in self._dist_po_matrix_companies()

    def _approval_allowed(self):
        if self._dist_po_uses_matrix():
            return self.dist_approval_state == "approved"
        return super()._approval_allowed()

    def _dist_approval_values(self):
        values = super()._dist_approval_values()
        products = self.order_line.product_id
        values["product_family_ids"] = products.product_tmpl_id.dist_family_id.ids
        values["product_categ_ids"] = products.categ_id.ids
        values["warehouse"] = self.picking_type_id.warehouse_id
        return values

    def _dist_approval_on_approved(self):
        result = super()._dist_approval_on_approved()
        # The engine wrote state "purchase"; core confirms (dates, lock, receipt).
        # sudo: the last approver (e.g. a controller) may hold no purchase or
        # inventory rights; the engine checked their decision.
        self.sudo().button_approve()
        return result

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if vals.get("state") in APPROVED_STATES:
            # The superuser too: only the engine's approval confirms a matrix
            # order (it writes its guarded approval status in the same call).
            self._check_dist_po_state_write(vals.get("dist_approval_state"))
        approved = vals.get("state") in APPROVED_STATES
        # Orders never billed (stored billed quantities, read with the lines)
        # have no bill to match again: no search for them.
        rematch = self.filtered(
            lambda order: (
                (
                    "partner_id" in vals
                    or (
                        "state" in vals and (order.state in APPROVED_STATES) != approved
                    )
                )
                and any(order.order_line.mapped("qty_invoiced"))
            )
        )
        result = super().write(vals)
        if rematch:
            # The match of their bills reads the order's approval and vendor.
            # sudo: the approver or buyer may have no access to bills; only
            # stored match results are written.
            self.env["account.move"].sudo()._dist_rematch_purchase_lines(
                rematch.sudo().order_line
            )
        return result

    def _check_dist_po_state_write(self, approval_state=None):
        """Refuse confirming a matrix order the engine did not approve.

        Orders already confirmed (e.g. before the module was installed) may
        still move between purchase and done (lock/unlock).
        """
        matrix = self._dist_po_matrix_companies()
        for order in self:
            if (
                order.company_id in matrix
                and order.state not in APPROVED_STATES
                and (approval_state or order.dist_approval_state) != "approved"
            ):
                raise AccessError(
                    _(
                        "%(order)s cannot be confirmed: it has not been approved "
                        "through the approval matrix (field Approval Status).",
                        order=order.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_dist_submit(self):
        """Route orders core just moved to "to approve" (called by button_confirm).

        Users submit an order by confirming it; an order already awaiting
        approval cannot be submitted a second time.
        """
        pending = self.filtered(lambda order: order.dist_approval_state == "pending")
        if pending:
            raise UserError(
                _(
                    "%(order)s is already awaiting approval.",
                    order=pending[0].display_name,
                )
            )
        # Without a rule the order waits for Odoo's own two-step validation:
        # submitting it to the engine would approve it (it finds no rule).
        matrix = self._dist_po_matrix_companies()
        outside = self.filtered(lambda order: order.company_id not in matrix)
        if outside:
            raise UserError(
                _(
                    "%(order)s is approved by a purchase manager (Approve Order): "
                    "company %(company)s has no approval rule for purchase orders.",
                    order=outside[0].display_name,
                    company=outside[0].company_id.name,
                )
            )
        return super().action_dist_submit()

    def button_confirm(self):
        matrix = self._dist_po_matrix_companies()
        to_route = self.filtered(
            lambda order: (
                order.state in ("draft", "sent") and order.company_id in matrix
            )
        )
        result = super().button_confirm()
        routed = to_route.filtered(
            lambda order: (
                order.state == "to approve" and order.dist_approval_state != "pending"
            )
        )
        if routed:
            routed.action_dist_submit()
        return result

    def button_approve(self, force=False):
        pending = self.filtered(lambda order: order.dist_approval_state == "pending")
        if pending:
            # Approves the current level; the engine refuses who may not approve
            # and calls back button_approve once the last level is approved.
            pending.action_dist_approve()
        others = self - pending
        unapproved = others.filtered(lambda order: order.state == "to approve")
        if unapproved:
            unapproved._check_dist_po_state_write()
        if not others:
            return {}
        return super(PurchaseOrder, others).button_approve(force=force)

    def button_cancel(self):
        result = super().button_cancel()
        self.filtered(
            lambda order: order.dist_approval_state != "none"
        )._dist_approval_cancel()
        return result

    def button_draft(self):
        if any(order.dist_approval_state == "pending" for order in self):
            raise UserError(
                _("Cancel an order awaiting approval before setting it back to draft.")
            )
        return super().button_draft()
