from . import (
    test_qunit,
    test_report_scan,
    test_scan_api,
    test_scan_concurrency,
    test_scan_rpc,
    test_tour_scan,
)
