from . import (
    test_approval_engine,
    test_approval_log,
    test_delegation,
    test_exception_queue,
    test_multi_company,
    test_performance,
    test_sod,
)
