from collections import namedtuple

from markupsafe import Markup

from odoo import _, _lt, api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from ..tools.display import field_display

APPROVER_TYPES = [
    ("group", "Members of a group"),
    ("user", "Named users"),
    ("field", "User from a field of the document"),
]

# What routing needs of one active rule, cached per (model, company) so that
# routing a document costs no query on the rules themselves.
RuleRow = namedtuple(
    "RuleRow",
    ["id", "amount_min", "amount_max", "dimensions", "document_domain", "levels"],
)
LevelRow = namedtuple(
    "LevelRow",
    [
        "id",
        "approver_type",
        "group_id",
        "user_ids",
        "field_path",
        "reminder_days",
        "escalation_days",
        "notify_email",
    ],
)


class DistApprovalRoutingCache(models.AbstractModel):
    """Clears the routing cache (``dist.approval.rule._get_rule_rows``) on any
    change to the records of the inheriting model."""

    _name = "dist.approval.routing.cache"
    _description = "Approval Routing Cache Invalidation"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result


class DistApprovalRule(models.Model):
    """One routing rule of the approval matrix ("rules as data").

    A rule applies to one model in one company. It matches a document when the
    document's amount (in company currency) lies in ``[amount_min, amount_max)``
    (``amount_max`` 0 means no upper bound) and, for every dimension filled on
    the rule (product family, product category, warehouse, vendor), the
    document carries at least one of the rule's values. The first matching rule
    by sequence wins; its levels are approved one after the other.
    """

    _name = "dist.approval.rule"
    _inherit = ["dist.tracked.mixin", "dist.approval.routing.cache", "mail.thread"]
    _description = "Approval Rule"
    _order = "company_id, model_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    model_id = fields.Many2one(
        "ir.model",
        string="Document Model",
        required=True,
        ondelete="cascade",
        domain=lambda self: [("model", "in", self._get_consumer_models())],
        help="Only models using the approval engine (dist.approval.mixin).",
        tracking=True,
    )
    model_name = fields.Char(related="model_id.model", store=True, index=True)
    # No group total (group_operator=None): thresholds, caps and delays of
    # different rules mean nothing added together.
    amount_min = fields.Monetary(
        string="Amount From",
        default=0.0,
        help="Inclusive lower bound, in the company currency.",
        tracking=True,
        group_operator=None,
    )
    amount_max = fields.Monetary(
        string="Amount Below",
        default=0.0,
        help="Exclusive upper bound, in the company currency; leave empty (0) for "
        "no upper limit.",
        group_operator=None,
    )
    # The chatter's history of the cap: "No limit → $ 50,000.00", not $ 0.00.
    amount_max_label = fields.Char(
        string="Amount Limit",
        compute="_compute_amount_max_label",
        store=True,
        tracking=True,
    )
    product_family_ids = fields.Many2many(
        "dist.product.family",
        string="Product Families",
        help="Matches documents with a product in one of these families "
        "(or their sub-families). Empty: any family.",
        tracking=True,
    )
    product_categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Matches documents with a product in one of these categories "
        "(or their sub-categories). Empty: any category.",
        tracking=True,
    )
    warehouse_ids = fields.Many2many(
        "stock.warehouse",
        check_company=True,
        help="Empty: any warehouse.",
        tracking=True,
    )
    partner_ids = fields.Many2many(
        "res.partner", string="Vendors", help="Empty: any vendor.", tracking=True
    )
    document_domain = fields.Char(
        default="[]",
        help="Extra condition on the document itself, e.g. "
        "[('severity', 'in', ('high', 'critical'))].",
        tracking=True,
    )
    level_ids = fields.One2many("dist.approval.rule.level", "rule_id", copy=True)
    level_count = fields.Integer(compute="_compute_level_count")

    _sql_constraints = [
        (
            "amount_range",
            "CHECK(amount_min >= 0 AND (amount_max = 0 OR amount_max > amount_min))",
            "The upper amount must be 0 (no limit) or above the lower amount.",
        ),
    ]

    @api.model
    def _get_consumer_models(self):
        """Return the names of the models inheriting ``dist.approval.mixin``."""
        mixin = self.env.registry["dist.approval.mixin"]
        return [
            name
            for name, model in self.env.registry.items()
            if name != mixin._name and not model._abstract and issubclass(model, mixin)
        ]

    @api.depends("amount_max", "currency_id")
    def _compute_amount_max_label(self):
        for rule in self:
            rule.amount_max_label = field_display(rule, "amount_max", _("No limit"))

    @api.depends("level_ids")
    def _compute_level_count(self):
        for rule in self:
            rule.level_count = len(rule.level_ids)

    @api.constrains("model_id")
    def _check_model_id(self):
        consumers = self._get_consumer_models()
        for rule in self:
            if rule.model_id.model not in consumers:
                raise ValidationError(
                    _(
                        "Rule %(rule)s: model %(model)s does not use the approval "
                        "engine.",
                        rule=rule.display_name,
                        model=rule.model_id.model,
                    )
                )

    @api.constrains("document_domain")
    def _check_document_domain(self):
        for rule in self:
            try:
                domain = safe_eval(rule.document_domain or "[]")
                self.env[rule.model_name].search_count(domain, limit=1)
            except Exception as error:
                raise ValidationError(
                    _(
                        "Rule %(rule)s: the document condition is invalid: %(error)s",
                        rule=rule.display_name,
                        error=error,
                    )
                ) from error

    # ------------------------------------------------------------------
    # routing
    # ------------------------------------------------------------------
    @api.model
    def _get_matching_rule_rows(self, values):
        """Return the ``RuleRow`` of the active rules matching ``values``, best
        (lowest sequence) first.

        ``values`` is the dict of ``_dist_approval_values()`` plus ``model``
        (model name) and optionally ``record`` (for the document condition).
        The rules come from a registry cache (``_get_rule_rows``); only the
        document's hierarchical dimensions cost a query (their ancestors), and
        only when a candidate rule is restricted on them.
        """
        amount = values.get("amount") or 0.0
        rows = [
            row
            for row in self._get_rule_rows(values["model"], values["company"].id)
            if row.amount_min <= amount
            and (not row.amount_max or amount < row.amount_max)
        ]
        if not rows:
            return []
        used = {field for row in rows for field in row.dimensions}
        document_ids = {
            field: self._get_dimension_ids(values.get(key), hierarchy)
            for field, key, hierarchy in self._get_routing_dimensions()
            if field in used
        }
        record = values.get("record")

        def matches(row):
            for field, ids in row.dimensions.items():
                if not ids & document_ids[field]:
                    return False
            if record is not None and row.document_domain:
                return bool(record.sudo().filtered_domain(row.document_domain))
            return True

        return [row for row in rows if matches(row)]

    @api.model
    def _get_model_companies(self, model_name, company_ids):
        """Return the ids among ``company_ids`` having an active rule for the model."""
        return [cid for cid in company_ids if self._get_rule_rows(model_name, cid)]

    @api.model
    @tools.ormcache("model_name", "company_id")
    def _get_rule_rows(self, model_name, company_id):
        """Return the active rules of a model in a company as ``RuleRow`` tuples.

        Cached in the registry; any change to rules or levels clears it (on
        every worker, through the registry's cache signalling).
        """
        # active_test: the cache is shared by every caller, whatever its context.
        rules = (
            self.sudo()
            .with_context(active_test=True)
            .search([("model_name", "=", model_name), ("company_id", "=", company_id)])
        )
        dimensions = self._get_routing_dimensions()
        rules.fetch(
            [field for field, _key, _model in dimensions]
            + ["document_domain", "level_ids"]
        )
        rules.level_ids.fetch([f for f in LevelRow._fields if f != "id"])
        return tuple(rule._make_rule_row() for rule in rules)

    def _make_rule_row(self):
        """Return the ``RuleRow`` of this rule (reads it; see ``_get_rule_rows``)."""
        self.ensure_one()
        dimensions = self._get_routing_dimensions()
        domain = (self.document_domain or "").strip()
        return RuleRow(
            id=self.id,
            amount_min=self.amount_min or 0.0,
            amount_max=self.amount_max or 0.0,
            dimensions={
                field: frozenset(self[field].ids)
                for field, _key, _model in dimensions
                if self[field]
            },
            document_domain=safe_eval(domain) if domain and domain != "[]" else None,
            levels=tuple(
                LevelRow(
                    id=level.id,
                    approver_type=level.approver_type,
                    group_id=level.group_id.id,
                    user_ids=tuple(level.user_ids.ids),
                    field_path=level.field_path,
                    reminder_days=level.reminder_days,
                    escalation_days=level.escalation_days,
                    notify_email=level.notify_email,
                )
                for level in self.level_ids
            ),
        )

    @api.model
    def _get_routing_dimensions(self):
        """Return ``(rule field, routing values key, hierarchical model or None)``.

        A rule with the field filled matches a document whose values share at
        least one record with it (or, for hierarchical models, whose records
        descend from one of the rule's). Extend to route on more dimensions.
        """
        return [
            ("product_family_ids", "product_family_ids", "dist.product.family"),
            ("product_categ_ids", "product_categ_ids", "product.category"),
            ("warehouse_ids", "warehouse", None),
            ("partner_ids", "vendor", None),
        ]

    @api.model
    def _get_dimension_ids(self, value, hierarchy):
        if isinstance(value, models.BaseModel):
            if value._name == "res.partner":
                value = value | value.commercial_partner_id
            ids = value.ids
        else:
            ids = list(value or [])
        return self._with_ancestors(hierarchy, ids) if hierarchy else set(ids)

    @api.model
    def _with_ancestors(self, model_name, ids):
        """Return the ids of ``ids`` and of all their parents (one query)."""
        if not ids or model_name not in self.env:
            return set(ids)
        records = self.env[model_name].sudo().browse(ids)
        return {
            int(part)
            for path in records.mapped("parent_path")
            for part in path.split("/")
            if part
        }


