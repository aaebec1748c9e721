"""Pure normalization functions used by duplicate detection.

Every function here takes plain strings and returns a plain value (a key, a
boolean, ``None`` when there is nothing to compare). They never touch the ORM,
so they are tested with plain asserts and hypothesis properties
(``tests/test_tools_normalize.py``). Models store the keys they return in
indexed columns and compare keys, never raw user input.
"""

import re
import unicodedata

import phonenumbers

GTIN_LENGTHS = (8, 12, 13, 14)

# Free mail providers: a shared e-mail domain there says nothing about two
# partners being the same company.
PUBLIC_EMAIL_DOMAINS = frozenset(
    {
        "aol.com",
        "free.fr",
        "gmail.com",
        "gmx.de",
        "gmx.net",
        "googlemail.com",
        "hotmail.com",
        "hotmail.fr",
        "icloud.com",
        "laposte.net",
        "live.com",
        "mail.com",
        "me.com",
        "msn.com",
        "orange.fr",
        "outlook.com",
        "proton.me",
        "protonmail.com",
        "t-online.de",
        "web.de",
        "yahoo.com",
        "yahoo.fr",
        "yandex.ru",
        "zoho.com",
    }
)

# Legal-form words dropped from partner names ("Acme GmbH" == "ACME").
LEGAL_FORMS = frozenset(
    {
        "ag",
        "bv",
        "co",
        "corp",
        "corporation",
        "gmbh",
        "inc",
        "kg",
        "limited",
        "llc",
        "ltd",
        "nv",
        "oy",
        "plc",
        "sa",
        "sarl",
        "sas",
        "spa",
        "srl",
    }
)

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DIGIT_RUN = re.compile(r"\d+")


def strip_accents(text):
    """Return ``text`` without diacritics (``"Café"`` -> ``"Cafe"``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_name(name):
    """Key for similar-name comparison: lower case, no accents or punctuation.

    Words are kept in order and separated by one space, so the key suits
    trigram similarity. Returns ``""`` for an empty name.
    """
    if not name:
        return ""
    text = strip_accents(str(name)).casefold()
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def normalize_partner_name(name):
    """Like :func:`normalize_name`, without legal forms such as GmbH or Ltd."""
    words = [w for w in normalize_name(name).split() if w not in LEGAL_FORMS]
    return " ".join(words)


def normalize_ref(ref):
    """Key for an internal reference: upper case, only letters and digits,
    leading zeros of every digit group dropped.

    ``"abc-0012"``, ``"ABC 12"`` and ``"Abc12"`` share the key ``"ABC12"``.
    Returns ``""`` when nothing significant is left.
    """
    if not ref:
        return ""
    text = _NON_ALNUM.sub("", strip_accents(str(ref)).casefold())
    text = _DIGIT_RUN.sub(lambda m: m.group().lstrip("0") or "0", text)
    return text.upper()


def gtin_check_digit(body):
    """Check digit of a GTIN whose digits without the check digit are ``body``."""
    total = 0
    for position, char in enumerate(reversed(body)):
        weight = 3 if position % 2 == 0 else 1
        total += int(char) * weight
    return (10 - total % 10) % 10


def is_gtin_shaped(code):
    """True when ``code`` is all digits with a GTIN length (8, 12, 13, 14)."""
    return bool(code) and code.isdigit() and len(code) in GTIN_LENGTHS


def is_valid_gtin(code):
    """True when ``code`` is a GTIN-8/12/13/14 with a correct check digit."""
    if not is_gtin_shaped(code):
        return False
    return gtin_check_digit(code[:-1]) == int(code[-1])


def gtin_key(code):
    """Comparable key of a barcode.

    A GTIN is padded to 14 digits, so the UPC-A ``012345678905`` and the EAN-13
    ``0012345678905`` are the same item. Other barcodes keep their stripped
    upper-case text. Returns ``""`` for an empty barcode.
    """
    if not code:
        return ""
    code = str(code).strip()
    if is_gtin_shaped(code):
        return code.zfill(14)
    return code.upper()


def phone_e164(number, region=None):
    """Phone number in E.164 (``"+3225551234"``), or ``None`` if unparsable.

    ``region`` is the ISO country code used for numbers written without an
    international prefix.
    """
    if not number:
        return None
    try:
        parsed = phonenumbers.parse(str(number), (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def email_domain(email, ignore_public=True):
    """Lower-case domain of ``email``; ``None`` for public providers or garbage."""
    if not email or "@" not in email:
        return None
    domain = str(email).strip().rsplit("@", 1)[1].strip().strip(">").casefold()
    if not domain or "." not in domain:
        return None
    if ignore_public and domain in PUBLIC_EMAIL_DOMAINS:
        return None
    return domain


def normalize_account_number(number):
    """Key of a bank account or IBAN: upper case letters and digits only."""
    if not number:
        return ""
    return re.sub(r"[^0-9A-Z]", "", str(number).upper())


def is_valid_iban(number):
    """True when ``number`` passes the IBAN mod-97 check (ISO 13616)."""
    key = normalize_account_number(number)
    if len(key) < 15 or not key[:2].isalpha() or not key[2:4].isdigit():
        return False
    rearranged = key[4:] + key[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1


def normalize_vat(vat):
    """Key of a tax ID: letters and digits, without the country prefix.

    ``"BE 0477.472.701"`` and ``"0477472701"`` share the key ``"0477472701"``.
    """
    key = normalize_account_number(vat)
    if len(key) > 2 and key[:2].isalpha() and any(c.isdigit() for c in key[2:]):
        key = key[2:]
    return key
