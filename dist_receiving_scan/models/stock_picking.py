from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import float_compare

from odoo.addons.dist_procure.models.purchase_order import APPROVED_STATES

from ..tools import gs1

COMMANDS = {
    "DIST-CMD-VALIDATE": "validate",
    "DIST-CMD-BACKORDER": "backorder",
    "DIST-CMD-NOBACKORDER": "no_backorder",
    "DIST-CMD-UNDO": "undo",
    "DIST-CMD-CONFIRM": "confirm",
}
LOG_SIZE = 30
UUID_SIZE = 64
RECEIPTS_LIMIT = 80
SOUNDS = {
    "ok": "ok",
    "done": "ok",
    "pending": "ok",
    "warning": "warning",
    "confirm": "warning",
    "refused": "error",
    "undone": "ok",
}


class StockPicking(models.Model):
    """The receiving screen's server: every scan is read, checked and counted here.

    Entry points (JSON-RPC, see readme/DEVELOP.md): ``dist_scan_receipts``,
    ``dist_scan_open``, ``dist_scan_state``, ``dist_scan``,
    ``dist_scan_validate``, ``dist_scan_undo``, ``dist_scan_parse``. Each
    checks the receipt as the acting user first (company record rules,
    receiving warehouses, receipt of an approved order), then locks the
    receipt's row: scans of one receipt run one after the other, whatever
    the number of scanners, and a scan whose ``uuid`` was already counted
    answers what it answered the first time.

    A scan only ever changes what the user could change in the receipt form
    (picked move lines, as the user); the controls of ``dist_procure``
    (approved order, over-receipt tolerance, receipt gate) run again at
    validation, as for any receipt. The screen's own checks are the same
    ones, asked before counting, so that a refused scan never reaches the
    receipt and is said at once.
    """

    _name = "stock.picking"
    _inherit = ["stock.picking", "dist.guarded.mixin"]
    # Counted by the engine only (row lock + SQL increment).
    _dist_guarded_fields = ("dist_scan_version",)

    dist_vendor_ref = fields.Char(
        string="Vendor Delivery Note",
        copy=False,
        index="trigram",
        tracking=True,
        help="Reference of the vendor's delivery note: scanning it on the receiving "
        "screen opens this receipt.",
    )
    dist_scan_version = fields.Integer(
        string="Scan Version", copy=False, readonly=True, default=0
    )
    dist_scan_ids = fields.One2many(
        "dist.receipt.scan", "picking_id", string="Scan Log", readonly=True
    )

    # ------------------------------------------------------------------
    # entry points
    # ------------------------------------------------------------------
    @api.model
    def dist_scan_receipts(self):
        """The receipts ready to receive in the user's receiving warehouses."""
        Picking = self._dist_scan_env()
        warehouses = self.env.user._dist_scan_warehouses()
        receipts = Picking.search(
            [
                ("picking_type_code", "=", "incoming"),
                ("state", "=", "assigned"),
                ("picking_type_id.warehouse_id", "in", warehouses.ids),
            ],
            order="scheduled_date, id",
            limit=RECEIPTS_LIMIT,
        )
        return {
            "warehouses": warehouses.mapped("name"),
            "nomenclature_id": Picking._dist_scan_nomenclature().id,
            "receipts": [receipt._dist_scan_summary() for receipt in receipts],
        }

    @api.model
    def dist_scan_open(self, barcode):
        """Open the receipt a scanned reference names (receipt, PO, delivery note)."""
        Picking = self._dist_scan_env()
        reference = gs1.normalize(barcode)
        receipt = Picking._dist_scan_find(reference)
        if not receipt:
            return Picking._dist_scan_refusal(
                _(
                    "No receipt to receive matches %(barcode)s (receipt reference, "
                    "purchase order or vendor delivery note).",
                    barcode=reference,
                )
            )
        receipt._dist_scan_check_access()
        message = receipt._dist_scan_closed_message()
        if message:
            return Picking._dist_scan_refusal(message)
        return receipt._dist_scan_state_values()

    def dist_scan_state(self):
        self.ensure_one()
        picking = self._dist_scan_env()
        picking._dist_scan_check_access()
        return picking._dist_scan_state_values()

    def dist_scan(self, barcode, uuid, quantity=None, confirm=False):
        """Read, check and count one scan; see readme/DEVELOP.md for the answer."""
        self.ensure_one()
        picking = self._dist_scan_env()
        barcode, uuid, quantity = picking._dist_scan_arguments(barcode, uuid, quantity)
        picking._dist_scan_check_access()
        picking._dist_scan_lock()
        replayed = picking._dist_scan_replayed(uuid)
        if replayed:
            return replayed
        raw = (barcode or "").strip(gs1.EDGES)
        command = COMMANDS.get(raw.upper())
        if command:
            return picking._dist_scan_command(command, raw, uuid)
        return picking._dist_scan_read(raw, uuid, quantity=quantity, confirm=confirm)

    def dist_scan_validate(self, backorder, uuid):
        """Validate with (``backorder`` true) or without a backorder for the rest."""
        command = "DIST-CMD-BACKORDER" if backorder else "DIST-CMD-NOBACKORDER"
        return self.dist_scan(command, uuid)

    def dist_scan_undo(self, uuid):
        """Cancel the user's last counted scan on this receipt."""
        return self.dist_scan("DIST-CMD-UNDO", uuid)

    @api.model
    def dist_scan_parse(self, barcodes):
        """How the server reads each barcode as GS1 (``False`` when it does not)."""
        Picking = self._dist_scan_env()
        nomenclature = Picking._dist_scan_nomenclature()
        return [
            [
                {
                    "ai": part["ai"],
                    "type": part["rule"].type,
                    "value": (
                        fields.Date.to_string(part["value"])
                        if part["rule"].gs1_content_type == "date"
                        else part["value"]
                    ),
                }
                for part in parts
            ]
            if parts
            else False
            for parts in (
                Picking._dist_scan_gs1(nomenclature, code) for code in barcodes
            )
        ]

    @api.model
    def _dist_scan_arguments(self, barcode, uuid, quantity):
        """The arguments of a scan as the server reads them, or a clear refusal."""
        if barcode is not None and not isinstance(barcode, str):
            raise UserError(
                _("A scan is a text: %(barcode)r is not one.", barcode=barcode)
            )
        if not isinstance(uuid, str) or not 0 < len(uuid) <= UUID_SIZE:
            raise UserError(
                _(
                    "A scan needs its scan id (uuid): a text of 1 to %(size)s characters "
                    "that counts it once.",
                    size=UUID_SIZE,
                )
            )
        if quantity is not None and quantity is not False:
            try:
                quantity = float(quantity)
            except (TypeError, ValueError):
                raise UserError(
                    _("The typed quantity %(qty)r is not a number.", qty=quantity)
                ) from None
        else:
            quantity = None
        return barcode, uuid, quantity

    # ------------------------------------------------------------------
    # access, lock, idempotency
    # ------------------------------------------------------------------
    def _dist_scan_check_access(self):
        """Refuse a receipt the user may not receive (company, warehouse, kind)."""
        self.ensure_one()
        self.check_access_rights("write")
        self.check_access_rule("write")
        if self.picking_type_code != "incoming":
            raise UserError(
                _(
                    "%(picking)s is not a receipt: the receiving screen only receives.",
                    picking=self.display_name,
                )
            )
        warehouse = self.picking_type_id.warehouse_id
        if warehouse not in self.env.user._dist_scan_warehouses():
            raise AccessError(
                _(
                    "%(user)s does not receive in warehouse %(warehouse)s (field "
                    "Receiving Warehouses of the user): receipt %(picking)s cannot be "
                    "opened or scanned.",
                    user=self.env.user.name,
                    warehouse=warehouse.display_name,
                    picking=self.display_name,
                )
            )

    def _dist_scan_lock(self):
        """Serialise the scans of this receipt (released at commit)."""
        self.env.cr.execute(
            "SELECT id FROM stock_picking WHERE id = %s FOR UPDATE", [self.id]
        )
        self.invalidate_recordset(["dist_scan_version"])

    def _dist_scan_replayed(self, uuid):
        """The answer to a scan already received (a network retry), if any."""
        entry = (
            self.env["dist.receipt.scan"]
            .sudo()
            .search([("picking_id", "=", self.id), ("uuid", "=", uuid)], limit=1)
        )
        if not entry:
            return None
        version = self.dist_scan_version
        moves = entry.move_line_id.move_id
        return self._dist_scan_answer(
            entry, version, moves, state=entry.result == "done", replay=True
        )

    def _dist_scan_closed_message(self):
        """Why this receipt cannot be received now, or ``None``."""
        if self.state in ("done", "cancel"):
            states = dict(self._fields["state"]._description_selection(self.env))
            return _(
                "Receipt %(picking)s is %(state)s: there is nothing left to receive.",
                picking=self.display_name,
                state=states[self.state],
            )
        if self.state == "draft":
            return _(
                "Receipt %(picking)s is a draft: mark it as to do before receiving it.",
                picking=self.display_name,
            )
        # the approval of the orders decides whether their goods may come in
        order = self._dist_scan_orders().filtered(
            lambda o: o.state not in APPROVED_STATES
        )[:1]
        if order:
            return _(
                "Receipt %(picking)s cannot be received: purchase order %(order)s is "
                "not approved (Status: %(state)s; Approval: %(approval)s).",
                picking=self.display_name,
                order=order.name,
                state=self._dist_scan_label(order, "state"),
                approval=self._dist_scan_label(order, "dist_approval_state"),
            )
        return None

    def _dist_scan_orders(self):
        """The purchase orders this receipt receives (one query, whatever its size)."""
        # sudo: a warehouse user may not read purchase orders, yet their
        # approval decides whether the goods may come in.
        return (
            self.env["purchase.order"]
            .sudo()
            .search([("order_line.move_ids.picking_id", "=", self.id)])
        )

    @api.model
    def _dist_scan_label(self, record, name):
        selection = dict(record._fields[name]._description_selection(self.env))
        return selection.get(record[name], record[name] or "")

    # ------------------------------------------------------------------
    # finding receipts, reading barcodes
    # ------------------------------------------------------------------
    @api.model
    def _dist_scan_find(self, reference):
        if not reference:
            return self.browse()
        base = [("picking_type_code", "=", "incoming"), ("state", "!=", "draft")]
        for domain in (
            [("name", "=ilike", reference)],
            [("purchase_id.name", "=ilike", reference)],
            [("dist_vendor_ref", "=ilike", reference)],
        ):
            receipts = self.search(expression.AND([base, domain]))
            if receipts:
                open_ones = receipts.filtered(
                    lambda r: r.state not in ("done", "cancel")
                )
                return (open_ones or receipts).sorted(
                    lambda r: (r.state != "assigned", r.scheduled_date, r.id)
                )[:1]
        return self.browse()

    @api.model
    def _dist_scan_nomenclature(self):
        nomenclature = self.env.company.nomenclature_id
        if nomenclature.is_gs1_nomenclature:
            return nomenclature
        return self.env.ref("barcodes_gs1_nomenclature.default_gs1_nomenclature")

    @api.model
    def _dist_scan_gs1(self, nomenclature, barcode):
        """Odoo's GS1 decomposition of a scan, or ``None``."""
        code = gs1.normalize(barcode)
        if not gs1.is_gs1_candidate(barcode, code):
            return None
        try:
            return nomenclature.sudo().parse_barcode(code) or None
        except (ValidationError, ValueError):
            return None

    # ------------------------------------------------------------------
    # answers
    # ------------------------------------------------------------------
    def _dist_scan_log(self, uuid, barcode, result, message, **values):
        # sudo: the scan log is written by the engine only (no group may
        # create or change it); the scan was checked as the user before.
        return (
            self.env["dist.receipt.scan"]
            .sudo()
            .create(
                dict(
                    values,
                    picking_id=self.id,
                    user_id=self.env.user.id,
                    uuid=uuid,
                    barcode=barcode,
                    result=result,
                    message=message,
                )
            )
        )

    def _dist_scan_bump(self):
        """Count one change of the receipt by a scan; return the new version."""
        self.env.cr.execute(
            "UPDATE stock_picking SET dist_scan_version = dist_scan_version + 1 "
            "WHERE id = %s RETURNING dist_scan_version",
            [self.id],
        )
        self.invalidate_recordset(["dist_scan_version"])
        return self.env.cr.fetchone()[0]

    def _dist_scan_answer(
        self, entry, version_before, moves, state=False, replay=False
    ):
        version = self.dist_scan_version
        return {
            "result": entry.result,
            "message": entry.message or "",
            "sound": SOUNDS[entry.result],
            "version_before": version if replay else version_before,
            "version": version,
            "lines": moves.exists()._dist_scan_line_values() if moves else [],
            "log": entry._dist_scan_values(),
            "current": self._dist_scan_current_values(),
            "awaiting": self._dist_scan_awaiting_values(),
            "state": self._dist_scan_state_values() if state else False,
        }

    @api.model
    def _dist_scan_refusal(self, message):
        return {"result": "refused", "message": message, "sound": "error"}

    def _dist_scan_summary(self):
        self.ensure_one()
        order = self.sudo().purchase_id
        moves = self.move_ids.filtered(lambda m: m.state != "cancel")
        return {
            "id": self.id,
            "name": self.name,
            "partner": self.partner_id.display_name or "",
            "origin": self.origin or "",
            "vendor_ref": self.dist_vendor_ref or "",
            "scheduled_date": fields.Datetime.to_string(self.scheduled_date),
            "state": self.state,
            "state_label": self._dist_scan_label(self, "state"),
            "lines_total": len(moves),
            "lines_done": len(moves.filtered(lambda m: m._dist_scan_complete())),
            "warehouse": self.picking_type_id.warehouse_id.name,
            "approved": not order or order.state in APPROVED_STATES,
            "approval_label": (
                self._dist_scan_label(order, "dist_approval_state") if order else ""
            ),
        }

    def _dist_scan_state_values(self):
        self.ensure_one()
        order = self.sudo().purchase_id
        log = self.env["dist.receipt.scan"].search(
            [("picking_id", "=", self.id)], limit=LOG_SIZE
        )
        moves = self.move_ids.filtered(lambda m: m.state != "cancel")
        return dict(
            self._dist_scan_summary(),
            version=self.dist_scan_version,
            purchase=order
            and {
                "id": order.id,
                "name": order.name,
                "approved": order.state in APPROVED_STATES,
                "approval_label": self._dist_scan_label(order, "dist_approval_state"),
            },
            lines=moves._dist_scan_line_values(),
            log=[entry._dist_scan_values() for entry in log],
            current=self._dist_scan_current_values(),
            awaiting=self._dist_scan_awaiting_values(),
            done=self.state == "done",
        )

    def _dist_scan_last(self, results):
        """The user's last scan on this receipt among ``results``."""
        return self.env["dist.receipt.scan"].search(
            [
                ("picking_id", "=", self.id),
                ("user_id", "=", self.env.user.id),
                ("result", "in", results),
            ],
            limit=1,
        )

    def _dist_scan_current(self):
        """The product the user's next lot / quantity scans apply to."""
        last = self._dist_scan_last(("ok", "warning", "pending", "done", "undone"))
        if last.result in ("done", "undone") or last.kind == "command":
            return last.browse()
        return last

    def _dist_scan_current_values(self):
        entry = self._dist_scan_current()
        if not entry.product_id:
            return False
        product = entry.product_id
        message = ""
        if entry.result == "pending":
            message = entry.message
        return {
            "product_id": product.id,
            "product": product.display_name,
            "tracking": product.tracking,
            "lot": entry.lot_name or "",
            "message": message,
        }

    def _dist_scan_awaiting(self):
        last = self.env["dist.receipt.scan"].search(
            [("picking_id", "=", self.id), ("user_id", "=", self.env.user.id)],
            limit=1,
        )
        return last if last.result == "confirm" else last.browse()

    def _dist_scan_awaiting_values(self):
        entry = self._dist_scan_awaiting()
        if not entry:
            return False
        return {"kind": entry.awaiting, "message": entry.message}

    # ------------------------------------------------------------------
    # lines
    # ------------------------------------------------------------------
    def _dist_scan_moves_of(self, product):
        return self.env["stock.move"].search(
            [
                ("picking_id", "=", self.id),
                ("product_id", "=", product.id),
                ("state", "not in", ("done", "cancel")),
            ],
            order="id",
        )

    def _dist_scan_incomplete(self):
        moves = self.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        return moves.filtered(
            lambda m: (
                float_compare(
                    m._dist_scan_scanned(),
                    m.product_uom_qty,
                    precision_rounding=m.product_uom.rounding,
                )
                < 0
            )
        )
