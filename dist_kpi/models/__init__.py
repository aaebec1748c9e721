from . import (
    dist_exception,
    dist_kpi,
    dist_kpi_close,
    dist_kpi_dashboard,
    dist_kpi_engine,
    dist_kpi_fact_mixin,
    dist_kpi_purchase_fact_mixin,
    dist_kpi_rollup_mixin,
    dist_kpi_snapshot,
    dist_kpi_threshold,
    res_company,
)
