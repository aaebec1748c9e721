from odoo.tests import tagged

from .common import KpiCommon

MARCH_2026 = {"date_from": "2026-03-01", "date_to": "2026-03-31"}


@tagged("post_install", "-at_install")
class TestKpiBills(KpiCommon):
    """Bills of the ledger's orders on 2026-03-02 (dist_procure's bill date),
    matched with an exact tolerance key: PO1 billed at its price, PO2's 20
    lamps at 26 instead of 25 USD."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_ledger()
        cls._build_bills()

    def test_purchase_price_variance(self):
        """(26 - 25) x 20 lamps = 20 USD paid above the order."""
        self.assertAlmostEqual(self._value("ppv", period=MARCH_2026), 20.0)

    def test_invoice_exception_rate(self):
        """One bill of two is a match exception: 50 %."""
        self.assertEqual(self.bill_2.dist_match_state, "exception")
        self.assertAlmostEqual(
            self._value("invoice_exception_rate", period=MARCH_2026), 50.0
        )

    def test_invoice_exception_age(self):
        """The exception opened on 2026-03-02 is 29 days old at the month's end."""
        self.assertAlmostEqual(
            self._value("invoice_exception_age", period=MARCH_2026), 29.0
        )
