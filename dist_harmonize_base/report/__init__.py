from . import dist_sod_conflict
