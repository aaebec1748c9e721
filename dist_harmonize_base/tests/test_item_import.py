from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestItemImport(DistCommon):
    """Item masters imported through Odoo's standard import (base_import)."""

    def _csv(self, rows):
        lines = ["name,default_code,barcode"]
        lines += [",".join(row) for row in rows]
        return ("\n".join(lines) + "\n").encode()

    def _rows(self):
        rows = [[f"Import item {i:02d}", f"IMP-{i:03d}", ""] for i in range(50)]
        rows[9][2] = "4006381333932"  # row 11 of the file: wrong GTIN check digit
        rows[29][1] = "imp 5"  # row 31: same normalized reference as IMP-005
        return rows

    def _import(self, rows):
        wizard = (
            self.env["base_import.import"]
            .with_user(self.steward)
            .create(
                {
                    "res_model": "product.template",
                    "file": self._csv(rows),
                    "file_type": "text/csv",
                    "file_name": "items.csv",
                }
            )
        )
        options = {
            "has_headers": True,
            "quoting": '"',
            "separator": ",",
            "encoding": "utf-8",
        }
        return wizard.execute_import(
            ["name", "default_code", "barcode"],
            ["name", "default_code", "barcode"],
            options,
        )

    def test_bad_rows_are_all_reported_and_nothing_is_created(self):
        """Two bad rows of 50 are both reported by row and field; none is created."""
        result = self._import(self._rows())
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertEqual(len(errors), 2, errors)
        by_row = {m["rows"]["from"]: m["message"] for m in errors}
        self.assertIn("Barcode", by_row[9])
        self.assertIn("Internal Reference", by_row[29])
        created = self.env["product.template"].search_count(
            [("name", "like", "Import item")]
        )
        self.assertEqual(created, 0)

    def test_clean_file_imports_fifty_draft_items(self):
        """A clean file creates all 50 items, as drafts."""
        rows = [[f"Clean item {i:02d}", f"CLN-{i:03d}", ""] for i in range(50)]
        result = self._import(rows)
        self.assertFalse([m for m in result["messages"] if m["type"] == "error"])
        items = self.env["product.template"].search([("name", "like", "Clean item")])
        self.assertEqual(len(items), 50)
        self.assertEqual(set(items.mapped("dist_state")), {"draft"})
