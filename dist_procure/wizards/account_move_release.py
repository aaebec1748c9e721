from odoo import _, fields, models
from odoo.exceptions import UserError


class AccountMoveRelease(models.TransientModel):
    """Ask to pay blocked bills, with a reason; approve at once if allowed.

    One ``dist.match.release`` per bill is submitted to the approval engine.
    When the current user may approve it (a controller who is not the bill's
    author), it is approved immediately with the reason as comment;
    otherwise it waits for another controller.
    """

    _name = "account.move.release"
    _description = "Release Blocked Bill Payment"

    move_ids = fields.Many2many("account.move", string="Bills", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        blocked = self.move_ids.filtered("dist_payment_blocked")
        if not blocked:
            raise UserError(_("None of these bills is blocked for payment."))
        releases = self.env["dist.match.release"].create(
            [{"move_id": bill.id, "reason": self.reason} for bill in blocked]
        )
        releases.action_dist_submit()
        approvable = releases.filtered("dist_can_approve")
        if approvable:
            approvable.action_dist_approve(comment=self.reason)
        return {"type": "ir.actions.act_window_close"}
