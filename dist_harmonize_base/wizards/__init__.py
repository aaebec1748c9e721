from . import base_partner_merge, dist_approval_comment
