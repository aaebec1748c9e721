from collections import defaultdict

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.dist_harmonize_base.tools import guard

from ..tools import allocation
from .dist_landed_cost_template import SPLIT_FROM_CORE

DIST_KINDS = [
    ("estimate", "Estimate"),
    ("true_up", "True-up"),
    ("reversal", "Reversal"),
]
#: adjustment line fields a reversal copies
ADJUSTMENT_COPIED = [
    "cost_line_id",
    "move_id",
    "product_id",
    "quantity",
    "weight",
    "volume",
    "former_cost",
    "additional_landed_cost",
    "dist_actual_amount",
]


class StockLandedCost(models.Model):
    """Core landed costs, extended with estimates, true-ups and reversals.

    Estimates (posted at receipt against an accrual account) and true-ups
    (posted with an actual bill) are ordinary ``stock.landed.cost`` records:
    core ``button_validate`` writes the valuation layers and the journal
    entry, including the share of quantities already delivered (to cost of
    goods sold in anglo-saxon mode). Only the split is ours: it comes from
    ``tools.allocation`` so that shares always sum exactly to the cost.
    """

    _name = "stock.landed.cost"
    _inherit = ["stock.landed.cost", "dist.guarded.mixin"]
    # What the estimate and true-up controls read: set when the engine creates
    # the landed cost, never written by a user.
    _dist_guarded_fields = (
        "dist_kind",
        "dist_picking_id",
        "dist_shipment_id",
        "dist_bill_id",
        "dist_reversed_id",
    )

    dist_kind = fields.Selection(
        DIST_KINDS,
        string="Landed Cost Kind",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Estimate: accrued at receipt. True-up: actual bill minus what was "
        "booked. Reversal: cancels a true-up when its bill is reversed.",
    )
    dist_picking_id = fields.Many2one(
        "stock.picking",
        string="Estimated Receipt",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    dist_shipment_id = fields.Many2one(
        "dist.inbound.shipment",
        string="Inbound Shipment",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    dist_bill_id = fields.Many2one(
        "account.move",
        string="Actual Bill",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    dist_reversed_id = fields.Many2one(
        "stock.landed.cost",
        string="Reverses",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    dist_reversal_ids = fields.One2many(
        "stock.landed.cost", "dist_reversed_id", string="Reversals", readonly=True
    )

    # ------------------------------------------------------------------
    # split: core hook, our arithmetic
    # ------------------------------------------------------------------
    def compute_landed_cost(self):
        dist_costs = self.filtered(
            lambda cost: cost.dist_kind in ("estimate", "true_up")
        )
        res = super(StockLandedCost, self - dist_costs).compute_landed_cost()
        dist_costs._dist_compute_adjustments()
        return res

    def button_validate(self):
        res = super().button_validate()
        if self.filtered("dist_kind"):
            # the shipment's cost summary reads SQL views the ORM cannot track
            self.env["dist.inbound.shipment"].invalidate_model(
                ["cost_ids", "goods_value", "estimated_amount", "actual_amount"]
                + ["variance_amount", "landed_cost_percent", "state"]
            )
        return res

    def _dist_compute_adjustments(self):
        """Replace the adjustment lines of estimates and true-ups.

        The number of queries does not depend on the number of receipt lines:
        inputs are read with one query per table (``_dist_allocation_lines``),
        old lines deleted and new ones inserted with one statement each
        (``stock.valuation.adjustment.lines._dist_create_batch``).
        """
        Adjustment = self.env["stock.valuation.adjustment.lines"]
        Adjustment._dist_unlink_for(self)
        vals_list = []
        for cost in self:
            company_cost = cost.with_company(cost.company_id)
            moves, lines = company_cost._dist_allocation_lines(
                cost._get_targeted_move_ids()
            )
            if not moves:
                raise UserError(
                    _(
                        "Landed cost %(cost)s has no received product valued at "
                        "FIFO or average cost.",
                        cost=cost.display_name,
                    )
                )
            if cost.dist_kind == "estimate":
                vals_list += cost._dist_prepare_estimate_adjustments(moves, lines)
            else:
                vals_list += cost._dist_prepare_true_up_adjustments(moves, lines)
        return Adjustment._dist_create_batch(vals_list)

    def _dist_split(self, cost_line, amount, lines, method):
        """``allocation.allocate`` with its zero-basis error made a UserError."""
        try:
            return allocation.allocate(amount, lines, method, self.currency_id.rounding)
        except allocation.ZeroBasisError as error:
            # labels are product ids (see _dist_allocation_lines)
            products = self.env["product.product"].browse(dict.fromkeys(error.labels))
            raise UserError(
                _(
                    "Cannot split %(cost)s of %(landed_cost)s by %(method)s: "
                    "no %(method)s on %(products)s.",
                    cost=cost_line.product_id.display_name,
                    landed_cost=self.display_name,
                    method=method,
                    products=", ".join(products.mapped("display_name")),
                )
            ) from error

    def _dist_adjustment_vals(self, cost_line, move, line, share, actual=0.0):
        return {
            "cost_id": self.id,
            "cost_line_id": cost_line.id,
            "move_id": move.id,
            "product_id": move.product_id.id,
            "quantity": line.quantity,
            "weight": line.weight,
            "volume": line.volume,
            "former_cost": line.value,
            "additional_landed_cost": share,
            "dist_actual_amount": actual,
        }

    def _dist_prepare_estimate_adjustments(self, moves, lines):
        vals_list = []
        for cost_line in self.cost_lines:
            method = SPLIT_FROM_CORE.get(cost_line.split_method, "equal")
            shares = self._dist_split(cost_line, cost_line.price_unit, lines, method)
            vals_list += [
                self._dist_adjustment_vals(cost_line, move, line, share)
                for move, line, share in zip(moves, lines, shares, strict=True)
            ]
        return vals_list

    def _dist_prepare_true_up_adjustments(self, moves, lines):
        """Split the bill's actual like the estimate; book actual - booked.

        Per move and cost type: ``actual`` is the move's share of everything
        billed so far for that cost type (this bill included), split with the
        estimate's shares as weights (the same split), or by the cost line's
        method when nothing was estimated; the adjustment is ``actual`` minus
        what estimates, true-ups and reversals already booked on the move.
        """
        booked, estimated, actual_before = self._dist_booked_amounts(moves)
        rounding = self.currency_id.rounding
        vals_list = []
        for cost_line in self.cost_lines:
            product = cost_line.product_id
            keys = [(move.id, product.id) for move in moves]
            weights = [max(estimated.get(key, 0.0), 0.0) for key in keys]
            total_actual = cost_line.dist_actual_amount + sum(
                actual_before.get(key, 0.0) for key in keys
            )
            if any(weights):
                shares = allocation.allocate_by_weights(total_actual, weights, rounding)
            else:
                method = SPLIT_FROM_CORE.get(cost_line.split_method, "equal")
                shares = self._dist_split(cost_line, total_actual, lines, method)
            variance = 0.0
            for move, line, key, share in zip(moves, lines, keys, shares, strict=True):
                delta = self.currency_id.round(share - booked.get(key, 0.0))
                variance += delta
                vals_list.append(
                    self._dist_adjustment_vals(
                        cost_line,
                        move,
                        line,
                        delta,
                        actual=self.currency_id.round(
                            share - actual_before.get(key, 0.0)
                        ),
                    )
                )
            cost_line.price_unit = self.currency_id.round(variance)
        return vals_list

    def _dist_booked_amounts(self, moves):
        """Per (move id, cost product id): booked, estimated, actual so far."""
        groups = self.env["stock.valuation.adjustment.lines"]._read_group(
            [
                ("move_id", "in", moves.ids),
                ("cost_id.state", "=", "done"),
                ("cost_id.dist_kind", "!=", False),
                ("cost_id", "not in", self.ids),
            ],
            ["move_id", "dist_cost_product_id", "dist_kind"],
            ["additional_landed_cost:sum", "dist_actual_amount:sum"],
        )
        booked = defaultdict(float)
        estimated = defaultdict(float)
        actual = defaultdict(float)
        for move, product, kind, amount, actual_amount in groups:
            key = (move.id, product.id)
            booked[key] += amount
            actual[key] += actual_amount
            if kind == "estimate":
                estimated[key] += amount
        return booked, estimated, actual

    # ------------------------------------------------------------------
    # inputs: one batch per landed cost
    # ------------------------------------------------------------------
    def _dist_allocation_lines(self, moves):
        """The moves a landed cost can apply to, and their allocation lines.

        Only done incoming moves valued at FIFO or average cost (in the
        environment's company) qualify: core refuses landed costs on
        standard-price products. Goods value is the sum of the move's own
        valuation layers, landed costs excluded. Lines are labelled with their
        product's id. One query per table, whatever the number of moves.
        """
        moves = self._dist_received_moves(moves).filtered(
            lambda move: (
                move.product_id.categ_id.property_cost_method in ("fifo", "average")
            )
        )
        if not moves:
            return moves, []
        values = {
            move.id: value
            for move, value in self.env["stock.valuation.layer"]._read_group(
                [
                    ("stock_move_id", "in", moves.ids),
                    ("stock_landed_cost_id", "=", False),
                ],
                ["stock_move_id"],
                ["value:sum"],
            )
        }
        lines = []
        for move in moves:
            product = move.product_id
            qty = move.product_uom._compute_quantity(move.quantity, product.uom_id)
            lines.append(
                allocation.AllocationLine(
                    label=product.id,
                    quantity=qty,
                    weight=product.weight * qty,
                    volume=product.volume * qty,
                    value=values.get(move.id, 0.0),
                )
            )
        return moves, lines

    def _dist_received_moves(self, moves):
        """Done ``moves`` with a quantity, by id, with what the split reads.

        Moves, products, units and the categories' cost method (in the
        environment's company) are read with one query each, instead of one
        per 1,000 records of each when the ORM prefetches them lazily.
        """
        moves = (
            self.env["stock.move"]
            .search_fetch(
                [("id", "in", moves.ids), ("state", "=", "done")],
                ["product_id", "product_uom", "quantity"],
                order="id",
            )
            .filtered("quantity")
        )
        products = moves.product_id
        # uom_id and categ_id are the template's (inherited, not fetched with products)
        products.fetch(["weight", "volume", "product_tmpl_id"])
        products.product_tmpl_id.fetch(["uom_id", "categ_id"])
        (moves.product_uom | products.uom_id).fetch(
            ["category_id", "factor", "rounding"]
        )
        products.categ_id.mapped("property_cost_method")
        return moves

    # ------------------------------------------------------------------
    # reversal
    # ------------------------------------------------------------------
    def _dist_reverse(self):
        """Post the mirror image of done true-ups not reversed yet."""
        to_reverse = self.filtered(
            lambda cost: (
                cost.state == "done"
                and cost.dist_kind == "true_up"
                and not cost.dist_reversal_ids
            )
        )
        reversals = self.browse()
        for cost in to_reverse:
            with guard.permit(self, create=True):
                reversal = self.create(cost._dist_prepare_reversal_vals())
            line_map = dict(zip(cost.cost_lines, reversal.cost_lines, strict=True))
            Adjustment = self.env["stock.valuation.adjustment.lines"]
            adjustments = Adjustment.search_fetch(
                [("cost_id", "=", cost.id)], ADJUSTMENT_COPIED, order="id"
            )
            Adjustment._dist_create_batch(
                [
                    {
                        "cost_id": reversal.id,
                        "cost_line_id": line_map[adjustment.cost_line_id].id,
                        "move_id": adjustment.move_id.id,
                        "product_id": adjustment.product_id.id,
                        "quantity": adjustment.quantity,
                        "weight": adjustment.weight,
                        "volume": adjustment.volume,
                        "former_cost": adjustment.former_cost,
                        "additional_landed_cost": -adjustment.additional_landed_cost,
                        "dist_actual_amount": -adjustment.dist_actual_amount,
                    }
                    for adjustment in adjustments
                ]
            )
            reversal.button_validate()
            reversals |= reversal
        return reversals

    def _dist_prepare_reversal_vals(self):
        self.ensure_one()
        return {
            "dist_kind": "reversal",
            "dist_reversed_id": self.id,
            "dist_shipment_id": self.dist_shipment_id.id,
            "dist_bill_id": self.dist_bill_id.id,
            "account_journal_id": self.account_journal_id.id,
            "picking_ids": [fields.Command.set(self.picking_ids.ids)],
            "cost_lines": [
                fields.Command.create(
                    {
                        "name": line.name,
                        "product_id": line.product_id.id,
                        "price_unit": -line.price_unit,
                        "split_method": line.split_method,
                        "account_id": line.account_id.id,
                        "dist_actual_amount": -line.dist_actual_amount,
                    }
                )
                for line in self.cost_lines
            ],
        }
