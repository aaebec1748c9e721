from . import test_tour_scan
