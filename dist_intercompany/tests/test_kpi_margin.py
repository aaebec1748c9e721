from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from ..hooks import post_init_hook
from .common import IntercompanyFlowCommon


@tagged("post_install", "-at_install")
class TestKpiMarginAfterInstall(IntercompanyFlowCommon):
    """dist_kpi's margin leaves intercompany sales out, whatever the order
    the two modules were installed in."""

    def _ic_sales(self, today):
        figures = self.env["dist.kpi.engine"]._dist_kpi_compute(
            {"company_ids": self.company_b.ids}, today, today
        )
        return figures["ic_sales"][(self.company_b.id, None)].value

    def test_kpi_installed_first_learns_intercompany_sales(self):
        """With dist_kpi's facts built before the intercompany link existed,
        B's invoice to A counts as an external sale; this module's install
        hook rebuilds them: it is an intercompany sale (800.00 USD) and leaves
        external margin. Without dist_kpi the hook does nothing."""
        if "dist.kpi.margin.fact" not in self.env:
            post_init_hook(self.env)  # nothing to rebuild, no error
            self.assertNotIn("dist.kpi.margin.fact", self.env)
            return
        _order, sale = self._ic_chain([(self.product_lot, 8)])
        self._deliver_lots(sale, {self.product_lot: {"L1": 8.0}})
        invoice = self._invoice(sale)
        today = fields.Date.context_today(invoice)
        Fact = self.env["dist.kpi.margin.fact"]
        with patch("odoo.tools.sql.column_exists", return_value=False):
            Fact.init()  # as built before dist_intercompany was there
        self.env["dist.kpi.engine"]._dist_kpi_refresh(
            self.env["res.company"].search([]).ids, rebuild=True
        )
        rows = Fact.search([("move_id", "=", invoice.id)])
        self.assertTrue(rows)
        self.assertEqual(set(rows.mapped("is_intercompany")), {False})
        self.assertEqual(self._ic_sales(today), 0.0)

        post_init_hook(self.env)
        self.env.invalidate_all()
        rows = Fact.search([("move_id", "=", invoice.id)])
        self.assertEqual(set(rows.mapped("is_intercompany")), {True})
        self.assertAlmostEqual(self._ic_sales(today), 800.0)
