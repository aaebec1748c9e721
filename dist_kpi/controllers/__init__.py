from . import dist_kpi_export
