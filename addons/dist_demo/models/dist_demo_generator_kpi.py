"""KPI demo data (dist_kpi) on top of the demo distributor."""

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo import models
from odoo.tools import SQL

from ..tools import kpi
from ..tools.plan import history_start
from ..tools.timing import measure

KPI_GROUPS = ("dist_kpi.group_kpi_group_view", "dist_kpi.group_kpi_manager")
# What the executive opens from the dashboard's drill-downs: read-only books,
# stock (valuation layers), purchases and sales of the three companies.
READER_GROUPS = (
    "account.group_account_readonly",
    "stock.group_stock_user",
    "purchase.group_purchase_user",
    "sales_team.group_sale_salesman_all_leads",
)


class DistDemoGeneratorKpi(models.AbstractModel):
    """What an executive finds on the KPI dashboard on first login: twelve
    months of snapshots of every KPI in the three companies (the trends), the
    executive owning the KPIs, and thresholds the controllers set of which two
    are crossed (an alert in the executive's inbox and two entries in the
    exception queue, kind KPI).

    Runs after every other part of the demo: the snapshots read the history,
    the procure-to-pay exceptions, the landed costs and the receipts.
    """

    # pylint: disable=consider-merging-classes-inherited
    _inherit = "dist.demo.generator"

    def _post_generate(self, context):
        result = super()._post_generate(context)
        with measure(self.env.cr, "kpi snapshots"):
            self._create_kpi_demo(context)
        return result

    def _create_kpi_demo(self, context):
        self._lock_kpi_periods(context)
        executive = self._create_kpi_executive(context)
        self.env["dist.kpi"].search([("active", "=", True)]).write(
            {"owner_id": executive.id}
        )
        closed = self._create_kpi_snapshots(context["today"])
        context["kpi"] = {
            "executive": executive,
            "thresholds": self._create_kpi_thresholds(context, closed),
        }

    def _lock_kpi_periods(self, context):
        """The controllers lock each month of the history some days after its
        end (``kpi.close_days``), up to the month before last: the locks the
        close-cycle KPI reads, dated when each was made."""
        today = context["today"]
        last = today.replace(day=1) - relativedelta(months=1)
        for key, company in context["companies"].items():
            controller = context["procure"][key]["users"]["controller"]
            month = history_start(today, kpi.SNAPSHOT_MONTHS).replace(day=1)
            index = 0
            while month < last:
                end = month + relativedelta(months=1, days=-1)
                company.write({"period_lock_date": end})
                locked = datetime.combine(
                    end + timedelta(days=kpi.close_days(key, index)),
                    datetime.min.time(),
                ) + timedelta(hours=17)
                self._stamp_kpi_close(company, end, locked, controller)
                month += relativedelta(months=1)
                index += 1

    def _stamp_kpi_close(self, company, end, locked, controller):
        """Date the lock just recorded as the controller made it."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE dist_kpi_close SET locked_on = %s, user_id = %s,"
                " days = %s WHERE company_id = %s AND period_end = %s",
                locked,
                controller.id,
                (locked.date() - end).days,
                company.id,
                end,
            )
        )
        self.env["dist.kpi.close"].invalidate_model()

    def _create_kpi_executive(self, context):
        name, login = kpi.EXECUTIVE
        companies = self.env["res.company"].concat(*context["companies"].values())
        return self._create_procure_user(
            name, login, companies, (*KPI_GROUPS, *READER_GROUPS)
        )

    def _create_kpi_snapshots(self, today):
        """The monthly snapshots of the last twelve months, the current one
        included, as the daily cron stores them; returns the company figures of
        the last closed month (the one before the current)."""
        Snapshot = self.env["dist.kpi.snapshot"]
        start = today.replace(day=1)
        figures = {}
        for back in range(kpi.SNAPSHOT_MONTHS - 1, -1, -1):
            figures[back] = Snapshot._dist_kpi_snapshot_period(
                start - relativedelta(months=back), today
            )
        return figures[1]

    def _create_kpi_thresholds(self, context, values):
        """The controllers' thresholds (``kpi.THRESHOLDS``), checked against
        the last closed month as the cron checks them: two are crossed and
        alert once."""
        Kpi = self.env["dist.kpi"]
        vals_list = []
        for code, company_key, _status, warn, critical in kpi.THRESHOLDS:
            record = Kpi.search([("code", "=", code)])
            company = context["companies"][company_key]
            warn_value, critical_value = kpi.levels(
                values.get((record, company)), warn, critical
            )
            vals_list.append(
                {
                    "kpi_id": record.id,
                    "company_id": company.id,
                    "warn_value": warn_value,
                    "critical_value": critical_value,
                }
            )
        thresholds = self.env["dist.kpi.threshold"].create(vals_list)
        self.env["dist.kpi.threshold"]._dist_kpi_evaluate(values)
        return thresholds
