from . import (
    dist_kpi_bill_fact,
    dist_kpi_bill_rollup,
    dist_kpi_commitment_fact,
    dist_kpi_commitment_rollup,
    dist_kpi_delivery_fact,
    dist_kpi_delivery_rollup,
    dist_kpi_margin_fact,
    dist_kpi_margin_rollup,
    dist_kpi_receipt_fact,
    dist_kpi_receipt_rollup,
    dist_kpi_stock_fact,
    dist_kpi_stock_rollup,
)
