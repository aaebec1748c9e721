from . import test_report_scan, test_scan_api
