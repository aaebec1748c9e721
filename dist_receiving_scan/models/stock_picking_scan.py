import datetime

from odoo import _, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero
from odoo.tools.misc import formatLang

from odoo.addons.dist_procure.models.purchase_order_line import OVERRIDE_GROUP
from odoo.addons.dist_procure.tools.match import over_receipt_excess

from ..tools import gs1

# A scan of this many times what is still expected asks for a confirmation.
CONFIRM_FACTOR = 10
COUNT_AIS = ("30", "37")
# Context keys kept from the caller: a scan reads nothing else of the context.
CONTEXT_KEYS = ("lang", "tz", "allowed_company_ids")


class StockPickingScan(models.Model):
    """Reading a scan (product, packaging, GS1, lot of the current product),
    checking it as the form's controls would, counting it, and the commands
    (validate with or without backorder, undo, confirm)."""

    _inherit = "stock.picking"

    def _dist_scan_env(self):
        """``self`` in a context of the caller's language, time zone and
        companies only: no key of the client reaches a scan (archived
        records, skipped wizards, forced dates...)."""
        context = {
            key: self.env.context[key]
            for key in CONTEXT_KEYS
            if key in self.env.context
        }
        return self.with_env(self.env(context=context))

    # ------------------------------------------------------------------
    # reading
    # ------------------------------------------------------------------
    def _dist_scan_read(self, raw, uuid, quantity=None, confirm=False):
        version = self.dist_scan_version
        closed = self._dist_scan_closed_message()
        if closed:
            return self._dist_scan_refuse(uuid, raw, closed, version)
        read = self._dist_scan_interpret(raw)
        if quantity is not None:
            if quantity <= 0:
                return self._dist_scan_refuse(
                    uuid,
                    raw,
                    _(
                        "A typed quantity must be positive (%(qty)s was typed).",
                        qty=quantity,
                    ),
                    version,
                )
            read["qty"] = float(quantity)
            read["typed"] = True
        if read.get("message"):
            return self._dist_scan_refuse(uuid, raw, read["message"], version)
        return self._dist_scan_count(read, uuid, raw, version, confirm)

    def _dist_scan_interpret(self, raw):
        """What a scan names: ``{kind, product, qty, lot_name, expiration_date,
        use_date}`` or ``{message}`` when nothing matches."""
        code = gs1.normalize(raw)
        current = self._dist_scan_current()
        if not code:
            if not current.product_id:
                return {"message": _("Scan a product first, then type its quantity.")}
            return {
                "kind": "quantity",
                "product": current.product_id,
                "lot_name": current.lot_name
                if current.product_id.tracking == "lot"
                else False,
                "qty": 1.0,
            }
        product = self.env["product.product"].search([("barcode", "=", code)], limit=1)
        if product:
            return {"kind": "product", "product": product, "qty": 1.0}
        packaging = self.env["product.packaging"].search(
            [("barcode", "=", code)], limit=1
        )
        if packaging:
            return {
                "kind": "product",
                "product": packaging.product_id,
                "qty": packaging.qty,
            }
        parts = self._dist_scan_gs1(self._dist_scan_nomenclature(), raw)
        if parts:
            return self._dist_scan_from_gs1(parts, current)
        if current.product_id.tracking in ("lot", "serial"):
            return {
                "kind": "lot",
                "product": current.product_id,
                "lot_name": code,
                "qty": 1.0,
            }
        return {
            "message": _(
                "Unknown barcode %(barcode)s: it is not a product, a packaging, a GS1 "
                "label or a command, and no lot-tracked product is waiting for its lot.",
                barcode=code,
            )
        }

    @staticmethod
    def _dist_scan_gs1_elements(parts):
        """The GTIN and the values a GS1 decomposition carries."""
        values = {"kind": "product", "qty": 1.0}
        gtin = None
        for part in parts:
            rule, value = part["rule"], part["value"]
            if rule.type == "product":
                gtin = value
            elif rule.type == "lot":
                values["lot_name"] = value
            elif rule.type in ("expiration_date", "use_date"):
                values[rule.type] = datetime.datetime.combine(value, datetime.time.min)
            elif rule.type == "quantity":
                values["qty"] = float(value)
                if part["ai"] not in COUNT_AIS:
                    values["measure_uom"] = rule.associated_uom_id
        return gtin, values

    def _dist_scan_from_gs1(self, parts, current):
        gtin, values = self._dist_scan_gs1_elements(parts)
        if not gtin:
            if not current.product_id or "lot_name" not in values:
                return {
                    "message": _(
                        "GS1 label without product (no GTIN, AI 01 or 02) and no product "
                        "waiting for its lot: scan the product first."
                    )
                }
            values.update(kind="lot", product=current.product_id)
            return values
        candidates = gs1.gtin_candidates(gtin)
        product = self.env["product.product"].search(
            [("barcode", "in", candidates)], limit=1
        )
        if not product:
            packaging = self.env["product.packaging"].search(
                [("barcode", "in", candidates)], limit=1
            )
            product = packaging.product_id
            if packaging and not values.get("measure_uom") and values["qty"] == 1.0:
                values["qty"] = packaging.qty
        if not product:
            return {"message": _("No product has the GTIN %(gtin)s.", gtin=gtin)}
        values["product"] = product
        uom = values.pop("measure_uom", None)
        if uom:
            if uom.category_id != product.uom_id.category_id:
                return {
                    "message": _(
                        "%(product)s is counted in %(uom)s: a label measured in %(label)s "
                        "does not apply to it.",
                        product=product.display_name,
                        uom=product.uom_id.name,
                        label=uom.name,
                    )
                }
            values["qty"] = uom._compute_quantity(values["qty"], product.uom_id)
        return values

    # ------------------------------------------------------------------
    # counting
    # ------------------------------------------------------------------
    def _dist_scan_count(self, read, uuid, raw, version, confirm):
        product = read["product"]
        log_values = {
            "kind": read["kind"],
            "product_id": product.id,
            "lot_name": read.get("lot_name") or False,
            "expiration_date": read.get("expiration_date") or False,
            "use_date": read.get("use_date") or False,
            "typed_quantity": bool(read.get("typed")),
        }
        message = self._dist_scan_product_refusal(product)
        if message:
            return self._dist_scan_refuse(uuid, raw, message, version, **log_values)
        moves = self._dist_scan_moves_of(product)
        if not moves:
            moves = self._dist_scan_extra_move(product)
            if not moves:
                return self._dist_scan_refuse(
                    uuid,
                    raw,
                    self._dist_scan_not_ordered_message(product),
                    version,
                    **log_values,
                )
        tracking = product.tracking
        lot_name = read.get("lot_name")
        if tracking != "none" and not lot_name:
            what = _("serial number") if tracking == "serial" else _("lot number")
            entry = self._dist_scan_log(
                uuid,
                raw,
                "pending",
                _(
                    "Scan the %(what)s of %(product)s.",
                    what=what,
                    product=product.display_name,
                ),
                **log_values,
            )
            return self._dist_scan_answer(entry, version, moves)
        uom = moves[0].product_uom
        qty = product.uom_id._compute_quantity(read["qty"], uom)
        log_values.update(quantity=qty, uom_id=uom.id)
        message = self._dist_scan_lot_refusal(product, lot_name, qty, uom)
        if message:
            return self._dist_scan_refuse(uuid, raw, message, version, **log_values)
        remaining = sum(
            move.product_uom_qty - move._dist_scan_scanned() for move in moves
        )
        if (
            not confirm
            and float_compare(remaining, 0.0, precision_rounding=uom.rounding) > 0
            and float_compare(
                qty, CONFIRM_FACTOR * remaining, precision_rounding=uom.rounding
            )
            >= 0
        ):
            entry = self._dist_scan_log(
                uuid,
                raw,
                "confirm",
                _(
                    "%(qty)s %(uom)s of %(product)s scanned, but only %(remaining)s are "
                    "still expected: confirm to count them.",
                    qty=self._dist_scan_qty(qty),
                    uom=uom.name,
                    product=product.display_name,
                    remaining=self._dist_scan_qty(remaining),
                ),
                awaiting="quantity",
                **log_values,
            )
            return self._dist_scan_answer(entry, version, moves)
        move = (
            moves.filtered(
                lambda m: (
                    float_compare(
                        m._dist_scan_scanned(),
                        m.product_uom_qty,
                        precision_rounding=uom.rounding,
                    )
                    < 0
                )
            )[:1]
            or moves[-1:]
        )
        result, message = (
            "ok",
            _(
                "%(qty)s %(uom)s of %(product)s%(lot)s counted.",
                qty=self._dist_scan_qty(qty),
                uom=uom.name,
                product=product.display_name,
                lot=(" (%s)" % lot_name) if lot_name else "",
            ),
        )
        excess = self._dist_scan_over_receipt(move, qty)
        if excess:
            if not self.env.user.has_group(OVERRIDE_GROUP):
                return self._dist_scan_refuse(
                    uuid,
                    raw,
                    excess
                    + "\n"
                    + _(
                        "Only a user with the Over-Receipt Override role can receive it."
                    ),
                    version,
                    **log_values,
                )
            result = "warning"
            message = "%s\n%s" % (
                excess,
                _(
                    "Counted under your Over-Receipt Override role: the exception is "
                    "queued when the receipt is validated."
                ),
            )
        line = move._dist_scan_add(
            qty, lot_name, read.get("expiration_date"), read.get("use_date")
        )
        self._dist_scan_bump()
        entry = self._dist_scan_log(
            uuid, raw, result, message, move_line_id=line.id, **log_values
        )
        return self._dist_scan_answer(entry, version, move)

    def _dist_scan_refuse(self, uuid, raw, message, version, **values):
        entry = self._dist_scan_log(uuid, raw, "refused", message, **values)
        return self._dist_scan_answer(entry, version, None)

    def _dist_scan_qty(self, qty):
        return formatLang(self.env, qty, dp="Product Unit of Measure")

    def _dist_scan_product_refusal(self, product):
        if product.dist_state != "active":
            return _(
                "%(product)s is not an active item (field Item Status: %(state)s): it "
                "cannot be received.",
                product=product.display_name,
                state=self._dist_scan_label(product.product_tmpl_id, "dist_state"),
            )
        return None

    def _dist_scan_not_ordered_message(self, product):
        orders = self._dist_scan_orders()
        return _(
            "%(product)s is not on %(document)s: operation type %(type)s does not take "
            "products that were not ordered (field Scan Products Not Ordered).",
            product=product.display_name,
            document=(
                _("purchase order %s", ", ".join(orders.mapped("name")))
                if orders
                else _("receipt %s", self.name)
            ),
            type=self.picking_type_id.display_name,
        )

    def _dist_scan_extra_move(self, product):
        """Add a product not ordered to the receipt, where the operation type allows it."""
        if not self.picking_type_id.dist_scan_allow_extra:
            return self.env["stock.move"]
        return self.env["stock.move"].create(
            {
                "name": product.display_name,
                "picking_id": self.id,
                "product_id": product.id,
                "product_uom": product.uom_id.id,
                "product_uom_qty": 0.0,
                "location_id": self.location_id.id,
                "location_dest_id": self.location_dest_id.id,
                "company_id": self.company_id.id,
                "picking_type_id": self.picking_type_id.id,
                "partner_id": self.partner_id.id,
            }
        )

    def _dist_scan_lot_refusal(self, product, lot_name, qty, uom):
        if not lot_name:
            return None
        picking_type = self.picking_type_id
        lot = self.env["stock.lot"].search(
            [
                ("product_id", "=", product.id),
                ("name", "=", lot_name),
                ("company_id", "=", self.company_id.id),
            ],
            limit=1,
        )
        if not lot and not picking_type.use_create_lots:
            return _(
                "Lot %(lot)s of %(product)s does not exist and operation type %(type)s "
                "does not create lots.",
                lot=lot_name,
                product=product.display_name,
                type=picking_type.display_name,
            )
        if product.tracking != "serial":
            return None
        if float_compare(qty, 1.0, precision_rounding=uom.rounding) != 0:
            return _(
                "A serial number counts one unit: %(qty)s %(uom)s of %(product)s were "
                "scanned with serial %(lot)s.",
                qty=self._dist_scan_qty(qty),
                uom=uom.name,
                product=product.display_name,
                lot=lot_name,
            )
        scanned = self.env["stock.move.line"].search_count(
            [
                ("picking_id", "=", self.id),
                ("product_id", "=", product.id),
                ("picked", "=", True),
                "|",
                ("lot_name", "=", lot_name),
                ("lot_id.name", "=", lot_name),
            ]
        )
        if scanned:
            return _(
                "Serial number %(lot)s of %(product)s is already scanned on %(picking)s.",
                lot=lot_name,
                product=product.display_name,
                picking=self.name,
            )
        # sudo: whether the serial is already in stock anywhere in the company
        # matters whatever locations the user may read.
        if lot and self.env["stock.quant"].sudo().search_count(
            [
                ("lot_id", "=", lot.id),
                ("location_id.usage", "=", "internal"),
                ("quantity", ">", 0),
            ]
        ):
            return _(
                "Serial number %(lot)s of %(product)s is already in stock in "
                "%(company)s: it cannot be received again.",
                lot=lot_name,
                product=product.display_name,
                company=self.company_id.name,
            )
        return None

    def _dist_scan_over_receipt(self, move, qty):
        """The over-receipt refusal counting ``qty`` on ``move`` would bring, or ``None``.

        The same tolerance as ``purchase.order.line._check_dist_received``
        (the validation's check), counting what is already received and what
        is already scanned on this receipt for the order line.
        """
        # sudo: the warehouse user may not read order lines or tolerance keys.
        line = move.sudo().purchase_line_id
        if not line:
            return None
        Key = self.env["dist.tolerance.key"]
        company_keys = Key._get_company_keys(line.company_id).get(line.company_id.id)
        if company_keys is None:
            return None
        key = Key._select(company_keys, line.order_id.partner_id, line.product_id)
        pct = key.values.over_receipt_pct if key else 0.0
        to_line = line.product_uom
        line_moves = self.env["stock.move"].search(
            [
                ("picking_id", "=", self.id),
                ("purchase_line_id", "=", line.id),
                ("state", "not in", ("done", "cancel")),
            ]
        )
        scanned = sum(
            m.product_uom._compute_quantity(m._dist_scan_scanned(), to_line)
            for m in line_moves
        )
        adding = move.product_uom._compute_quantity(qty, to_line)
        received = line.qty_received
        excess = over_receipt_excess(
            line.product_qty, received + scanned, adding, pct, to_line.rounding
        )
        if not excess:
            return None
        return _(
            "%(picking)s: counting %(qty)s %(uom)s of %(product)s would receive "
            "%(excess)s %(uom)s beyond the ordered %(ordered)s of %(order)s plus the "
            "over-receipt tolerance of %(pct)s %% (already received %(received)s, "
            "scanned on this receipt %(scanned)s).",
            picking=self.name,
            qty=self._dist_scan_qty(adding),
            uom=to_line.name,
            product=line.product_id.display_name,
            excess=self._dist_scan_qty(excess),
            ordered=self._dist_scan_qty(line.product_qty),
            order=line.order_id.name,
            pct=formatLang(self.env, pct, digits=2),
            received=self._dist_scan_qty(received),
            scanned=self._dist_scan_qty(scanned),
        )

    # ------------------------------------------------------------------
    # commands
    # ------------------------------------------------------------------
    def _dist_scan_command(self, command, raw, uuid):
        version = self.dist_scan_version
        closed = self._dist_scan_closed_message()
        if closed:
            return self._dist_scan_refuse(uuid, raw, closed, version, kind="command")
        if command == "undo":
            return self._dist_scan_undo_last(uuid, raw, version)
        if command == "confirm":
            return self._dist_scan_confirm(uuid, raw, version)
        backorder = {"validate": None, "backorder": True, "no_backorder": False}[
            command
        ]
        return self._dist_scan_validate_as(uuid, raw, version, backorder)

    def _dist_scan_confirm(self, uuid, raw, version):
        entry = self._dist_scan_awaiting()
        if entry.awaiting == "backorder":
            return self._dist_scan_validate_as(uuid, raw, version, True)
        if entry.awaiting != "quantity":
            return self._dist_scan_refuse(
                uuid,
                raw,
                _("There is no scan waiting for a confirmation."),
                version,
                kind="command",
            )
        read = {
            "kind": entry.kind,
            "product": entry.product_id,
            "lot_name": entry.lot_name,
            "expiration_date": entry.expiration_date,
            "use_date": entry.use_date,
            "qty": entry.uom_id._compute_quantity(
                entry.quantity, entry.product_id.uom_id
            ),
            "typed": entry.typed_quantity,
        }
        return self._dist_scan_count(read, uuid, entry.barcode, version, True)

    def _dist_scan_undo_last(self, uuid, raw, version):
        Scan = self.env["dist.receipt.scan"]
        entry = Scan.search(
            [
                ("picking_id", "=", self.id),
                ("user_id", "=", self.env.user.id),
                ("result", "in", ("ok", "warning")),
                ("kind", "!=", "command"),
            ],
            limit=1,
        )
        line = entry.move_line_id
        if not line or line.state == "done":
            return self._dist_scan_refuse(
                uuid,
                raw,
                _("You have no counted scan to undo on %s.", self.name),
                version,
                kind="command",
            )
        move = line.move_id
        left = line.quantity - entry.quantity
        if (
            float_is_zero(left, precision_rounding=line.product_uom_id.rounding)
            or left < 0
        ):
            line.unlink()
        else:
            line.quantity = left
        # sudo: the log is the engine's (see dist.receipt.scan)
        entry.sudo().result = "undone"
        self._dist_scan_bump()
        undo = self._dist_scan_log(
            uuid,
            raw,
            "ok",
            _(
                "Undone: %(qty)s %(uom)s of %(product)s%(lot)s.",
                qty=self._dist_scan_qty(entry.quantity),
                uom=entry.uom_id.name,
                product=entry.product_id.display_name,
                lot=(" (%s)" % entry.lot_name) if entry.lot_name else "",
            ),
            kind="command",
            product_id=entry.product_id.id,
        )
        return self._dist_scan_answer(undo, version, move, state=True)

    def _dist_scan_validate_as(self, uuid, raw, version, backorder):
        """Validate as the form does; ``backorder`` None asks when incomplete."""
        scanned = self.move_ids.move_line_ids.filtered("picked")
        if not scanned:
            return self._dist_scan_refuse(
                uuid,
                raw,
                _("Nothing is scanned on %s yet.", self.name),
                version,
                kind="command",
            )
        incomplete = self._dist_scan_incomplete()
        policy = self.picking_type_id.create_backorder
        if backorder is None and incomplete and policy == "ask":
            entry = self._dist_scan_log(
                uuid,
                raw,
                "confirm",
                _(
                    "%(picking)s is not complete (%(count)s lines short): create a "
                    "backorder for the rest, or validate without backorder?",
                    picking=self.name,
                    count=len(incomplete),
                ),
                kind="command",
                awaiting="backorder",
            )
            return self._dist_scan_answer(entry, version, None)
        context = {"skip_backorder": True}
        if backorder is False:
            context["picking_ids_not_to_backorder"] = self.ids
        try:
            with self.env.cr.savepoint():
                action = self.with_context(**context).button_validate()
                if action is not True:
                    raise UserError(
                        _(
                            "%(picking)s needs a confirmation only the receipt form "
                            "gives (%(step)s): open it in Inventory to validate it.",
                            picking=self.name,
                            step=isinstance(action, dict) and action.get("name") or "",
                        )
                    )
        except (UserError, ValidationError) as error:
            self.env.invalidate_all()
            return self._dist_scan_refuse(
                uuid, raw, error.args[0], version, kind="command"
            )
        backorders = self.backorder_ids
        self._dist_scan_bump()
        message = _("%s validated.", self.name)
        if backorders:
            message += " " + _(
                "Backorder %s created for the rest.",
                ", ".join(backorders.mapped("name")),
            )
        entry = self._dist_scan_log(uuid, raw, "done", message, kind="command")
        return self._dist_scan_answer(entry, version, None, state=True)
