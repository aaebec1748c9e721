from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.dist_harmonize_base.tools import guard

from ..tools import reconcile

REASONS = [
    (reconcile.TIMING, "Timing"),
    (reconcile.FX, "FX"),
    (reconcile.TAX, "Tax"),
    (reconcile.AMOUNT, "Amount"),
    (reconcile.MISSING_MIRROR, "Missing Mirror Document"),
]
SELLER_TYPES = ("out_invoice", "out_refund")
BUYER_TYPES = ("in_invoice", "in_refund")
REFUND_TYPES = ("out_refund", "in_refund")
# What the engine found for a pair (written by action_compute only).
LINE_FIELDS = (
    "reconciliation_id",
    "seller_move_id",
    "buyer_move_id",
    "seller_ref",
    "buyer_ref",
    "date",
    "seller_amount",
    "buyer_amount",
    "difference",
    "reason",
    "explanation",
)


# What a computed reconciliation's lines were read for.
FROZEN_HEADER = (
    "seller_company_id",
    "buyer_company_id",
    "date_from",
    "date_to",
    "currency_id",
)


class DistIntercompanyReconciliation(models.Model):
    """Due-from (seller's receivables on the buyer) vs due-to (buyer's payables
    on the seller) for one company pair and period, in one reporting currency.

    ``action_compute`` pairs the documents of both books (a mirror with its
    source, a bill keyed by hand with the invoice its reference names), and
    explains each difference with a reason code (``tools/reconcile.py``).
    Open differences are queued in the exception queue; a missing mirror is
    created from its line through the invoice flow's engine. Only a user of
    both companies reads or runs it (record rule and ``_dist_check_pair_access``).
    """

    _name = "dist.intercompany.reconciliation"
    _description = "Intercompany Reconciliation"
    _inherit = ["mail.thread", "dist.guarded.mixin"]
    # The totals and the date of the computation are the engine's findings:
    # what the ribbon, the list and the export show.
    _dist_guarded_fields = (
        "due_from",
        "due_to",
        "difference",
        "open_count",
        "balanced",
        "computed_date",
    )
    _order = "date_to desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    seller_company_id = fields.Many2one(
        "res.company", string="Seller", required=True, index=True, tracking=True
    )
    buyer_company_id = fields.Many2one(
        "res.company", string="Buyer", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        related="seller_company_id", store=True, string="Company"
    )
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(required=True, tracking=True)
    currency_id = fields.Many2one(
        "res.currency",
        string="Reporting Currency",
        required=True,
        tracking=True,
        help="Both books are translated into this currency at the period's end.",
    )
    line_ids = fields.One2many(
        "dist.intercompany.reconciliation.line", "reconciliation_id", readonly=True
    )
    due_from = fields.Monetary(
        compute="_compute_totals",
        store=True,
        help="Receivables on the buyer in the seller's books.",
    )
    due_to = fields.Monetary(
        compute="_compute_totals",
        store=True,
        help="Payables to the seller in the buyer's books.",
    )
    difference = fields.Monetary(compute="_compute_totals", store=True)
    open_count = fields.Integer(
        string="Open Differences", compute="_compute_totals", store=True
    )
    balanced = fields.Boolean(compute="_compute_totals", store=True)
    computed_date = fields.Datetime(string="Computed On", readonly=True)

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK (date_from <= date_to)",
            "The period must end after it starts.",
        ),
        (
            "companies_differ",
            "CHECK (seller_company_id != buyer_company_id)",
            "The seller and the buyer must be different companies.",
        ),
    ]

    @api.depends("seller_company_id", "buyer_company_id", "date_from", "date_to")
    def _compute_name(self):
        for rec in self:
            rec.name = _(
                "%(seller)s → %(buyer)s, %(start)s – %(end)s",
                seller=rec.seller_company_id.name or "",
                buyer=rec.buyer_company_id.name or "",
                start=rec.date_from or "",
                end=rec.date_to or "",
            )

    @api.depends("line_ids.seller_amount", "line_ids.buyer_amount", "line_ids.reason")
    def _compute_totals(self):
        for rec in self:
            rec.due_from = sum(rec.line_ids.mapped("seller_amount"))
            rec.due_to = sum(rec.line_ids.mapped("buyer_amount"))
            rec.difference = rec.due_from - rec.due_to
            rec.open_count = len(rec.line_ids.filtered("reason"))
            rec.balanced = bool(rec.line_ids) and not rec.open_count

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._dist_check_pair_access()
        return records

    def write(self, vals):
        computed = self.filtered("line_ids")
        frozen = [name for name in FROZEN_HEADER if name in vals]
        if computed and frozen:
            raise UserError(
                _(
                    "Reconciliation %(name)s is computed: its %(field)s cannot "
                    "change (create another reconciliation).",
                    name=computed[0].name,
                    field=self._fields[frozen[0]].string,
                )
            )
        result = super().write(vals)
        self._dist_check_pair_access()
        return result

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_compute(self):
        """Pair both books' documents of the period and explain the differences."""
        self._dist_check_pair_access()
        for rec in self:
            rec._dist_close_lines(_("The reconciliation was computed again."))
            values = rec._dist_prepare_line_vals()
            # sudo + permit: lines are the engine's findings, users only read
            # them; the values come from both books read as this user above.
            Line = self.env["dist.intercompany.reconciliation.line"].sudo()
            rec.line_ids.sudo().unlink()
            with guard.permit(Line, create=True):
                lines = Line.create(values)
            with guard.permit(rec):
                rec.computed_date = fields.Datetime.now()
            lines.sudo(False)._dist_queue_exceptions()
        return True

    def action_export_xlsx(self):
        """Download the reconciliation as an XLSX workbook."""
        self.ensure_one()
        self._dist_check_pair_access()
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.name}.xlsx",
                "raw": self.env["dist.intercompany.reconciliation.xlsx"]._render(self),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # engine
    # ------------------------------------------------------------------
    def _dist_check_pair_access(self):
        """Refuse a user who is not allowed in both companies of the pair."""
        for rec in self:
            missing = (
                rec.seller_company_id | rec.buyer_company_id
            ) - self.env.companies
            if missing and not self.env.su:
                raise AccessError(
                    _(
                        "Reconciliation %(name)s reads the books of %(companies)s: "
                        "select both companies to open or compute it.",
                        name=rec.name,
                        companies=", ".join(missing.mapped("name")),
                    )
                )

    def _dist_close_lines(self, resolution):
        for line in self.line_ids.filtered("reason"):
            self.env["dist.exception"].close_for(line, resolution=resolution)

    def _dist_documents(self):
        """Return ``(seller_docs, buyer_docs)`` posted in the period, each side's."""
        self.ensure_one()
        Move = self.env["account.move"]
        period = [
            ("state", "=", "posted"),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        seller_docs = Move.search(
            period
            + [
                ("company_id", "=", self.seller_company_id.id),
                ("move_type", "in", SELLER_TYPES),
                ("commercial_partner_id", "=", self.buyer_company_id.partner_id.id),
            ]
        )
        buyer_docs = Move.search(
            period
            + [
                ("company_id", "=", self.buyer_company_id.id),
                ("move_type", "in", BUYER_TYPES),
                ("commercial_partner_id", "=", self.seller_company_id.partner_id.id),
            ]
        )
        return seller_docs, buyer_docs

    def _dist_pairs(self):
        """Return ``[(seller_doc, buyer_doc)]``, either empty when unpaired."""
        seller_docs, buyer_docs = self._dist_documents()
        Move = self.env["account.move"]
        not_cancelled = [("state", "!=", "cancel")]
        mirrors = Move.search(
            not_cancelled
            + [
                ("company_id", "=", self.buyer_company_id.id),
                ("move_type", "in", BUYER_TYPES),
                "|",
                ("dist_ic_counterpart_id", "in", seller_docs.ids),
                ("ref", "in", [name for name in seller_docs.mapped("name") if name]),
            ]
        )
        sources = Move.search(
            not_cancelled
            + [
                ("company_id", "=", self.seller_company_id.id),
                ("move_type", "in", SELLER_TYPES),
                "|",
                ("id", "in", buyer_docs.mapped("dist_ic_counterpart_id")),
                ("name", "in", [ref for ref in buyer_docs.mapped("ref") if ref]),
            ]
        )
        pairs, paired_buyers = [], Move
        for seller_doc in seller_docs | sources:
            buyer_doc = (buyer_docs | mirrors).filtered(
                lambda doc, s=seller_doc: (
                    doc.dist_ic_counterpart_id == s.id or doc.ref == s.name
                )
            )[:1]
            paired_buyers |= buyer_doc
            pairs.append((seller_doc, buyer_doc))
        pairs += [(Move, doc) for doc in buyer_docs - paired_buyers]
        return pairs

    def _dist_side(self, move, account_type):
        """The ``reconcile.Side`` of ``move`` (seller: receivable, buyer: payable)."""
        if not move:
            return reconcile.Side()
        counted = move.state == "posted" and self.date_from <= move.date <= self.date_to
        sign = -1.0 if move.move_type in REFUND_TYPES else 1.0
        balance = 0.0
        if counted:
            booked = sum(
                move.line_ids.filtered(
                    lambda line: line.account_id.account_type == account_type
                ).mapped("balance")
            )
            if account_type == "liability_payable":
                booked = -booked
            company = move.company_id
            balance = company.currency_id._convert(
                booked, self.currency_id, company, self.date_to
            )
        return reconcile.Side(
            exists=True,
            counted=counted,
            currency=move.currency_id.id,
            untaxed=sign * move.amount_untaxed,
            tax=sign * move.amount_tax,
            balance=balance,
        )

    def _dist_translation_rounding(self):
        """The largest difference that translating both books can make alone:
        each company books to its own currency's rounding, and the
        reporting currency rounds again. Below it, a pair agrees."""
        self.ensure_one()
        rounding = self.currency_id.rounding
        for company in self.seller_company_id | self.buyer_company_id:
            currency = company.currency_id
            if currency != self.currency_id:
                rounding += currency._convert(
                    currency.rounding,
                    self.currency_id,
                    company,
                    self.date_to,
                    round=False,
                )
        return rounding

    def _dist_prepare_line_vals(self):
        self.ensure_one()
        rounding = self._dist_translation_rounding()
        values = []
        for seller_doc, buyer_doc in self._dist_pairs():
            seller = self._dist_side(seller_doc, "asset_receivable")
            buyer = self._dist_side(buyer_doc, "liability_payable")
            document_rounding = (seller_doc or buyer_doc).currency_id.rounding
            difference, reason = reconcile.explain(
                seller, buyer, rounding, document_rounding
            )
            values.append(
                {
                    "reconciliation_id": self.id,
                    "seller_move_id": seller_doc.id,
                    "buyer_move_id": buyer_doc.id,
                    "seller_ref": seller_doc.name or False,
                    "buyer_ref": buyer_doc.name or False,
                    "date": (seller_doc or buyer_doc).date,
                    "seller_amount": seller.balance,
                    "buyer_amount": buyer.balance,
                    "difference": difference,
                    "reason": reason or False,
                    "explanation": reason
                    and self._dist_explain(
                        seller_doc, buyer_doc, seller, buyer, reason
                    ),
                }
            )
        return values

    def _dist_explain(self, seller_doc, buyer_doc, seller, buyer, reason):
        """One sentence a controller can act on."""
        names = {
            "seller": seller_doc.name or "",
            "buyer": buyer_doc.name or buyer_doc.ref or "",
            "seller_company": self.seller_company_id.name,
            "buyer_company": self.buyer_company_id.name,
        }
        if reason == reconcile.MISSING_MIRROR:
            if seller_doc:
                return _(
                    "%(seller)s (%(seller_company)s) has no vendor bill in "
                    "%(buyer_company)s.",
                    **names,
                )
            return _(
                "%(buyer)s (%(buyer_company)s) has no customer invoice in "
                "%(seller_company)s.",
                **names,
            )
        if reason == reconcile.TIMING:
            return _(
                "%(seller)s and %(buyer)s are not both posted in the period "
                "(%(seller)s: %(seller_state)s %(seller_date)s, %(buyer)s: "
                "%(buyer_state)s %(buyer_date)s).",
                seller_state=seller_doc.state,
                seller_date=seller_doc.date,
                buyer_state=buyer_doc.state,
                buyer_date=buyer_doc.date,
                **names,
            )
        if reason in (reconcile.AMOUNT, reconcile.TAX):
            amount, sentence = (
                ("untaxed", _("%(seller)s and %(buyer)s differ before taxes"))
                if reason == reconcile.AMOUNT
                else ("tax", _("%(seller)s and %(buyer)s have different taxes"))
            )
            return _(
                "%(difference)s: %(seller_amount)s against %(buyer_amount)s.",
                difference=sentence % names,
                seller_amount=getattr(seller, amount),
                buyer_amount=getattr(buyer, amount),
            )
        return _(
            "%(seller)s and %(buyer)s agree in their currency; each company "
            "booked them at its own rate.",
            **names,
        )


class DistIntercompanyReconciliationLine(models.Model):
    """One document pair of a reconciliation and why it differs."""

    _name = "dist.intercompany.reconciliation.line"
    _inherit = ["dist.guarded.mixin"]
    _description = "Intercompany Reconciliation Line"
    _order = "reconciliation_id, date, id"
    _dist_guarded_fields = LINE_FIELDS

    reconciliation_id = fields.Many2one(
        "dist.intercompany.reconciliation",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="reconciliation_id.company_id", store=True)
    buyer_company_id = fields.Many2one(
        related="reconciliation_id.buyer_company_id", store=True
    )
    currency_id = fields.Many2one(related="reconciliation_id.currency_id")
    seller_move_id = fields.Many2one(
        "account.move", string="Seller Document", readonly=True
    )
    buyer_move_id = fields.Many2one(
        "account.move", string="Buyer Document", readonly=True
    )
    seller_ref = fields.Char(string="Seller Reference", readonly=True)
    buyer_ref = fields.Char(string="Buyer Reference", readonly=True)
    date = fields.Date(readonly=True)
    seller_amount = fields.Monetary(
        string="Due From", readonly=True, help="In the seller's books."
    )
    buyer_amount = fields.Monetary(
        string="Due To", readonly=True, help="In the buyer's books."
    )
    difference = fields.Monetary(readonly=True)
    reason = fields.Selection(REASONS, readonly=True, index=True)
    explanation = fields.Char(readonly=True)
    can_create_mirror = fields.Boolean(compute="_compute_can_create_mirror")

    @api.depends("reason", "seller_move_id", "buyer_move_id")
    def _compute_can_create_mirror(self):
        for line in self:
            line.can_create_mirror = (
                line.reason == reconcile.MISSING_MIRROR
                and bool(line.seller_move_id)
                and not line.buyer_move_id
            )

    def action_create_mirror(self):
        """Create the buyer's missing mirror of the seller document, then recompute."""
        self.reconciliation_id._dist_check_pair_access()
        self.check_access_rule("read")
        for line in self:
            if not line.can_create_mirror:
                raise UserError(
                    _(
                        "Line %(line)s of %(reconciliation)s is no seller document "
                        "missing its mirror.",
                        line=line.seller_ref or line.buyer_ref,
                        reconciliation=line.reconciliation_id.name,
                    )
                )
            document = line.seller_move_id
            if not document._dist_ic_mirror_invoices(force=True):
                transaction = document.sudo()._dist_ic_transaction()
                raise UserError(
                    _(
                        "The mirror of %(document)s could not be created: %(error)s",
                        document=document.name,
                        error=transaction.last_error
                        or _("it belongs to no intercompany transaction."),
                    )
                )
        self.reconciliation_id.action_compute()
        return True

    def _dist_queue_exceptions(self):
        for line in self.filtered("reason"):
            self.env["dist.exception"].raise_for(
                line,
                "match",
                f"ic_{line.reason}",
                line.explanation,
                amount=abs(line.difference),
            )
