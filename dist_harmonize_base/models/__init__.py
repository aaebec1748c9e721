from . import (
    dist_approval_delegation,
    dist_approval_log,
    dist_approval_mixin,
    dist_approval_request,
    dist_approval_rule,
    dist_exception,
    dist_exception_reason,
    dist_sod_rule,
    res_groups,
    res_users,
)
