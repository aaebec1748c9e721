from odoo.tests import BaseCase, tagged

from ..tools import kpi


@tagged("post_install", "-at_install")
class TestToolsKpi(BaseCase):
    """The KPI arithmetic, on numbers only."""

    def test_ratio_of_sums_not_sum_of_ratios(self):
        """Two warehouses combine as total numerator over total denominator."""
        combined = kpi.combine([kpi.ratio(9, 10, 100), kpi.ratio(1, 90, 100)])
        self.assertAlmostEqual(combined.value, 10.0)

    def test_zero_denominator_has_no_value(self):
        """No line due is no OTIF, not 0 %."""
        self.assertIsNone(kpi.ratio(0, 0, 100).value)

    def test_status_follows_direction(self):
        """Higher-is-better crosses below its levels, lower-is-better above."""
        self.assertEqual(kpi.status(85, 90, 80, "up"), "warn")
        self.assertEqual(kpi.status(79, 90, 80, "up"), "critical")
        self.assertEqual(kpi.status(95, 90, 80, "up"), "ok")
        self.assertEqual(kpi.status(12, 10, 20, "down"), "warn")
        self.assertEqual(kpi.status(20, 10, 20, "down"), "critical")

    def test_alert_only_when_worse(self):
        """Staying critical or getting better is no new crossing."""
        self.assertTrue(kpi.is_alert("ok", "warn"))
        self.assertTrue(kpi.is_alert("warn", "critical"))
        self.assertFalse(kpi.is_alert("critical", "critical"))
        self.assertFalse(kpi.is_alert("critical", "warn"))

    def test_age_buckets(self):
        """Bucket edges are inclusive: 30 days is 0-30, 366 is > 365."""
        self.assertEqual(kpi.age_bucket(30), "0-30")
        self.assertEqual(kpi.age_bucket(31), "31-60")
        self.assertEqual(kpi.age_bucket(365), "181-365")
        self.assertEqual(kpi.age_bucket(366), "> 365")

    def test_converted_only_when_monetary(self):
        """Counts do not change with a currency rate; amounts do."""
        self.assertEqual(kpi.ratio(1, 2, 100).converted(2.0).numerator, 1)
        self.assertEqual(kpi.amount(10.0).converted(2.0).value, 20.0)
