"""GTIN-13 helpers: check digits and deterministic barcode series."""


def gtin_check_digit(body):
    """Return the GS1 check digit of ``body`` (a string of 12 digits for GTIN-13)."""
    if not body.isdigit():
        raise ValueError(f"GTIN body must be digits, got {body!r}")
    total = 0
    for position, digit in enumerate(reversed(body)):
        total += int(digit) * (3 if position % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


def is_valid_gtin(code):
    """Tell whether ``code`` is a digit string with a correct GS1 check digit."""
    if not code or not code.isdigit() or len(code) not in (8, 12, 13, 14):
        return False
    return gtin_check_digit(code[:-1]) == code[-1]


def make_gtin13(prefix, number):
    """Build a GTIN-13 from a numeric ``prefix`` and a serial ``number``.

    The body is the prefix followed by the number zero-padded to fill 12 digits.
    """
    width = 12 - len(prefix)
    if number < 0 or len(str(number)) > width:
        raise ValueError(f"number {number} does not fit after prefix {prefix}")
    body = f"{prefix}{number:0{width}d}"
    return body + gtin_check_digit(body)


def make_gtin14(indicator, gtin13):
    """The GTIN-14 of a trade unit of the item ``gtin13``: the packaging
    ``indicator`` digit (1-8), the GTIN-13 without its check digit, a new check
    digit."""
    if not (len(str(indicator)) == 1 and 1 <= int(indicator) <= 8):
        raise ValueError(f"indicator must be a digit from 1 to 8, got {indicator!r}")
    if not is_valid_gtin(gtin13) or len(gtin13) != 13:
        raise ValueError(f"not a valid GTIN-13: {gtin13!r}")
    body = f"{indicator}{gtin13[:-1]}"
    return body + gtin_check_digit(body)
