from odoo.tests import tagged

from .common import ProcureCommon


@tagged("post_install", "-at_install")
class TestQueryBudgets(ProcureCommon):
    """The controls cost the same number of queries for 1 line as for 8."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_key(price_pct=5.0, over_receipt_pct=10.0)
        cls.products = [cls._make_product(f"Item {i}", 10.0) for i in range(8)]

    def _count(self, function):
        """Queries of a second call, the records being in cache as in a real flow."""
        function()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _order(self, size):
        lines = [(product, 5, 10.0) for product in self.products[:size]]
        return self._confirmed_po(lines)

    def test_match_queries_do_not_grow_with_bill_lines(self):
        """Matching a bill of 8 lines takes the queries of a bill of 1 line."""
        bills = [self._make_bill(self._order(size)) for size in (1, 8)]
        counts = [self._count(bill._dist_compute_match) for bill in bills]
        self.assertEqual(counts[0], counts[1])

    def test_match_queries_do_not_grow_with_lines_on_no_order(self):
        """Lines on no order line (exceptions) cost no query per line."""
        counts = []
        for size in (1, 8):
            extra = [(product, 1, 3.0) for product in self.products[:size]]
            bill = self._make_bill(self._order(1), extra_lines=extra)
            self.assertEqual(bill.dist_match_state, "exception")
            counts.append(self._count(bill._dist_compute_match))
        self.assertEqual(counts[0], counts[1])

    def test_receipt_checks_do_not_grow_with_lines(self):
        """Gate and over-receipt checks of 8 received lines take the queries of 1."""
        counts = []
        for size in (1, 8):
            order = self._order(size)
            self._receive(order)
            lines = order.order_line
            moves = order.picking_ids.move_ids

            def check(lines=lines, moves=moves):
                moves._check_dist_receipt_gate()
                lines._check_dist_received(dict.fromkeys(lines.ids, 0.0))

            counts.append(self._count(check))
        self.assertEqual(counts[0], counts[1])

    def test_payment_block_check_does_not_grow_with_bill_lines(self):
        """Checking a received bill of 8 lines before payment costs as 1 line."""
        bills = []
        for size in (1, 8):
            order = self._order(size)
            self._receive(order)
            bills.append(self._make_bill(order))
        counts = [
            self._count(lambda bill=bill: bill._dist_check_payment_block())
            for bill in bills
        ]
        self.assertEqual(counts[0], counts[1])
