import json

from werkzeug.exceptions import BadRequest

from odoo import _, http
from odoo.http import content_disposition, request

from . import dist_kpi_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DistKpiExport(http.Controller):
    """``/dist_kpi/export?filters=<json>``: the dashboard as filtered, as XLSX.

    Runs ``get_dashboard`` as the signed-in user (same company checks as the
    dashboard: a company the user is not allowed in is refused), then writes
    what it answered; nothing is read twice or with other rights.
    """

    @http.route("/dist_kpi/export", type="http", auth="user", methods=["GET", "POST"])
    def export(self, filters="{}", **_kwargs):
        try:
            values = json.loads(filters or "{}")
        except ValueError:
            values = None
        if not isinstance(values, dict):
            raise BadRequest(_("The filters of the KPI export are not a JSON object."))
        dashboard = request.env["dist.kpi.dashboard"].get_dashboard(values)
        content = dist_kpi_xlsx.workbook(dashboard)
        period = "_".join(
            filter(None, (values.get("date_from"), values.get("date_to")))
        )
        filename = f"kpi_dashboard{'_' + period if period else ''}.xlsx"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
