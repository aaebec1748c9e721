from . import test_report_scan
