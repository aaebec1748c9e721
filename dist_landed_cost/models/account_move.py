from collections import defaultdict

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.dist_harmonize_base.tools import guard

from .dist_landed_cost_template import CORE_SPLIT_METHOD


class AccountMove(models.Model):
    """Actual landed-cost bills true up the estimates of their receipts.

    A vendor bill line for a landed-cost product that points at an inbound
    shipment or at receipts is booked on the estimate's accrual account; when
    the bill is posted, a true-up landed cost books the difference between
    the actual (converted at the bill date) and what was accrued, with the
    estimate's split. Resetting the bill to draft or posting its reversal
    reverses the true-up.
    """

    _inherit = "account.move"

    dist_true_up_ids = fields.One2many(
        "stock.landed.cost",
        "dist_bill_id",
        string="Landed Cost True-ups",
        readonly=True,
    )

    def _post(self, soft=True):
        self._check_dist_true_up_targets()
        self._dist_route_to_accrual()
        posted = super()._post(soft)
        posted._dist_true_up_landed_costs()
        return posted

    def button_draft(self):
        # sudo: the true-up is a consequence of the bill the user may edit
        self.sudo().dist_true_up_ids._dist_reverse()
        return super().button_draft()

    def _dist_true_up_lines(self):
        return self.invoice_line_ids.filtered(lambda line: line._dist_is_true_up_line())

    def _dist_estimate_cost_lines(self, pickings, product):
        # sudo: read-only lookup of the accrual the estimate used; the bill's
        # author has no landed-cost rights
        return (
            self.env["stock.landed.cost.lines"]
            .sudo()
            .search(
                [
                    ("cost_id.dist_kind", "=", "estimate"),
                    ("cost_id.state", "=", "done"),
                    ("cost_id.picking_ids", "in", pickings.ids),
                    ("product_id", "=", product.id),
                ],
                limit=1,
            )
        )

    def _check_dist_true_up_targets(self):
        """Refuse landed-cost lines pointing at receipts not received yet.

        Every receipt of a true-up line, given or of its shipment (cancelled
        ones aside), must be a done incoming picking of the bill's company:
        a true-up booked on part of them would leave the estimate of the
        others in the accrual for good. The ids come from the client (the
        field's domain binds only the web client), so they are read as
        superuser and checked here.
        """
        # sudo: the bill's author may not read receipts (Billing rights only)
        for move in self.filtered(lambda m: m.is_purchase_document()).sudo():
            for line in move._dist_true_up_lines():
                shipment = line.dist_shipment_id
                pickings = line.dist_picking_ids | shipment.picking_ids.filtered(
                    lambda picking: picking.state != "cancel"
                )
                foreign = pickings.filtered(
                    lambda picking, move=move: (
                        picking.company_id != move.company_id
                        or picking.picking_type_code != "incoming"
                    )
                )
                if foreign or (shipment and shipment.company_id != move.company_id):
                    raise UserError(
                        _(
                            "Bill %(bill)s: line %(line)s points at %(pickings)s, "
                            "which are not receipts of %(company)s.",
                            bill=move.display_name,
                            line=line.name or line.product_id.display_name,
                            pickings=move._dist_picking_names(foreign or shipment),
                            company=move.company_id.name,
                        )
                    )
                pending = pickings.filtered(lambda picking: picking.state != "done")
                if pending:
                    raise UserError(
                        _(
                            "Bill %(bill)s: line %(line)s points at %(pickings)s, "
                            "not received yet; post it once the goods have arrived "
                            "(receipt validated), so that its true-up covers them.",
                            bill=move.display_name,
                            line=line.name or line.product_id.display_name,
                            pickings=move._dist_picking_names(pending),
                        )
                    )

    def _dist_picking_names(self, records):
        """Names of ``records`` of the bill's company; ids of another's."""
        return ", ".join(
            record.name if record.company_id == self.company_id else f"#{record.id}"
            for record in records
        )

    def _dist_route_to_accrual(self):
        """Book true-up lines on the accrual account their estimate credited."""
        for move in self.filtered(lambda m: m.is_purchase_document()):
            for line in move.sudo()._dist_true_up_lines():
                estimate_line = self._dist_estimate_cost_lines(
                    line._dist_target_pickings(), line.product_id
                )
                account = estimate_line.account_id
                if account and line.account_id != account:
                    line.account_id = account

    def _dist_true_up_landed_costs(self):
        """Create and post the true-ups (or reversals) of posted bills."""
        # sudo: landed costs and their journal entries follow from posting the
        # bill; a controller may post bills without landed-cost rights.
        LandedCost = self.env["stock.landed.cost"].sudo()
        for move in self.filtered(lambda m: m.is_purchase_document()).sudo():
            reversed_bill = move.reversed_entry_id
            if reversed_bill.dist_true_up_ids:
                reversed_bill.dist_true_up_ids._dist_reverse()
                continue
            groups = defaultdict(lambda: self.env["account.move.line"])
            for line in move._dist_true_up_lines():
                pickings = line._dist_target_pickings()
                if not pickings:
                    raise UserError(
                        _(
                            "Bill %(bill)s: line %(line)s points at no received "
                            "receipt; receive the goods first.",
                            bill=move.display_name,
                            line=line.name or line.product_id.display_name,
                        )
                    )
                groups[pickings] |= line
            for pickings, lines in groups.items():
                with guard.permit(LandedCost, create=True):
                    cost = LandedCost.with_company(move.company_id).create(
                        move._dist_prepare_true_up_vals(pickings, lines)
                    )
                cost.compute_landed_cost()
                cost.button_validate()

    def _dist_prepare_true_up_vals(self, pickings, lines):
        self.ensure_one()
        by_product = defaultdict(lambda: self.env["account.move.line"])
        for line in lines:
            by_product[line.product_id] |= line
        cost_lines = []
        for product, product_lines in by_product.items():
            estimate_line = self._dist_estimate_cost_lines(pickings, product)
            split = estimate_line.split_method or product.split_method_landed_cost
            cost_lines.append(
                fields.Command.create(
                    {
                        "name": product.name,
                        "product_id": product.id,
                        "price_unit": 0.0,
                        "split_method": split or CORE_SPLIT_METHOD["equal"],
                        "account_id": product_lines[:1].account_id.id,
                        # balance: company currency at the bill's date
                        "dist_actual_amount": sum(product_lines.mapped("balance")),
                    }
                )
            )
        shipment = pickings.dist_shipment_id
        return {
            "date": self.date,
            "dist_kind": "true_up",
            "dist_bill_id": self.id,
            "dist_shipment_id": shipment.id if len(shipment) == 1 else False,
            "picking_ids": [fields.Command.set(pickings.ids)],
            "description": _("True-up of %(bill)s", bill=self.display_name),
            "cost_lines": cost_lines,
        }
