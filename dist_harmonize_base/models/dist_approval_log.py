from odoo import _, api, fields, models
from odoo.exceptions import UserError

DECISIONS = [
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("escalated", "Escalated"),
    ("reset", "Reset to Approval"),
    ("delegated", "Approved by Delegate"),
    ("auto_approved", "Approved (no rule)"),
]


class DistApprovalLog(models.Model):
    """Append-only audit trail of approval decisions.

    Rows are created by the engine only (``_log``, with sudo: the acting user
    has no create right, on purpose). ``write`` and ``unlink`` raise for
    everyone, the superuser included; there is no write/unlink ACL either.
    """

    _name = "dist.approval.log"
    _description = "Approval Log"
    _order = "date desc, id desc"
    _rec_name = "document_name"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Who", required=True, readonly=True)
    on_behalf_of_id = fields.Many2one("res.users", readonly=True)
    res_model = fields.Char(
        string="Document Model", required=True, readonly=True, index=True
    )
    res_id = fields.Many2oneReference(
        string="Document ID",
        model_field="res_model",
        required=True,
        readonly=True,
        index=True,
    )
    document_name = fields.Char(string="Document", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    request_id = fields.Many2one(
        "dist.approval.request", readonly=True, ondelete="restrict"
    )
    rule_id = fields.Many2one("dist.approval.rule", readonly=True, ondelete="restrict")
    level_id = fields.Many2one(
        "dist.approval.rule.level", readonly=True, ondelete="restrict"
    )
    amount = fields.Monetary(readonly=True, help="Amount in company currency.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    decision = fields.Selection(DECISIONS, required=True, readonly=True, index=True)
    comment = fields.Text(readonly=True)
    approver_ids = fields.Many2many(
        "res.users",
        "dist_approval_log_approver_rel",
        string="Approvers of the Document",
        readonly=True,
    )

    def write(self, vals):
        self._raise_immutable(_("The approval log cannot be changed."))
        return super().write(vals)

    def unlink(self):
        self._raise_immutable(_("The approval log cannot be deleted."))
        return super().unlink()

    def _raise_immutable(self, message):
        """Always raise: the log is append-only, for the superuser too."""
        raise UserError(message)

    @api.model
    def _log(
        self,
        document,
        decision,
        request=None,
        comment=None,
        on_behalf_of=None,
        rule=None,
        approvers=None,
    ):
        """Append one row for ``document``; the engine's only way to write the log."""
        request = request or self.env["dist.approval.request"]
        rule = rule or request.rule_id
        values = (
            document._dist_approval_decision_values()
            if document and not request
            else {}
        )
        company = request.company_id or values.get("company") or self.env.company
        if approvers is None:
            approvers = (
                request._get_round().candidate_ids if request else self.env["res.users"]
            )
        # sudo: nobody holds create rights on the log; the engine is its only author.
        return self.sudo().create(
            {
                "user_id": self.env.user.id,
                "on_behalf_of_id": on_behalf_of.id if on_behalf_of else False,
                "res_model": document._name,
                "res_id": document.id,
                "document_name": document.sudo().display_name,
                "company_id": company.id,
                "request_id": request.id,
                "rule_id": rule.id if rule else False,
                "level_id": request.level_id.id,
                "amount": request.amount if request else values.get("amount", 0.0),
                "decision": decision,
                "comment": comment,
                "approver_ids": [fields.Command.set(approvers.ids)],
            }
        )
