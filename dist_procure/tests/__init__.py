from . import (
    test_company_isolation,
    test_match,
    test_over_receipt,
    test_performance,
    test_po_approval,
    test_receipt_gate,
    test_requisition,
    test_tour,
)
