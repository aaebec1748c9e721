from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestDuplicates(DistCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.family = cls._make_family("Tea")
        cls.existing_b = cls._make_product(
            "Organic Green Tea 500g",
            default_code="GT-0012",
            barcode="036000291452",
            company_id=cls.company_b.id,
        )
        cls.supplier_b = cls._make_vendor(
            "Acme Trading GmbH",
            vat="DE123456789",
            phone="+32 2 555 12 34",
            email="orders@acme-trading.com",
            country_id=cls.env.ref("base.be").id,
            company_id=cls.company_b.id,
        )
        cls.env["res.partner.bank"].create(
            {"partner_id": cls.supplier_b.id, "acc_number": "BE71 0961 2345 6769"}
        )

    def _item(self, name, **values):
        Template = self.env["product.template"].with_user(self.buyer)
        return Template.create(
            dict({"name": name, "dist_family_id": self.family.id}, **values)
        )

    def _supplier(self, name, **values):
        Partner = self.env["res.partner"].with_user(self.buyer)
        return Partner.create(dict({"name": name, "is_company": True}, **values))

    def test_normalized_reference_duplicate_blocks_across_companies(self):
        """'gt 12' in company A clashes with 'GT-0012' of company B."""
        with self.assertRaisesRegex(ValidationError, "Internal Reference.*GT-0012"):
            self._item("Green tea loose", default_code="gt 12")

    def test_invalid_gtin_check_digit_is_refused(self):
        """A GTIN-13 with a wrong check digit names the item and field."""
        with self.assertRaisesRegex(ValidationError, "Black Tea.*Barcode"):
            self._item("Black Tea", barcode="4006381333932")

    def test_gtin_unique_across_companies_upc_equals_ean(self):
        """The EAN-13 form of company B's UPC-A is the same item."""
        with self.assertRaisesRegex(ValidationError, "already used"):
            self._item("Tea copy", barcode="0036000291452")
        self.assertTrue(self._item("Valid tea", barcode="4006381333931"))

    def test_similar_name_is_listed_and_queued_not_blocking(self):
        """A look-alike name is shown on the item and queued on submission."""
        item = self._item("organic green-tea 500 g.")
        self.assertIn(self.existing_b.product_tmpl_id, item.dist_similar_ids)
        self.assertIn("Dist B", item.dist_similar_warning)
        item.action_dist_submit()
        queued = self.env["dist.exception"].search(
            [("res_model", "=", "product.template"), ("res_id", "=", item.id)]
        )
        self.assertEqual(queued.kind, "duplicate")

    def test_without_trigram_only_exact_normalized_names_match(self):
        """Without pg_trgm, similar names fall back to the exact normalized key."""
        self.patch(self.env.registry, "has_trigram", False)
        fuzzy = self._item("Organic Green Teas 500g")
        exact = self._item("ORGANIC green tea 500G")
        self.assertFalse(fuzzy.dist_similar_ids)
        self.assertIn(self.existing_b.product_tmpl_id, exact.dist_similar_ids)

    def test_supplier_with_same_tax_id_cannot_be_submitted(self):
        """A tax ID already used (ignoring prefix and punctuation) blocks submission."""
        self.company_a.dist_supplier_require_bank = False
        self.company_a.dist_supplier_require_payment_term = False
        vendor = self._supplier("Other name", vat="de 123.456.789")
        with self.assertRaisesRegex(ValidationError, "Tax ID.*Acme"):
            vendor.action_dist_submit()

    def test_supplier_phone_email_domain_and_name_are_flagged(self):
        """E.164 phone, company e-mail domain and similar name are warnings."""
        vendor = self._supplier(
            "ACME Trading Ltd",
            phone="02 555 12 34",
            email="jane@ACME-trading.com",
            country_id=self.env.ref("base.be").id,
        )
        warning = vendor.dist_duplicate_warning
        for criterion in ("phone", "e-mail domain", "name"):
            self.assertIn(criterion, warning)

    def test_public_email_domain_is_not_a_match(self):
        """Two partners on gmail.com are not duplicates for that reason."""
        self.supplier_b.email = "acme@gmail.com"
        vendor = self._supplier("Zeta Corp", email="zeta@gmail.com")
        self.assertFalse(vendor.dist_duplicate_warning)

    def test_shared_bank_account_is_flagged_and_queued(self):
        """A bank account already held by another partner is queued as duplicate."""
        self.company_a.dist_supplier_require_payment_term = False
        vendor = self._supplier(
            "Zeta Corp",
            vat="FR40303265045",
            bank_ids=[Command.create({"acc_number": "BE71096123456769"})],
        )
        self.assertIn("bank account", vendor.dist_duplicate_warning)
        vendor.action_dist_submit()
        queued = self.env["dist.exception"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", vendor.id)]
        )
        self.assertEqual(queued.kind, "duplicate")

    def test_duplicate_checks_use_a_fixed_number_of_queries(self):
        """Item and supplier duplicate checks cost a constant few queries."""
        item = self._item("organic green-tea 500 g.", default_code="NEW-1")
        vendor = self._supplier("ACME Trading Ltd", vat="DE 123456789")
        self.env.flush_all()
        with self.assertQueryCount(2):
            item._check_dist_ref_key()
            item._dist_find_similar_ids()
        with self.assertQueryCount(3):  # own bank accounts, keys, similar names
            vendor._dist_find_duplicates()

    # C9: duplicates created by a write on governed masters -----------------
    def _queued(self, record):
        return self.env["dist.exception"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_approved_supplier_cannot_take_another_suppliers_tax_id(self):
        """Defect C9: a plain write of a tax ID held by another partner is refused
        on an approved supplier, naming both and the field."""
        vendor = self._make_vendor("Zeta Corp", vat="FR40303265045")
        with self.assertRaisesRegex(ValidationError, "Zeta Corp.*Tax ID.*Acme"):
            vendor.with_user(self.steward).write({"vat": "DE 123456789"})

    def test_phone_taken_on_an_approved_supplier_is_queued(self):
        """A phone of another partner written on an approved supplier is queued."""
        vendor = self._make_vendor("Zeta Corp", country_id=self.env.ref("base.be").id)
        vendor.with_user(self.buyer).write({"phone": "02 555 12 34"})
        queued = self._queued(vendor)
        self.assertEqual(queued.kind, "duplicate")
        self.assertIn("Acme Trading GmbH: phone", queued.message)

    def test_bank_account_added_to_an_approved_supplier_is_queued(self):
        """Another partner's bank account added through the supplier is queued."""
        vendor = self._make_vendor("Zeta Corp")
        vendor.with_user(self.steward).write(
            {"bank_ids": [Command.create({"acc_number": "BE71096123456769"})]}
        )
        self.assertIn("bank account", self._queued(vendor).message)

    def test_old_clash_does_not_refuse_an_unrelated_write(self):
        """Only what a write changes is checked: a new e-mail is no tax-ID refusal."""
        vendor = self._make_vendor("Zeta Corp", vat="DE123456789")
        vendor.with_user(self.steward).write({"email": "sales@zeta.example"})
        self.assertFalse(self._queued(vendor))

    def test_renaming_an_active_item_queues_the_look_alike(self):
        """An active item renamed like another item is queued, as at submission."""
        product = self._make_product("Mint Tea", dist_family_id=self.family.id)
        product.product_tmpl_id.with_user(self.steward).name = "organic green-tea 500g"
        queued = self._queued(product.product_tmpl_id)
        self.assertEqual(queued.kind, "duplicate")
        self.assertIn("Organic Green Tea 500g", queued.message)

    def test_rewriting_the_same_tax_id_is_no_duplicate(self):
        """An approved supplier's tax ID written again unchanged is accepted, even
        if a draft partner took it meanwhile."""
        vendor = self._make_vendor("Zeta Corp", vat="FR40303265045")
        self._supplier("Zeta copy", vat="FR40303265045")
        vendor.with_user(self.steward).write({"vat": "FR40303265045"})
        self.assertFalse(self._queued(vendor))

    def test_merging_a_duplicate_into_an_approved_supplier(self):
        """The merge copies the duplicate's tax ID and e-mail: no refusal, no queue."""
        vendor = self._make_vendor("Zeta Corp")
        copy = self._supplier(
            "Zeta Corp.", vat="FR40303265045", email="ap@zeta-corp.example"
        )
        Merge = self.env["base.partner.merge.automatic.wizard"]
        Merge._merge((vendor | copy).ids, vendor, extra_checks=False)
        self.assertEqual(vendor.vat, "FR40303265045")
        self.assertFalse(self._queued(vendor))
