# Mixins first: the core models extended below inherit them.
from . import dist_dimension_mixin

# isort: split
from . import (
    account_move,
    account_move_line,
    account_payment,
    dist_approval_delegation,
    dist_approval_log,
    dist_approval_mixin,
    dist_approval_request,
    dist_approval_rule,
    dist_bank_change,
    dist_customer_segment,
    dist_exception,
    dist_exception_reason,
    dist_product_family,
    dist_region,
    dist_sod_rule,
    product_product,
    product_template,
    purchase_order,
    purchase_order_line,
    res_company,
    res_groups,
    res_partner,
    res_partner_bank,
    res_users,
    sale_order,
    sale_order_line,
    stock_move,
    stock_warehouse,
)
