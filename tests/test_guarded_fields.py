"""Every field a control reads, written over JSON-RPC by every demo role: refused.

Generated from the registry: every model inheriting ``dist.guarded.mixin`` and every
field it declares guarded (``_dist_guarded_field_names``), on a record of the role's
company in the demo distributor, as each demo user (buyers, managers, controllers,
payables clerks, warehouse leads, the steward and the director), through
``/web/dataset/call_kw`` like the web client. A new guarded field or model is covered
without touching this file; a guarded model without a record in the demo fails it.
"""

from datetime import datetime

from odoo.tests import HttpCase, tagged

from odoo.addons.dist_harmonize_base.tests.common import call_kw

GUARD_MESSAGE = "set by the controls of the suite only"


def guarded_models(env):
    """``{model name: sorted guarded field names}`` of the registry."""
    mixin = env.registry["dist.guarded.mixin"]
    return {
        name: sorted(env[name]._dist_guarded_field_names())
        for name, model in env.registry.items()
        if not model._abstract
        and not model._transient
        and issubclass(model, mixin)
        and env[name]._dist_guarded_field_names()
    }


def forged_value(record, name):
    """A value of field ``name`` other than the one ``record`` holds."""
    field = record._fields[name]
    current = record[name]
    if field.type == "selection":
        values = [value for value, _label in field._description_selection(record.env)]
        return next(value for value in values if value != current)
    if field.type == "boolean":
        return not current
    if field.type == "many2one":
        other = (
            record.env[field.comodel_name]
            .sudo()
            .search([("id", "!=", current.id)], limit=1)
        )
        return other.id
    if field.type in ("many2many", "one2many"):
        other = record.env[field.comodel_name].sudo().search([], limit=1)
        return [(6, 0, other.ids)]
    if field.type in ("char", "text"):
        return f"{current or ''} forged"
    if field.type in ("integer", "many2one_reference"):
        return (current or 0) + 7
    if field.type in ("float", "monetary"):
        return (current or 0.0) + 7.5
    if field.type == "datetime":
        return "2020-01-01 08:00:00"
    if field.type == "date":
        return "2020-01-01"
    raise AssertionError(f"no forged value for {record._name}.{name} ({field.type})")


@tagged("post_install", "-at_install")
class TestGuardedFieldsOverRpc(HttpCase):
    def _sample(self, model, company):
        """A record of ``model`` in ``company`` (or shared) the guard protects;
        a record between two companies (a seller and a buyer) belongs to both."""
        Model = self.env[model].sudo().with_context(active_test=False)
        names = [
            name
            for name, field in Model._fields.items()
            if name.endswith("company_id")
            and field.type == "many2one"
            and field.comodel_name == "res.company"
            and field.store
        ]
        domain = []
        if "company_id" in names:
            domain = [("company_id", "in", [company.id, False])]
        for name in names:
            if name != "company_id":
                domain = (
                    ["|", *domain, (name, "=", company.id)]
                    if domain
                    else [(name, "=", company.id)]
                )
        for record in Model.search(domain, order="id desc", limit=50):
            if record._dist_guard_records():
                return record
        return Model.browse()

    def _call_kw(self, model, method, args, context):
        """Call ``model.method(*args)`` like the web client; return
        ``(result, error message or None)``."""
        return call_kw(self, model, method, args, context=context)

    def test_every_guarded_field_is_refused_to_every_role(self):
        """No demo role writes a guarded field over RPC: each write is refused and
        the stored value is unchanged."""
        models = guarded_models(self.env)
        users = self.env["res.users"].search([("login", "=like", "dist.demo.%")])
        self.assertGreaterEqual(len(users), 10, users.mapped("login"))
        for user in users:
            user.sudo().password = user.login
        by_guard, by_access, accepted, missing = 0, 0, [], []
        for user in users:
            self.authenticate(user.login, user.login)
            company = user.company_id
            for model, names in models.items():
                record = self._sample(model, company)
                if not record:
                    missing.append(f"{model} ({company.name})")
                    continue
                for name in names:
                    before = record[name]
                    value = forged_value(record, name)
                    _result, error = self._call_kw(
                        model,
                        "write",
                        [record.ids, {name: value}],
                        {"allowed_company_ids": company.ids},
                    )
                    if error is None:
                        accepted.append(f"{user.login} wrote {model}.{name}")
                    elif GUARD_MESSAGE in error:
                        by_guard += 1
                    else:
                        by_access += 1
                    record.invalidate_recordset([name])
                    if record[name] != before:
                        accepted.append(f"{user.login} changed {model}.{name}")
        fields_count = sum(len(names) for names in models.values())
        print(
            f"\nguarded fields: {fields_count} on {len(models)} models x "
            f"{len(users)} demo roles: {by_guard + by_access} writes refused "
            f"({by_guard} by the guard, {by_access} by access rights), "
            f"{len(accepted)} accepted",
            flush=True,
        )
        self.assertFalse(sorted(set(missing)), "guarded models without a demo record")
        self.assertFalse(accepted)
        self.assertGreater(by_guard, len(users))

    def test_guarded_fields_cover_the_controls(self):
        """The fields the controls read are declared guarded (a floor, not a list)."""
        models = guarded_models(self.env)
        expected = {
            "account.move": {"dist_match_state", "dist_payment_released"},
            "account.move.line": {"dist_match_state"},
            "res.partner.bank": {"allow_out_payment", "dist_changed_by_id"},
            "product.template": {"dist_state"},
            "res.partner": {"dist_supplier_state", "dist_vat_key"},
            "dist.exception": {"state", "waiver_requester_id", "amount"},
            "dist.match.release": {"state", "requester_id"},
            "purchase.order": {"dist_approval_state", "dist_approved_amount"},
        }
        for model, names in expected.items():
            self.assertLessEqual(names, set(models.get(model, ())), model)

    def test_creation_with_a_guarded_default_in_the_context_is_ignored(self):
        """A default_<guarded field> sent in the context never sets it."""
        buyer = self.env["res.users"].search([("login", "=", "dist.demo.buyer")])
        buyer.sudo().password = buyer.login
        self.authenticate(buyer.login, buyer.login)
        item_id, error = self._call_kw(
            "product.template",
            "create",
            [{"name": f"Forged default {datetime.now():%H%M%S%f}"}],
            {"default_dist_state": "active"},
        )
        self.assertIsNone(error)
        item = self.env["product.template"].browse(item_id)
        self.assertEqual(item.dist_state, "draft")
