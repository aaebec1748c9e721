import io

import xlsxwriter

from odoo import _, api, models

from ..models.dist_intercompany_reconciliation import LINE_FIELDS

# The line's findings, from the references on (not the record links).
COLUMNS = LINE_FIELDS[LINE_FIELDS.index("seller_ref") :]
AMOUNTS = ("seller_amount", "buyer_amount", "difference")


class DistIntercompanyReconciliationXlsx(models.AbstractModel):
    """The XLSX export of a reconciliation: one row per document pair, totals."""

    _name = "dist.intercompany.reconciliation.xlsx"
    _description = "Intercompany Reconciliation Export"

    @api.model
    def _render(self, reconciliation):
        """Return the workbook bytes of ``reconciliation``."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Reconciliation"))
        bold = workbook.add_format({"bold": True})
        digits = reconciliation.currency_id.decimal_places
        money = workbook.add_format({"num_format": "#,##0." + "0" * digits})
        date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write(0, 0, reconciliation.name, bold)
        sheet.write(1, 0, _("Reporting Currency"), bold)
        sheet.write(1, 1, reconciliation.currency_id.name)
        header = 3
        line_model = reconciliation.line_ids
        labels = dict(line_model._fields["reason"]._description_selection(self.env))
        for col, name in enumerate(COLUMNS):
            sheet.write(
                header,
                col,
                line_model._fields[name]._description_string(self.env),
                bold,
            )
        row = header
        for line in reconciliation.line_ids:
            row += 1
            for col, name in enumerate(COLUMNS):
                value = line[name]
                if name in AMOUNTS:
                    sheet.write_number(row, col, value, money)
                elif name == "date" and value:
                    sheet.write_datetime(row, col, value, date)
                elif name == "reason":
                    sheet.write(row, col, labels.get(value, ""))
                else:
                    sheet.write(row, col, value or "")
        row += 1
        sheet.write(row, 0, _("Total"), bold)
        for name, value in (
            ("seller_amount", reconciliation.due_from),
            ("buyer_amount", reconciliation.due_to),
            ("difference", reconciliation.difference),
        ):
            sheet.write_number(row, COLUMNS.index(name), value, money)
        sheet.set_column(0, 1, 18)
        sheet.set_column(3, 5, 14)
        sheet.set_column(7, 7, 60)
        workbook.close()
        return output.getvalue()
