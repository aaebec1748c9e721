from . import dist_approval_comment
