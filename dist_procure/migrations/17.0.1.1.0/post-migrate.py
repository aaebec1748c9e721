"""Releases asked before the requester was recorded name the user who asked.

Adding ``requester_id`` filled existing releases with its default, the user
running the upgrade (the superuser); the release was created by the user who
asked for it (the release wizard creates it as that user).
"""

from odoo import SUPERUSER_ID


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """UPDATE dist_match_release
              SET requester_id = create_uid
            WHERE (requester_id IS NULL OR requester_id = %s)
              AND create_uid IS NOT NULL AND create_uid != %s""",
        [SUPERUSER_ID, SUPERUSER_ID],
    )
