"""Install hooks: installing on a live database never blocks existing work."""


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
