"""How a configuration value reads on screen and in the chatter.

Control configuration uses 0 for "no limit" (an amount cap, an upper bound) or
"never" (a reminder delay): :func:`field_display` writes such a value as its
label, never as $0.00. The web client does the same with the
``dist_no_limit`` field widget (``static/src/js/no_limit_field.js``).
"""

from odoo import _
from odoo.tools import format_amount


def field_display(record, name, zero_label=None):
    """Return the value of field ``name`` of ``record`` (one record) as text.

    ``zero_label``: what a 0 number means (e.g. ``_("No limit")``); the
    number is shown otherwise, monetary fields with their currency.
    """
    context = record.env.context  # noqa: F841 (the language of _())
    field = record._fields[name]
    value = record[name]
    if field.type in ("integer", "float", "monetary"):
        if not value and zero_label:
            return str(zero_label)
        if field.type == "monetary":
            currency = record[field.get_currency_field(record)]
            return format_amount(record.env, value, currency)
        return f"{value:g}"
    if field.type == "boolean":
        return _("Yes") if value else _("No")
    if field.type == "selection":
        return dict(field._description_selection(record.env)).get(value) or ""
    if field.type in ("many2one", "many2many", "one2many"):
        return ", ".join(value.mapped("display_name"))
    return str(value or "")