class DistApprovalRuleLevel(models.Model):
    """One sequential level of a rule: who approves, when to remind/escalate."""

    _name = "dist.approval.rule.level"
    _inherit = ["dist.tracked.mixin", "dist.approval.routing.cache"]
    _description = "Approval Rule Level"
    _order = "rule_id, sequence, id"
    _check_company_auto = True

    rule_id = fields.Many2one(
        "dist.approval.rule", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="rule_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="rule_id.currency_id")
    approver_type = fields.Selection(APPROVER_TYPES, required=True, default="group")
    group_id = fields.Many2one("res.groups", string="Approver Group")
    user_ids = fields.Many2many("res.users", string="Approvers")
    field_path = fields.Char(
        help="Path from the document to the approving user, e.g. "
        "create_uid.dist_manager_id.",
    )
    notify_email = fields.Boolean(
        string="Notify Approvers",
        help="Post a message to the approvers when a request reaches this level "
        "(sent by email or to their inbox, as each user chose). Without it they "
        "find it in My Approvals and in the Approvals entry of the activity menu, "
        "and are reminded after the reminder delay.",
    )
    reminder_days = fields.Integer(
        default=2,
        group_operator=None,
        help="Days a request may stay pending before approvers are reminded; "
        "empty (0): never.",
    )
    escalation_days = fields.Integer(
        default=5,
        group_operator=None,
        help="Days a request may stay pending before it is escalated; empty (0): "
        "never.",
    )
    escalation_user_id = fields.Many2one("res.users")
    escalation_group_id = fields.Many2one(
        "res.groups",
        help="Escalated to this user or group; when both are empty, to the "
        "requester's approval manager.",
    )
    reapproval_amount_pct = fields.Float(
        string="Re-approve above +%",
        group_operator=None,
        help="An approved document goes back to approval when its amount grows "
        "by more than this percentage (empty, 0: never on percentage).",
    )
    reapproval_amount_abs = fields.Monetary(
        string="Re-approve above +amount",
        group_operator=None,
        help="An approved document goes back to approval when its amount grows "
        "by more than this amount in company currency (empty, 0: never on amount).",
    )
    reapproval_vendor = fields.Boolean(
        string="Re-approve on vendor change",
        help="An approved document goes back to approval when its vendor changes.",
    )

    # Fields whose change is posted on the rule's chatter (old -> new), with
    # the label of their 0 when it means "never".
    _dist_tracked_fields = {
        "name": None,
        "sequence": None,
        "approver_type": None,
        "group_id": None,
        "user_ids": None,
        "field_path": None,
        "notify_email": None,
        "reminder_days": _lt("Never"),
        "escalation_days": _lt("Never"),
        "escalation_user_id": None,
        "escalation_group_id": None,
        "reapproval_amount_pct": _lt("Never"),
        "reapproval_amount_abs": _lt("Never"),
        "reapproval_vendor": None,
    }

    # ------------------------------------------------------------------
    # tracking: a level's history is its rule's (levels have no chatter)
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        levels = super().create(vals_list)
        for level in levels:
            level._dist_post_on_rule(
                _("Level %(level)s added:", level=level.name),
                [(label, text) for label, text in level._dist_tracked_values() if text],
            )
        return levels

    def write(self, vals):
        names = [name for name in self._dist_tracked_fields if name in vals]
        if not names:
            return super().write(vals)
        before = {level: dict(level._dist_tracked_values(names)) for level in self}
        result = super().write(vals)
        for level, old in before.items():
            changes = [
                (label, f"{old[label]} → {new}")
                for label, new in level._dist_tracked_values(names)
                if old[label] != new
            ]
            level._dist_post_on_rule(
                _("Level %(level)s changed:", level=level.name), changes
            )
        return result

    def unlink(self):
        for level in self:
            level._dist_post_on_rule(
                _("Level %(level)s removed:", level=level.name),
                [(label, text) for label, text in level._dist_tracked_values() if text],
            )
        return super().unlink()

    def _dist_tracked_values(self, names=None):
        """Return ``[(field label, value as text)]`` of the tracked fields."""
        self.ensure_one()
        return [
            (self._fields[name].string, field_display(self, name, zero_label))
            for name, zero_label in self._dist_tracked_fields.items()
            if names is None or name in names
        ]

    def _dist_post_on_rule(self, title, lines):
        """Log ``title`` and ``lines`` ([(label, text)]) on the rule's chatter."""
        self.ensure_one()
        # Whatever the context says (see dist.tracked.mixin): a level's history
        # is part of its rule's.
        if not lines:
            return
        items = Markup().join(
            Markup("<li>%s: %s</li>") % (label, text) for label, text in lines
        )
        self.rule_id._message_log(body=Markup("<p>%s</p><ul>%s</ul>") % (title, items))

    @api.constrains("approver_type", "group_id", "user_ids", "field_path")
    def _check_approver(self):
        for level in self:
            if level.approver_type == "group" and not level.group_id:
                missing = "group_id"
            elif level.approver_type == "user" and not level.user_ids:
                missing = "user_ids"
            elif level.approver_type == "field" and not level.field_path:
                missing = "field_path"
            else:
                missing = False
            if missing:
                raise ValidationError(
                    _(
                        "Level %(level)s of rule %(rule)s: %(field)s is required for "
                        "this approver type.",
                        level=level.name,
                        rule=level.rule_id.display_name,
                        field=level._fields[missing].string,
                    )
                )
            if level.approver_type == "field":
                level._check_field_path()

    def _check_field_path(self):
        model = self.env[self.rule_id.model_name]
        for part in self.field_path.split("."):
            field = model._fields.get(part)
            if not field or field.type != "many2one":
                raise ValidationError(
                    _(
                        "Level %(level)s: %(path)s is not a chain of many2one fields "
                        "of %(model)s.",
                        level=self.name,
                        path=self.field_path,
                        model=self.rule_id.model_name,
                    )
                )
            model = self.env[field.comodel_name]
        if model._name != "res.users":
            raise ValidationError(
                _(
                    "Level %(level)s: %(path)s must end on a user.",
                    level=self.name,
                    path=self.field_path,
                )
            )

    @api.model
    def _get_approver_users(self, level, document, company):
        """Return the active internal users of ``company`` approving ``level``
        (a ``LevelRow``) for ``document``, with their partner (one query)."""
        Users = self.env["res.users"].sudo().with_context(active_test=True)
        if level.approver_type == "field":
            return (
                document.sudo()
                .mapped(level.field_path)
                .filtered(
                    lambda user: (
                        user.active and not user.share and company in user.company_ids
                    )
                )
            )
        domain = [("share", "=", False), ("company_ids", "in", company.id)]
        if level.approver_type == "group":
            domain.append(("groups_id", "in", level.group_id))
        else:
            domain.append(("id", "in", level.user_ids))
        # "active" too: reading the requests' candidates filters on it.
        return Users.search_fetch(domain, ["partner_id", "active"])

    def _get_escalation_users(self, requester):
        """Return who receives an escalation of this level for ``requester``."""
        self.ensure_one()
        users = self.escalation_user_id | self.escalation_group_id.sudo().users
        if not users:
            users = requester.sudo().dist_manager_id
        return users.filtered(lambda user: user.active and not user.share)
