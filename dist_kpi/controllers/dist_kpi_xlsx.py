"""The dashboard as a workbook: one sheet per KPI group, the filters on top.

``workbook(dashboard)`` takes what ``dist.kpi.dashboard.get_dashboard`` returns (the
contract's JSON shape) and returns the bytes of an XLSX file written with
``xlsxwriter``; it reads nothing else, so the file holds exactly the figures the
dashboard shows for those filters.
"""

import io

import xlsxwriter

from odoo.tools.translate import _lt

#: Excel number format of each KPI unit (percentages are given as 0-100).
UNIT_FORMATS = {
    "amount": "#,##0.00",
    "ratio": "0.00",
    "days": "0.0",
    "percent": '0.0" %"',
    "count": "#,##0",
}
COLUMNS = (
    (_lt("KPI"), 34),
    (_lt("Code"), 24),
    (_lt("Unit"), 10),
    (_lt("Value"), 16),
    (_lt("Comparison"), 16),
    (_lt("Status"), 10),
    (_lt("Numerator"), 16),
    (_lt("Denominator"), 16),
    (_lt("Formula"), 60),
)
#: Filter keys of the contract, in the order they are written, with their labels
#: and the key under which the engine names the records of a list of ids.
FILTER_LABELS = (
    ("company_ids", _lt("Companies"), "companies"),
    ("warehouse_ids", _lt("Warehouses"), "warehouses"),
    ("family_ids", _lt("Families"), "families"),
    ("segment_ids", _lt("Segments"), "segments"),
    ("region_ids", _lt("Regions"), "regions"),
    ("date_from", _lt("From"), None),
    ("date_to", _lt("To"), None),
    ("compare_from", _lt("Compare from"), None),
    ("compare_to", _lt("Compare to"), None),
    ("group_view", _lt("Group view"), None),
)


def filter_text(value, names=None):
    """A filter value as text: names of the records, dates as given, "All" when empty."""
    if isinstance(value, bool):
        return str(_lt("Yes") if value else _lt("No"))
    if isinstance(value, list | tuple):
        if not value:
            return str(_lt("All"))
        return ", ".join(_name_of(item, names) for item in value)
    if value in (None, False, ""):
        return ""
    return str(value)


def _name_of(item, names):
    if isinstance(item, dict):
        return str(item.get("name") or item.get("id"))
    if names and item in names:
        return names[item]
    return str(item)


def filter_rows(filters):
    """(label, text) of each filter of the normalised ``filters``.

    The engine names the records of a list of ids in a sibling key (``companies``
    for ``company_ids``...); records given in place of ids are read too.
    """
    rows = []
    for key, label, names_key in FILTER_LABELS:
        if key not in filters:
            continue
        value = filters[key]
        names = None
        sibling = filters.get(names_key) if names_key else None
        if isinstance(sibling, list):
            names = {r.get("id"): r.get("name") for r in sibling if isinstance(r, dict)}
        rows.append((str(label), filter_text(value, names)))
    return rows


def workbook(dashboard):
    """The XLSX bytes of ``dashboard`` (``get_dashboard``'s answer)."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    header = book.add_format({"bold": True, "bottom": 1, "bg_color": "#EEEEEE"})
    numbers = {
        unit: book.add_format({"num_format": f}) for unit, f in UNIT_FORMATS.items()
    }
    indented = book.add_format({"indent": 1})
    currency = dashboard.get("currency") or {}
    filters = filter_rows(dashboard.get("filters") or {})
    if currency.get("name"):
        filters.append((str(_lt("Currency")), currency["name"]))
    for group in dashboard.get("groups") or []:
        sheet = book.add_worksheet(_sheet_name(group))
        sheet.write(0, 0, group.get("name") or group.get("code"), title)
        row = 2
        for label, text in filters:
            sheet.write(row, 0, label, bold)
            sheet.write(row, 1, text)
            row += 1
        row += 1
        for col, (label, width) in enumerate(COLUMNS):
            sheet.write(row, col, str(label), header)
            sheet.set_column(col, col, width)
        sheet.freeze_panes(row + 1, 1)
        row += 1
        for kpi in group.get("kpis") or []:
            row = _write_kpi(sheet, row, kpi, numbers, indented)
    if not dashboard.get("groups"):
        book.add_worksheet(str(_lt("No KPI")))
    book.close()
    return output.getvalue()


def _sheet_name(group):
    name = str(group.get("name") or group.get("code") or "KPI")
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    return name[:31]


def _write_kpi(sheet, row, kpi, numbers, indented):
    """Write one KPI and its breakdown rows from ``row``; return the next free row."""
    number = numbers.get(kpi.get("unit"))
    sheet.write(row, 0, kpi.get("name"))
    sheet.write(row, 1, kpi.get("code"))
    sheet.write(row, 2, kpi.get("unit"))
    for col, key in (
        (3, "value"),
        (4, "compare_value"),
        (6, "numerator"),
        (7, "denominator"),
    ):
        if kpi.get(key) is not None:
            sheet.write_number(row, col, kpi[key], number)
    sheet.write(row, 5, kpi.get("status") or "")
    sheet.write(row, 8, kpi.get("formula") or "")
    row += 1
    for line in kpi.get("breakdown") or []:
        sheet.write(row, 0, str(line.get("label")), indented)
        sheet.write(row, 1, kpi.get("code"))
        # per-company amounts of companies in several currencies carry their own
        sheet.write(row, 2, line.get("currency") or kpi.get("unit"))
        if line.get("value") is not None:
            sheet.write_number(row, 3, line["value"], number)
        row += 1
    return row
