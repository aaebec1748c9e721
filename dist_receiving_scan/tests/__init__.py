from . import test_scan_api
