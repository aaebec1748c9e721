from . import (
    test_company_isolation,
    test_invariants_approval,
    test_match,
    test_match_scope,
    test_over_receipt,
    test_payment_block,
    test_performance,
    test_po_approval,
    test_receipt_gate,
    test_requisition,
    test_screens,
    test_tour,
)
