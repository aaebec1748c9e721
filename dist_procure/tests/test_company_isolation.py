from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ProcureCommon


@tagged("post_install", "-at_install")
class TestCompanyIsolation(ProcureCommon):
    """A user of company B sees none of company A's procure records."""

    def test_user_of_other_company_sees_no_key_requisition_or_release(self):
        """Keys, requisitions, their lines and releases of A are hidden from B."""
        self._make_po_rule(amount_min=1000.0)
        key = self._make_key(price_pct=5.0)
        requisition = self.env["dist.purchase.requisition"].create(
            {
                "company_id": self.company_a.id,
                "line_ids": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_qty": 1,
                            "warehouse_id": self.warehouse_a.id,
                        }
                    )
                ],
            }
        )
        order = self._confirmed_po([(self.product, 10, 100.0)])
        self._receive(order)
        bill = self._make_bill(order, prices={self.product: 120.0})
        self._release(bill, self.payables)
        records = [key, requisition, requisition.line_ids, bill.dist_release_ids]
        for record in records:
            model = self.env[record._name].with_user(self.user_b)
            self.assertFalse(model.search([("id", "=", record.id)]))
            with self.assertRaises(AccessError):
                model.browse(record.id).read(["company_id"])
