# Mixins first: the core models extended below inherit them.
from . import (
    dist_intercompany_line_mixin,
    dist_intercompany_link_mixin,
    dist_intercompany_order_mixin,
)

# isort: split
# rules, transactions, the order flow
from . import (
    dist_intercompany_rule,
    dist_intercompany_transaction,
    purchase_order,
    purchase_order_line,
    sale_order,
    sale_order_line,
)

# isort: split
# links on the goods and invoice documents (their flows below)
from . import account_move, stock_picking

# isort: split
# goods and invoice flows, reconciliation
from . import dist_intercompany_reconciliation, stock_move
