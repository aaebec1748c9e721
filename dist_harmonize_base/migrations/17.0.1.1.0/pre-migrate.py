"""Reason codes raised before they were seeded become the seeded records."""

from odoo.addons.dist_harmonize_base.hooks import adopt_seeded_reasons


def migrate(cr, version):
    if version:
        adopt_seeded_reasons(cr, "dist_harmonize_base")
