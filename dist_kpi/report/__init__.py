from . import (
    dist_kpi_bill_fact,
    dist_kpi_commitment_fact,
    dist_kpi_delivery_fact,
    dist_kpi_margin_fact,
    dist_kpi_receipt_fact,
    dist_kpi_stock_fact,
)
