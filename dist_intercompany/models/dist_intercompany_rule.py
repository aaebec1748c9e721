from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

ADMIN_GROUP = "base.group_system"


class DistIntercompanyRule(models.Model):
    """How one company of the group sells to another (one rule per seller → buyer).

    The rule says which flows are mirrored (order, delivery, invoice), where
    the seller ships from, which technical user acts in each company, how the
    transfer price is set and which fiscal positions map taxes and accounts.

    Only an administrator (Settings) who belongs to both companies creates,
    changes or removes a rule (``_check_dist_rule_admin``): the rule lets one
    company write documents in the other. Users of either company read it.

    Override points: ``_dist_transfer_price`` (the price of one unit) and
    ``_dist_seller_env`` / ``_dist_buyer_env`` (the environment each side's
    mirrored writes run in).
    """

    _name = "dist.intercompany.rule"
    _inherit = ["dist.tracked.mixin", "mail.thread"]
    _description = "Intercompany Rule"
    _order = "seller_company_id, buyer_company_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True, tracking=True)
    seller_company_id = fields.Many2one(
        "res.company",
        string="Seller",
        required=True,
        index=True,
        tracking=True,
        help="The company that sells: it receives the mirrored sale order, "
        "delivers and invoices.",
    )
    buyer_company_id = fields.Many2one(
        "res.company",
        string="Buyer",
        required=True,
        index=True,
        tracking=True,
        help="The company that buys: its purchase orders to the seller's "
        "partner are mirrored in the seller company.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Company",
        related="seller_company_id",
        store=True,
        index=True,
    )
    sync_order = fields.Boolean(
        string="Mirror Orders",
        default=True,
        tracking=True,
        help="A confirmed purchase order of the buyer creates the sale order "
        "of the seller; later changes follow on the other side.",
    )
    sync_delivery = fields.Boolean(
        string="Mirror Deliveries",
        default=True,
        tracking=True,
        help="The seller's validated delivery validates the buyer's receipt "
        "with the same quantities, lots and serial numbers.",
    )
    sync_invoice = fields.Boolean(
        string="Mirror Invoices",
        default=True,
        tracking=True,
        help="The seller's posted invoice creates the buyer's vendor bill.",
    )
    seller_warehouse_id = fields.Many2one(
        "stock.warehouse",
        check_company=True,
        tracking=True,
        help="Warehouse of the seller the mirrored sale orders ship from "
        "(default: the seller's first warehouse).",
    )
    auto_confirm_sale = fields.Boolean(
        string="Confirm Sale Orders",
        default=True,
        tracking=True,
        help="Confirm the mirrored sale order at once (else it waits, as a "
        "quotation, for the seller's salesperson).",
    )
    auto_validate_receipt = fields.Boolean(
        string="Validate Receipts",
        default=True,
        tracking=True,
        help="Validate the buyer's receipt when the seller's delivery is "
        "validated (else it is prepared with the delivered quantities).",
    )
    use_transit = fields.Boolean(
        string="Through Transit Location",
        tracking=True,
        help="The buyer's receipt comes from the inter-company transit "
        "location instead of the vendors location.",
    )
    seller_user_id = fields.Many2one(
        "res.users",
        string="Seller Technical User",
        required=True,
        tracking=True,
        help="User of the seller company the mirrored sale orders, deliveries "
        "and invoices are written as. Give it the seller's Sales, Inventory "
        "and Invoicing rights, and nothing more; never an administrator.",
    )
    buyer_user_id = fields.Many2one(
        "res.users",
        string="Buyer Technical User",
        required=True,
        tracking=True,
        help="User of the buyer company the mirrored changes of purchase "
        "orders, receipts and bills are written as. Give it the buyer's "
        "Purchase, Inventory and Billing rights, and nothing more.",
    )
    pricing_method = fields.Selection(
        [
            ("pricelist", "Seller's Price List"),
            ("cost_plus", "Cost Plus"),
            ("po_price", "Purchase Order Price"),
        ],
        string="Transfer Price",
        required=True,
        default="pricelist",
        tracking=True,
        help="Seller's Price List: the price list below gives the price. "
        "Cost Plus: the seller's current cost plus the percentage. Purchase "
        "Order Price: the buyer's order price is the transfer price.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Price List",
        check_company=True,
        tracking=True,
        help="The seller's price list giving the transfer price (prices "
        "including the seller's included taxes, as on any sale order).",
    )
    cost_plus_percent = fields.Float(
        string="Markup (%)",
        tracking=True,
        help="Percentage added to the seller's current cost.",
    )
    seller_fiscal_position_id = fields.Many2one(
        "account.fiscal.position",
        check_company=True,
        tracking=True,
        help="Fiscal position of the seller on the mirrored sale orders and "
        "invoices (default: the buyer's partner's own).",
    )
    buyer_fiscal_position_id = fields.Many2one(
        "account.fiscal.position",
        tracking=True,
        help="Fiscal position of the buyer on the purchase orders and "
        "mirrored bills (default: the seller's partner's own).",
    )
    bill_state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted")],
        string="Mirrored Bill",
        required=True,
        default="draft",
        tracking=True,
        help="State of the buyer's vendor bill created from the seller's invoice.",
    )

    _sql_constraints = [
        (
            "company_pair_unique",
            "unique(seller_company_id, buyer_company_id)",
            "There is already a rule for this seller and buyer.",
        )
    ]

    @api.depends("seller_company_id.name", "buyer_company_id.name")
    def _compute_name(self):
        for rule in self:
            rule.name = "%s → %s" % (
                rule.seller_company_id.name or "",
                rule.buyer_company_id.name or "",
            )

    # ------------------------------------------------------------------
    # constraints
    # ------------------------------------------------------------------
    @api.constrains("seller_company_id", "buyer_company_id")
    def _check_dist_companies(self):
        for rule in self:
            if rule.seller_company_id == rule.buyer_company_id:
                raise ValidationError(
                    _(
                        "Intercompany rule %(rule)s: the seller and the buyer "
                        "must be two different companies.",
                        rule=rule.display_name,
                    )
                )

    @api.constrains(
        "seller_user_id", "buyer_user_id", "seller_company_id", "buyer_company_id"
    )
    def _check_dist_technical_users(self):
        admin = self.env.ref(ADMIN_GROUP)
        for rule in self:
            for user, company, label in (
                (
                    rule.seller_user_id,
                    rule.seller_company_id,
                    _("Seller Technical User"),
                ),
                (rule.buyer_user_id, rule.buyer_company_id, _("Buyer Technical User")),
            ):
                if user._is_superuser() or user == self.env.ref("base.user_admin"):
                    raise ValidationError(
                        _(
                            "Intercompany rule %(rule)s, field %(field)s: %(user)s "
                            "is the superuser or the administrator; choose a user "
                            "with only the rights the mirrored documents need.",
                            rule=rule.display_name,
                            field=label,
                            user=user.name,
                        )
                    )
                if admin in user.sudo().groups_id:
                    raise ValidationError(
                        _(
                            "Intercompany rule %(rule)s, field %(field)s: %(user)s "
                            "is an administrator (Settings); choose a user with "
                            "only the rights the mirrored documents need.",
                            rule=rule.display_name,
                            field=label,
                            user=user.name,
                        )
                    )
                if company not in user.sudo().company_ids or user.share:
                    raise ValidationError(
                        _(
                            "Intercompany rule %(rule)s, field %(field)s: %(user)s "
                            "is not an internal user of %(company)s.",
                            rule=rule.display_name,
                            field=label,
                            user=user.name,
                            company=company.name,
                        )
                    )
                if not user.sudo().email:
                    # The mirrored documents' chatter messages are posted as
                    # the user, and Odoo refuses a message without a sender.
                    raise ValidationError(
                        _(
                            "Intercompany rule %(rule)s, field %(field)s: %(user)s "
                            "has no email address; the mirrored documents' "
                            "messages are sent as this user.",
                            rule=rule.display_name,
                            field=label,
                            user=user.name,
                        )
                    )

    @api.constrains("pricing_method", "pricelist_id", "cost_plus_percent")
    def _check_dist_pricing(self):
        for rule in self:
            if rule.pricing_method == "pricelist" and not rule.pricelist_id:
                raise ValidationError(
                    _(
                        "Intercompany rule %(rule)s: the transfer price comes from "
                        "the seller's price list; choose one (field Price List).",
                        rule=rule.display_name,
                    )
                )
            if rule.pricing_method == "cost_plus" and rule.cost_plus_percent < 0:
                raise ValidationError(
                    _(
                        "Intercompany rule %(rule)s: the markup (field Markup) "
                        "cannot be negative.",
                        rule=rule.display_name,
                    )
                )

    @api.constrains("buyer_fiscal_position_id", "buyer_company_id")
    def _check_dist_buyer_fiscal_position(self):
        for rule in self:
            position = rule.buyer_fiscal_position_id
            if position and position.company_id != rule.buyer_company_id:
                raise ValidationError(
                    _(
                        "Intercompany rule %(rule)s: the buyer fiscal position "
                        "%(position)s belongs to %(company)s, not to the buyer.",
                        rule=rule.display_name,
                        position=position.display_name,
                        company=position.company_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD: administrators of both companies only
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules._check_dist_rule_admin()
        return rules

    def write(self, vals):
        self._check_dist_rule_admin()
        result = super().write(vals)
        self._check_dist_rule_admin()
        return result

    def unlink(self):
        self._check_dist_rule_admin()
        return super().unlink()

    def _check_dist_rule_admin(self):
        """Refuse a user who is not an administrator of both companies.

        The superuser environment (install data, the demo generator, test
        fixtures) is trusted code, as for any access right.
        """
        if self.env.su:
            return
        user = self.env.user
        is_admin = user.has_group(ADMIN_GROUP)
        for rule in self:
            companies = rule.seller_company_id | rule.buyer_company_id
            if not is_admin or companies - user.company_ids:
                raise AccessError(
                    _(
                        "Intercompany rule %(rule)s can be changed only by an "
                        "administrator (Settings) of both %(seller)s and %(buyer)s.",
                        rule=rule.display_name,
                        seller=rule.seller_company_id.name,
                        buyer=rule.buyer_company_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------
    @api.model
    def _dist_find_rule(self, seller_company, buyer_company):
        """The active rule from ``seller_company`` to ``buyer_company``, or empty."""
        if not seller_company or not buyer_company:
            return self.browse()
        # sudo: the rule is configuration both companies act on, whoever triggers it.
        return (
            self.sudo()
            .with_context(active_test=True)
            .search(
                [
                    ("seller_company_id", "=", seller_company.id),
                    ("buyer_company_id", "=", buyer_company.id),
                ],
                limit=1,
            )
        )

    @api.model
    def _dist_company_of_partner(self, partner):
        """The company whose partner is ``partner`` (commercial entity), or empty."""
        if not partner:
            return self.env["res.company"]
        # sudo: which company a partner stands for is not the caller's data.
        return (
            self.env["res.company"]
            .sudo()
            .search([("partner_id", "=", partner.commercial_partner_id.id)], limit=1)
        )

    def _dist_transfer_price(self, product, quantity, uom, date, currency):
        """Unit price of ``product`` for ``quantity`` in ``uom``, in ``currency``,
        net of the seller's included taxes; None for the purchase order price.

        - ``pricelist``: the seller's price list price (a sale order price, so
          including the seller's included taxes: they are taken off);
        - ``cost_plus``: the seller's current cost × (1 + markup %).
        """
        self.ensure_one()
        if self.pricing_method == "po_price":
            return None
        seller = self.seller_company_id
        date = date or fields.Date.context_today(self)
        product = product.with_company(seller).sudo()
        uom = uom or product.uom_id
        if self.pricing_method == "pricelist":
            pricelist = self.pricelist_id.sudo().with_company(seller)
            price = pricelist._get_product_price(
                product,
                quantity or 1.0,
                currency=pricelist.currency_id,
                uom=uom,
                date=date,
            )
            # The product's own taxes, as Odoo takes them off before applying
            # the fiscal position's (the sale order adds its own back).
            included = product.taxes_id.filtered(
                lambda tax: tax.company_id == seller and tax.price_include
            )
            if included:
                price = included.compute_all(price, currency=pricelist.currency_id)[
                    "total_excluded"
                ]
            source_currency = pricelist.currency_id
        else:
            cost = product.uom_id._compute_price(product.standard_price, uom)
            price = cost * (1.0 + self.cost_plus_percent / 100.0)
            source_currency = seller.currency_id
        # sudo: the rates are read for the seller, whoever enters the line
        # (a buyer of the other company may not open the seller company).
        return source_currency.sudo()._convert(
            price, currency, seller.sudo(), date, round=False
        )

    def _dist_gross_price(self, net_price, taxes, currency):
        """The unit price to enter with ``taxes`` so that its untaxed amount is
        ``net_price`` (included taxes are added back)."""
        included = taxes.filtered("price_include")
        if not included:
            return net_price
        return included.compute_all(
            net_price, currency=currency, handle_price_include=False
        )["total_included"]

    def _dist_env(self, user, company):
        # Built here from the rule, never from the caller's context: the
        # technical user, in that one company, with that user's own rights.
        return self.env(
            user=user.id,
            su=False,
            context={
                "allowed_company_ids": [company.id],
                "lang": user.sudo().lang,
                "tz": user.sudo().tz,
            },
        )

    def _dist_seller_env(self):
        """Environment of the seller's technical user in the seller company."""
        self.ensure_one()
        return self._dist_env(self.seller_user_id, self.seller_company_id)

    def _dist_buyer_env(self):
        """Environment of the buyer's technical user in the buyer company."""
        self.ensure_one()
        return self._dist_env(self.buyer_user_id, self.buyer_company_id)
