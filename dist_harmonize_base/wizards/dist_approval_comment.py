from odoo import fields, models


class DistApprovalComment(models.TransientModel):
    """Approve or reject pending requests with a comment (required to reject)."""

    _name = "dist.approval.comment"
    _description = "Approval Decision Comment"

    request_ids = fields.Many2many("dist.approval.request", required=True)
    decision = fields.Selection(
        [("approved", "Approve"), ("rejected", "Reject")],
        required=True,
        default="approved",
    )
    comment = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        if self.decision == "rejected":
            self.request_ids.action_reject(self.comment)
        else:
            self.request_ids.action_approve(self.comment)
        return {"type": "ir.actions.act_window_close"}
