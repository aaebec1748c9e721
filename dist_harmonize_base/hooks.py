"""Install hooks: installing on a live database never blocks existing work.

Also the upgrade steps the suite's modules share (called from their
``migrations/``).
"""

from lxml import etree

from odoo.tools.misc import file_path


def post_init_hook(env):
    """Give records that exist at install time sensible governance states.

    * every existing item is active (it was already bought and sold);
    * every existing supplier (supplier rank or used on a purchase order) is
      approved;
    * bank accounts keep their trust flag, and an untrusted account already
      used on a posted vendor bill or outgoing payment is trusted, since it
      was being paid before the four-eyes control existed; each such
      decision is logged in ``dist.bank.change`` (kind *install*).

    Every existing company also gets the default steward approval rules for
    items and suppliers (see ``res.company._dist_create_master_data_rules``).
    New rules apply from the next record created or changed.
    """
    env["res.company"].search([])._dist_create_master_data_rules()
    cr = env.cr
    cr.execute("UPDATE product_template SET dist_state = 'active'")
    cr.execute(
        """UPDATE res_partner p SET dist_supplier_state = 'approved'
            WHERE p.supplier_rank > 0
               OR EXISTS (SELECT 1 FROM purchase_order o
                           WHERE o.partner_id = p.id)
               OR EXISTS (SELECT 1 FROM res_partner c
                            JOIN purchase_order o ON o.partner_id = c.id
                           WHERE c.commercial_partner_id = p.id)"""
    )
    cr.execute(
        """SELECT DISTINCT b.id FROM res_partner_bank b
             JOIN account_move m ON m.partner_bank_id = b.id
            WHERE NOT b.allow_out_payment AND b.active
              AND m.state = 'posted'
              AND m.move_type IN ('in_invoice', 'in_refund', 'entry')"""
    )
    bank_ids = [row[0] for row in cr.fetchall()]
    env.invalidate_all()
    banks = env["res.partner.bank"].browse(bank_ids)
    if banks:
        banks._dist_engine_write({"allow_out_payment": True})
        banks._dist_log("install", {})
    env["res.partner.bank"].flush_model()


def adopt_seeded_reasons(cr, module):
    """Upgrade step: bind reason codes created on the fly to ``module``'s seed.

    Before every code a control raises was seeded, ``raise_for`` created an
    unknown code as a shared reason named after the code. Before ``module``
    loads ``data/dist_exception_reason_data.xml`` over such a database, each
    shared reason holding one of its codes (and no XML id) gets the record's
    XML id, and its readable name when it still bears the code as name; the
    exceptions keep their reason.
    """
    path = file_path(f"{module}/data/dist_exception_reason_data.xml")
    for node in etree.parse(path).iterfind("record[@model='dist.exception.reason']"):
        values = {field.get("name"): field.text for field in node.iterfind("field")}
        cr.execute(
            """SELECT r.id FROM dist_exception_reason r
                WHERE r.code = %s AND r.company_id IS NULL
                  AND NOT EXISTS (SELECT 1 FROM ir_model_data d
                                   WHERE d.model = 'dist.exception.reason'
                                     AND d.res_id = r.id)
                ORDER BY r.id LIMIT 1""",
            [values["code"]],
        )
        row = cr.fetchone()
        if not row:
            continue
        cr.execute(
            """INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
               VALUES (%s, %s, 'dist.exception.reason', %s, TRUE)
               ON CONFLICT DO NOTHING""",
            [module, node.get("id"), row[0]],
        )
        cr.execute(
            """UPDATE dist_exception_reason
                  SET name = jsonb_build_object('en_US', %s::text)
                WHERE id = %s AND name->>'en_US' = code""",
            [values["name"], row[0]],
        )
