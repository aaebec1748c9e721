from odoo import fields
from odoo.tests import tagged

from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiSnapshots(KpiCommon):
    """The monthly snapshots, the trends read from them and the alerts of a
    crossed threshold. Company A holds 1392 USD of stock today."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_ledger()
        cls.kpi = cls.env.ref("dist_kpi.kpi_stock_value")
        cls.kpi.owner_id = cls.kpi_owner
        cls.threshold = cls.env["dist.kpi.threshold"].create(
            {
                "kpi_id": cls.kpi.id,
                "company_id": cls.company_a.id,
                "warn_value": 2000.0,
                "critical_value": 1000.0,
            }
        )
        cls.Snapshot = cls.env["dist.kpi.snapshot"]

    def _alerts(self):
        return self.env["dist.exception"].search(
            [
                ("res_model", "=", "dist.kpi.threshold"),
                ("res_id", "=", self.threshold.id),
            ]
        )

    def test_snapshot_per_company_and_warehouse(self):
        """This month's stock value is stored for A, whole and for its warehouse."""
        self.Snapshot._cron_snapshot()
        period = fields.Date.context_today(self.Snapshot).replace(day=1)
        rows = self.Snapshot.search(
            [
                ("kpi_id", "=", self.kpi.id),
                ("company_id", "=", self.company_a.id),
                ("period", "=", period),
            ]
        )
        whole = rows.filtered(
            lambda r: not (r.warehouse_id or r.family_id or r.region_id)
        )
        self.assertAlmostEqual(whole.value, 1392.0)
        by_wh = rows.filtered(lambda r: r.warehouse_id == self.warehouse_a)
        self.assertAlmostEqual(by_wh.value, 1392.0)

    def test_trend_reads_the_snapshots(self):
        """The dashboard's trend of stock value ends on this month's snapshot."""
        self.Snapshot._cron_snapshot()
        today = fields.Date.context_today(self.Snapshot)
        card = self._kpis(
            self.kpi_user_a,
            {"date_from": str(today.replace(day=1)), "date_to": str(today)},
            company_ids=self.company_a.ids,
        )["stock_value"]
        self.assertEqual(
            card["trend"][-1], {"period": today.strftime("%Y-%m"), "value": 1392.0}
        )
        self.assertEqual(card["status"], "warn")

    def test_alert_once_per_crossing(self):
        """1392 is below the warn level 2000: one exception and one message to
        the owner; the next run raises nothing more; after the figure came
        back within the levels, a new crossing alerts again."""
        self.Snapshot._cron_snapshot()
        self.assertEqual(self.threshold.state, "warn")
        alerts = self._alerts()
        self.assertEqual(len(alerts), 1)
        self.assertEqual(alerts.kind, "kpi")
        self.assertEqual(alerts.owner_id, self.kpi_owner)
        messages = self.threshold.message_ids.filtered(
            lambda m: self.kpi_owner.partner_id in m.partner_ids
        )
        self.assertEqual(len(messages), 1)
        self.Snapshot._cron_snapshot()
        self.assertEqual(len(self._alerts()), 1)
        self.assertEqual(
            len(
                self.threshold.message_ids.filtered(
                    lambda m: self.kpi_owner.partner_id in m.partner_ids
                )
            ),
            1,
        )
        self.threshold.write({"warn_value": 1000.0, "critical_value": 500.0})
        self.Snapshot._cron_snapshot()
        self.assertEqual(self.threshold.state, "ok")
        self.assertEqual(alerts.state, "resolved")
        self.threshold.write({"warn_value": 2000.0, "critical_value": 1000.0})
        self.Snapshot._cron_snapshot()
        self.assertEqual(len(self._alerts()), 2)

    def test_threshold_state_is_the_engine_s(self):
        """A KPI manager cannot reset the status of a crossed threshold."""
        self.Snapshot._cron_snapshot()
        with self.assertRaisesRegex(Exception, "set by the controls"):
            self.threshold.with_user(self.kpi_owner).write({"state": "ok"})
