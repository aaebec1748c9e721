from odoo.tests import HttpCase, tagged

from odoo.addons.web.tests.test_js import qunit_error_checker


@tagged("post_install", "-at_install")
class TestScanQunit(HttpCase):
    """The screen's JS unit tests (static/tests/qunit), run in Chromium.

    QUnit's ``module`` URL parameter runs the ``dist_receiving_scan`` module
    only; a failed assertion fails this test (Odoo's own checker: the page logs
    every failure, then "N / M tests failed.").
    """

    def test_qunit(self):
        self.browser_js(
            "/web/tests?module=dist_receiving_scan",
            "",
            "",
            login="admin",
            timeout=600,
            error_checker=qunit_error_checker,
        )
