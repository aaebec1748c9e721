from . import report_barcode_test_sheet
