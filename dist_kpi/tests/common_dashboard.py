"""A small ledger for the dashboard's screen and export tests.

Two companies (USD, EUR), two families, stock received in each company with its
valuation layers (FIFO, manual valuation: no journal needed), and a KPI reader
allowed in both companies. Hand-computed stock value: Dist A 10 x 5 + 4 x 20 = 130
USD (50 of it Fasteners), Dist B 3 x 7 = 21 EUR.
"""

import io
import re
import zipfile
from datetime import date, timedelta
from xml.etree import ElementTree

from odoo.addons.dist_harmonize_base.tests.common import DistCommon

KPI_READER = "base.group_user,dist_kpi.group_kpi_user"
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class KpiDashboardCommon(DistCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fasteners = cls._make_family("Fasteners")
        cls.tools = cls._make_family("Hand Tools")
        category = cls.env["product.category"].create(
            {"name": "KPI screen", "property_cost_method": "fifo"}
        )
        cls.screw = cls._make_product(
            "Screw M6", dist_family_id=cls.fasteners.id, categ_id=category.id
        )
        cls.hammer = cls._make_product(
            "Hammer", dist_family_id=cls.tools.id, categ_id=category.id
        )
        cls._receive(cls.company_a, [(cls.screw, 10, 5.0), (cls.hammer, 4, 20.0)])
        cls._receive(cls.company_b, [(cls.screw, 3, 7.0)])
        cls.reader = cls._make_user("kpi_reader", KPI_READER, cls.company_a)
        cls.reader.company_ids = cls.company_a | cls.company_b

    @classmethod
    def _receive(cls, company, lines):
        """Done receipt moves into ``company``'s first warehouse with their layers.

        The moves get no move lines (a done move line would add a correction
        layer at the product's cost): the layers are the ledger."""
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )
        supplier = cls.env.ref("stock.stock_location_suppliers")
        moves = cls.env["stock.move"].create(
            [
                {
                    "name": product.name,
                    "product_id": product.id,
                    "product_uom": product.uom_id.id,
                    "product_uom_qty": qty,
                    "location_id": supplier.id,
                    "location_dest_id": warehouse.lot_stock_id.id,
                    "company_id": company.id,
                    "state": "done",
                    "price_unit": cost,
                }
                for product, qty, cost in lines
            ]
        )
        cls.env["stock.valuation.layer"].create(
            [
                {
                    "stock_move_id": move.id,
                    "product_id": product.id,
                    "company_id": company.id,
                    "quantity": qty,
                    "remaining_qty": qty,
                    "unit_cost": cost,
                    "value": qty * cost,
                    "remaining_value": qty * cost,
                }
                for move, (product, qty, cost) in zip(moves, lines, strict=True)
            ]
        )

    @staticmethod
    def _periods(today=None):
        """The dashboard's default periods (static/src/dashboard: defaultPeriods)."""
        today = today or date.today()
        start = today.replace(year=today.year - 1) + timedelta(days=1)
        compare_to = start - timedelta(days=1)
        return {
            "date_from": start.isoformat(),
            "date_to": today.isoformat(),
            "compare_from": start.replace(year=start.year - 1).isoformat(),
            "compare_to": compare_to.isoformat(),
        }


def read_xlsx(content):
    """``{sheet name: {(row, col): value}}`` of an XLSX file, read with the
    standard library (numbers as floats, strings through the shared table)."""
    book = zipfile.ZipFile(io.BytesIO(content))
    shared = []
    if "xl/sharedStrings.xml" in book.namelist():
        root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
        for item in root.findall("m:si", NS):
            shared.append("".join(t.text or "" for t in item.iter(f"{{{NS['m']}}}t")))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    sheets = {}
    for sheet in workbook.find("m:sheets", NS):
        path = "xl/" + targets[sheet.get(REL)].lstrip("/").removeprefix("xl/")
        cells = {}
        for cell in ElementTree.fromstring(book.read(path)).iter(f"{{{NS['m']}}}c"):
            value = cell.find("m:v", NS)
            if value is None:
                continue
            col, row = re.match(r"([A-Z]+)(\d+)", cell.get("r")).groups()
            index = 0
            for char in col:
                index = index * 26 + ord(char) - 64
            text = value.text
            if cell.get("t") == "s":
                text = shared[int(text)]
            elif cell.get("t") not in ("str", "inlineStr", "b"):
                text = float(text)
            cells[(int(row) - 1, index - 1)] = text
        sheets[sheet.get("name")] = cells
    return sheets
