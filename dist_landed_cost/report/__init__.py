from . import dist_inbound_shipment_cost, dist_landed_cost_report
