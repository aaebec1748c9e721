"""Pure tests of the normalization keys used by duplicate detection."""

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.dist_harmonize_base.tools import normalize

digits = st.text(alphabet="0123456789", min_size=1, max_size=13)


def test_name_key_ignores_case_accents_and_punctuation():
    assert normalize.normalize_name("  Café-Crème, 500 g ") == "cafe creme 500 g"
    assert normalize.normalize_name(None) == ""


def test_partner_name_key_drops_legal_forms():
    assert normalize.normalize_partner_name("ACME GmbH") == "acme"
    assert normalize.normalize_partner_name("Acme Ltd.") == "acme"


def test_ref_key_ignores_case_spaces_dashes_and_leading_zeros():
    keys = {
        normalize.normalize_ref(ref)
        for ref in ("abc-0012", "ABC 12", "Abc12", "abc_012")
    }
    assert keys == {"ABC12"}
    assert normalize.normalize_ref("000") == "0"
    assert normalize.normalize_ref("--") == ""


def test_gtin_check_digit_known_codes():
    assert normalize.is_valid_gtin("4006381333931")  # EAN-13
    assert normalize.is_valid_gtin("036000291452")  # UPC-A
    assert normalize.is_valid_gtin("96385074")  # EAN-8
    assert normalize.is_valid_gtin("10614141000415")  # GTIN-14
    assert not normalize.is_valid_gtin("4006381333932")
    assert not normalize.is_valid_gtin("12345")
    assert not normalize.is_valid_gtin("ABC")


def test_gtin_key_makes_upc_and_ean_equal():
    assert normalize.gtin_key("036000291452") == normalize.gtin_key("0036000291452")
    assert normalize.gtin_key("int-42") == "INT-42"
    assert normalize.gtin_key("") == ""


def test_phone_e164_formats_agree():
    assert normalize.phone_e164("+32 2 555 12 34") == "+3225551234"
    assert normalize.phone_e164("02/555.12.34", "be") == "+3225551234"
    assert normalize.phone_e164("not a phone", "BE") is None
    assert normalize.phone_e164("", "BE") is None


def test_email_domain_ignores_public_providers():
    assert normalize.email_domain("Sales@Acme.COM") == "acme.com"
    assert normalize.email_domain("jane@gmail.com") is None
    assert normalize.email_domain("jane@gmail.com", ignore_public=False) == "gmail.com"
    assert normalize.email_domain("nobody") is None


def test_account_number_and_iban():
    assert (
        normalize.normalize_account_number("be71 0961-2345 6769") == "BE71096123456769"
    )
    assert normalize.is_valid_iban("BE71 0961 2345 6769")
    assert not normalize.is_valid_iban("BE72 0961 2345 6769")


def test_vat_key_drops_country_prefix():
    assert normalize.normalize_vat("BE 0477.472.701") == "0477472701"
    assert normalize.normalize_vat("0477472701") == "0477472701"


@given(digits)
def test_computed_check_digit_always_validates(body):
    body = body.zfill(7) if len(body) < 7 else body.zfill(13)[:13]
    code = body + str(normalize.gtin_check_digit(body))
    assert normalize.is_valid_gtin(code)


@given(digits, st.integers(min_value=1, max_value=9))
def test_changing_the_check_digit_invalidates(body, delta):
    body = body.zfill(12)[:12]
    check = normalize.gtin_check_digit(body)
    assert not normalize.is_valid_gtin(body + str((check + delta) % 10))


@given(st.text(max_size=30))
def test_keys_are_idempotent(text):
    name = normalize.normalize_name(text)
    assert normalize.normalize_name(name) == name
    ref = normalize.normalize_ref(text)
    assert normalize.normalize_ref(ref) == ref


@given(st.from_regex(r"[A-Za-z]{1,4}[0-9]{1,5}", fullmatch=True))
def test_ref_key_invariant_under_separators_and_case(ref):
    decorated = "-".join(ref.lower()) + " "
    assert normalize.normalize_ref(decorated) == normalize.normalize_ref(ref)
