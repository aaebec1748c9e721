"""The KPI demo (dist_kpi), as pure data: who reads the dashboard, which
thresholds the controllers set, how many months of snapshots are stored."""

SNAPSHOT_MONTHS = 12
# Days each company's controller takes to lock a month after its end (the
# close-cycle KPI), plus 0-3 days that vary from month to month; the month
# before the current one is still being closed.
CLOSE_DAYS = {"hq": 6, "nordic": 9, "brit": 14}


def close_days(company_key, month_index):
    """Days after the end of the ``month_index``-th month of the history until
    ``company_key`` locked it."""
    return CLOSE_DAYS[company_key] + month_index % 4


EXECUTIVE = ("Margaret Holm (executive)", "dist.demo.executive")

# (KPI code, company key, status reached, warn factor, critical factor).
# The controllers set each level as a share of the figure of the last closed
# month (the factors), in the KPI's direction; checked against that month, the
# first two are crossed (a warn and a critical one), the third is not.
THRESHOLDS = (
    ("days_inventory", "hq", "warn", 0.9, 1.5),
    ("invoice_exception_rate", "nordic", "critical", 0.5, 0.8),
    ("gross_margin_pct", "brit", "ok", 0.5, 0.25),
)


def levels(value, warn_factor, critical_factor):
    """``(warn, critical)`` levels for a KPI whose figure is ``value``."""
    if not value:
        raise ValueError(f"no figure to set KPI levels from: {value!r}")
    return round(value * warn_factor, 2), round(value * critical_factor, 2)
