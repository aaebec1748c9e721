from odoo.tests import BaseCase, tagged

from ..tools.reconcile import (
    AMOUNT,
    FX,
    MISSING_MIRROR,
    TAX,
    TIMING,
    Side,
    explain,
)

USD = 1
EUR = 2


def side(**values):
    return Side(**dict({"exists": True, "counted": True, "currency": USD}, **values))


@tagged("post_install", "-at_install")
class TestToolsReconcile(BaseCase):
    """Each difference of a document pair gets the first reason that explains it."""

    def test_agreeing_pair_has_no_reason(self):
        """Same document, same balance: nothing to explain."""
        pair = side(untaxed=100, tax=15, balance=115)
        self.assertEqual(explain(pair, pair, 0.01), (0.0, None))

    def test_one_sided_document_is_a_missing_mirror(self):
        """An invoice without its bill is a missing mirror, whatever its amount."""
        self.assertEqual(
            explain(side(balance=115), Side(), 0.01), (115, MISSING_MIRROR)
        )

    def test_posted_on_one_side_only_is_timing(self):
        """A bill outside the period (or in draft) is a timing difference."""
        seller = side(untaxed=100, tax=15, balance=115)
        buyer = side(counted=False, untaxed=100, tax=15)
        self.assertEqual(explain(seller, buyer, 0.01), (115, TIMING))

    def test_untaxed_difference_is_amount(self):
        """Different net amounts are an amount difference before any tax or rate."""
        seller = side(untaxed=100, tax=15, balance=115)
        buyer = side(untaxed=90, tax=15, balance=105)
        self.assertEqual(explain(seller, buyer, 0.01), (10, AMOUNT))

    def test_other_document_currency_is_amount(self):
        """Documents in different currencies cannot be the same document."""
        seller = side(untaxed=100, balance=100)
        buyer = side(currency=EUR, untaxed=100, balance=90)
        self.assertEqual(explain(seller, buyer, 0.01)[1], AMOUNT)

    def test_same_net_different_tax_is_tax(self):
        """Same net, different taxes: a tax difference."""
        seller = side(untaxed=100, tax=15, balance=115)
        buyer = side(untaxed=100, tax=20, balance=120)
        self.assertEqual(explain(seller, buyer, 0.01), (-5, TAX))

    def test_same_document_different_balance_is_fx(self):
        """Same amounts in the document currency, other balance: exchange rates."""
        seller = side(untaxed=100, tax=15, balance=115)
        buyer = side(untaxed=100, tax=15, balance=112.5)
        self.assertEqual(explain(seller, buyer, 0.01), (2.5, FX))

    def test_rounding_is_no_difference(self):
        """Less than half the reporting currency's rounding is no difference."""
        seller = side(untaxed=100, tax=15, balance=115.004)
        buyer = side(untaxed=100, tax=15, balance=115)
        self.assertEqual(explain(seller, buyer, 0.01), (0.0, None))
