"""Deterministic master data of the demo distributor (pure Python, no ORM).

Everything here derives from a seeded ``random.Random``: the same seed and scale
always give the same companies, products, suppliers and customers.
"""

import random
from dataclasses import dataclass, field

from .gtin import make_gtin13

# Rough value of one USD in each currency; rates and prices start from these.
BASE_RATES = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79}


@dataclass(frozen=True)
class CompanySpec:
    key: str
    name: str
    currency: str
    country: str
    warehouses: tuple  # ((code, name), ...)
    region: str = ""  # code of its region in REGIONS


COMPANIES = (
    CompanySpec(
        "hq",
        "Dist Holding",
        "USD",
        "US",
        (("HQE", "Holding East"), ("HQW", "Holding West")),
        "NA",
    ),
    CompanySpec(
        "nordic",
        "Nordic Supply AB",
        "EUR",
        "SE",
        (("NSSTO", "Nordic Stockholm"), ("NSGOT", "Nordic Gothenburg")),
        "NORDICS",
    ),
    CompanySpec(
        "brit",
        "Britannia Trade Ltd",
        "GBP",
        "GB",
        (("BTMAN", "Britannia Manchester"), ("BTLON", "Britannia London")),
        "UKI",
    ),
)

# Harmonized regions: (code, name, country codes). Companies, warehouses and
# customers carry them; order lines, moves and journal items inherit them.
REGIONS = (
    ("NA", "North America", ("US", "CA")),
    ("NORDICS", "Nordics", ("SE", "NO", "DK", "FI")),
    ("UKI", "UK & Ireland", ("GB", "IE")),
)
# Harmonized customer segments: (code, name), customers cycle through them.
SEGMENTS = (
    ("wholesale", "Wholesale"),
    ("retail", "Retail"),
    ("project", "Project / Contractor"),
)
# Product family tree: Distribution / group / family (one family per category).
FAMILY_GROUPS = (
    ("HW", "Hardware", ("Fasteners", "Hand Tools", "Electrical", "Safety Gear")),
    (
        "CONS",
        "Consumables",
        ("Cleaning Chemicals", "Lubricants", "Bulk Granulates", "Packaging"),
    ),
)


def region_of_country(code):
    """Code of the region covering the country ``code`` (empty when none)."""
    for region, _name, countries in REGIONS:
        if code in countries:
            return region
    return ""


@dataclass(frozen=True)
class FamilySpec:
    name: str
    cost_method: str  # 'fifo' or 'average'
    uom: str  # 'unit', 'kg' or 'litre'
    boxed: bool  # bought in boxes of 12
    nouns: tuple
    sizes: tuple
    cost_range: tuple  # (min, max) unit cost in USD
    kg_per_unit: tuple  # (min, max) weight in kg of one product unit


FAMILIES = (
    FamilySpec(
        "Fasteners",
        "fifo",
        "unit",
        True,
        ("Hex Bolt", "Wood Screw", "Wall Anchor", "Lock Nut", "Rivet"),
        ("M4x20", "M6x30", "M8x40", "M10x60", "M12x80"),
        (0.05, 1.5),
        (0.002, 0.08),
    ),
    FamilySpec(
        "Hand Tools",
        "average",
        "unit",
        False,
        ("Claw Hammer", "Screwdriver Set", "Pipe Wrench", "Utility Knife", "Pliers"),
        ("Small", "Medium", "Large", "Pro", "Compact"),
        (4.0, 45.0),
        (0.1, 1.8),
    ),
    FamilySpec(
        "Cleaning Chemicals",
        "fifo",
        "litre",
        False,
        ("Degreaser", "Floor Cleaner", "Glass Cleaner", "Disinfectant", "Descaler"),
        ("Citrus", "Neutral", "Concentrate", "Eco", "Industrial"),
        (1.2, 9.0),
        (1.0, 1.2),
    ),
    FamilySpec(
        "Lubricants",
        "average",
        "litre",
        False,
        ("Gear Oil", "Cutting Fluid", "Hydraulic Oil", "Chain Oil", "Grease"),
        ("SAE 30", "SAE 40", "ISO 46", "ISO 68", "Synthetic"),
        (2.5, 14.0),
        (0.85, 0.95),
    ),
    FamilySpec(
        "Packaging",
        "fifo",
        "unit",
        True,
        ("Carton Box", "Stretch Film", "Packing Tape", "Pallet Wrap", "Mailer Bag"),
        ("S", "M", "L", "XL", "XXL"),
        (0.1, 6.0),
        (0.05, 2.5),
    ),
    FamilySpec(
        "Bulk Granulates",
        "average",
        "kg",
        False,
        ("Absorbent", "Road Salt", "Sand Blast", "Wood Pellets", "Silica Gel"),
        ("Fine", "Medium", "Coarse", "Premium", "Standard"),
        (0.2, 3.0),
        (1.0, 1.0),
    ),
    FamilySpec(
        "Electrical",
        "fifo",
        "unit",
        False,
        ("Cable Tie", "Extension Lead", "LED Bulb", "Fuse", "Junction Box"),
        ("5A", "10A", "13A", "16A", "32A"),
        (0.3, 25.0),
        (0.01, 1.5),
    ),
    FamilySpec(
        "Safety Gear",
        "average",
        "unit",
        True,
        ("Work Gloves", "Safety Glasses", "Ear Plugs", "Dust Mask", "Hi-Vis Vest"),
        ("S", "M", "L", "XL", "One Size"),
        (0.4, 12.0),
        (0.01, 0.4),
    ),
)


@dataclass(frozen=True)
class ProductSpec:
    index: int
    default_code: str
    name: str
    family: int
    uom: str
    boxed: bool
    weight: float
    volume: float
    barcode: str
    cost_usd: float
    list_price_usd: float
    duplicate_of: int | None = None

    @property
    def purchase_factor(self):
        """Product units in one purchase unit (12 for boxes of 12)."""
        return 12 if self.boxed else 1


@dataclass(frozen=True)
class SupplierSpec:
    index: int
    name: str
    currency: str
    country: str
    vat: str
    lead_days: int
    duplicate_of: int | None = None
    product_indexes: tuple = field(default_factory=tuple)


@dataclass(frozen=True)
class CustomerSpec:
    index: int
    name: str
    company: str
    country: str
    discount: float
    segment: str = "wholesale"
    ref: str = ""  # the customer number of the company's books


_ADJECTIVES = ("Heavy", "Light", "Premium", "Basic", "Industrial", "Galvanized")
_SUPPLIER_WORDS = (
    "Acme",
    "Baltic",
    "Crown",
    "Delta",
    "Everest",
    "Falcon",
    "Granite",
    "Harbor",
    "Iron",
    "Juniper",
    "Keystone",
    "Lumen",
    "Meridian",
    "Northern",
    "Orion",
    "Pioneer",
)
_SUPPLIER_TRADES = ("Industrial", "Components", "Chemicals", "Packaging", "Tools")
_CUSTOMER_WORDS = (
    "Alpha",
    "Bright",
    "City",
    "Dyna",
    "Eco",
    "Fjord",
    "Global",
    "Horizon",
    "Inter",
    "Metro",
    "Nova",
    "Omni",
    "Prime",
    "Quay",
    "River",
    "Summit",
)
_CUSTOMER_TRADES = ("Builders", "Facilities", "Garage", "Hotels", "Logistics", "Works")
# Where a customer is based, added to its name when another has the same one.
_TOWNS = {
    "US": ("Austin", "Denver", "Tampa", "Omaha", "Reno", "Salem", "Dayton", "Boise"),
    "SE": ("Malmö", "Umeå", "Lund", "Borås", "Gävle", "Växjö", "Kalmar", "Luleå"),
    "GB": ("Leeds", "Bristol", "York", "Derby", "Bath", "Hull", "Exeter", "Chester"),
}
_LEGAL = {"USD": ("Inc", "LLC"), "EUR": ("AB", "GmbH", "BV"), "GBP": ("Ltd", "PLC")}
_COUNTRY = {"USD": "US", "EUR": "SE", "GBP": "GB"}
_VAT_PREFIX = {"US": "US", "SE": "SE", "GB": "GB", "DE": "DE", "NL": "NL"}

BARCODE_PREFIX = "20"  # GS1 restricted-circulation range: never clashes with real GTINs


def build_products(rng, count):
    """Return ``count`` product specs, a few of them near-duplicates of others."""
    n_duplicates = max(3, count // 50) if count >= 20 else 0
    products = []
    for index in range(count - n_duplicates):
        products.append(_make_product(rng, index))
    originals = len(products)
    for dup_number in range(n_duplicates):
        # look-alikes of catalog items only, never of another look-alike
        original = products[rng.randrange(originals)]
        products.append(_make_duplicate(rng, original, len(products), dup_number))
    return products


def _make_product(rng, index):
    family_index = index % len(FAMILIES)
    family = FAMILIES[family_index]
    noun = rng.choice(family.nouns)
    name = f"{rng.choice(_ADJECTIVES)} {noun} {rng.choice(family.sizes)}"
    cost = round(rng.uniform(*family.cost_range), 2)
    weight = max(round(rng.uniform(*family.kg_per_unit), 3), 0.001)
    volume = round(weight / rng.uniform(300.0, 1200.0), 5) or 0.00001
    return ProductSpec(
        index=index,
        default_code=f"DST-{index + 1:05d}",
        name=f"{name} #{index + 1}",
        family=family_index,
        uom=family.uom,
        boxed=family.boxed and rng.random() < 0.6,
        weight=weight,
        volume=volume,
        barcode=make_gtin13(BARCODE_PREFIX, 1000000 + index * 7 + rng.randrange(7)),
        cost_usd=cost,
        list_price_usd=round(cost * rng.uniform(1.3, 1.9), 2),
    )


def _make_duplicate(rng, original, index, dup_number):
    """A near-duplicate: similar name, a reference of its own.

    The suite refuses a reference equal to another once case, spaces, dashes and
    leading zeros are ignored, so the look-alike carries a suffixed reference
    (``DST-00015-B``) and is caught by its name instead.
    """
    suffixes = ("B", "X", "NEW", "ALT")
    name = (
        original.name.replace(" ", "  ", 1) if dup_number % 2 else original.name.upper()
    )
    return ProductSpec(
        index=index,
        # the number keeps two look-alikes of the same item apart
        default_code=f"{original.default_code}-{suffixes[dup_number % len(suffixes)]}"
        f"{dup_number // len(suffixes) or ''}",
        name=name,
        family=original.family,
        uom=original.uom,
        boxed=original.boxed,
        weight=original.weight,
        volume=original.volume,
        barcode=make_gtin13(BARCODE_PREFIX, 9000000 + index),
        cost_usd=round(original.cost_usd * rng.uniform(0.97, 1.03), 2),
        list_price_usd=original.list_price_usd,
        duplicate_of=original.index,
    )


def build_suppliers(rng, products):
    """Return supplier specs, each with the products it sells, plus two near-duplicates."""
    count = max(8, len(products) // 15)
    suppliers = []
    currencies = ("USD", "EUR", "GBP")
    for index in range(count):
        currency = currencies[index % 3]
        word = _SUPPLIER_WORDS[index % len(_SUPPLIER_WORDS)]
        trade = _SUPPLIER_TRADES[(index // len(_SUPPLIER_WORDS) + index) % 5]
        legal = rng.choice(_LEGAL[currency])
        country = _COUNTRY[currency]
        suppliers.append(
            SupplierSpec(
                index=index,
                name=f"{word} {trade} {legal}",
                currency=currency,
                country=country,
                vat=f"{_VAT_PREFIX[country]}{rng.randrange(10**9, 10**10)}01",
                lead_days=rng.randint(3, 21),
            )
        )
    assignments = {s.index: [] for s in suppliers}
    for product in products:
        if product.duplicate_of is not None:
            continue  # look-alikes are draft items: never bought nor sold
        for supplier_index in rng.sample(range(count), 2 if rng.random() < 0.3 else 1):
            assignments[supplier_index].append(product.index)
    suppliers = [_with_products(s, tuple(assignments[s.index])) for s in suppliers]
    for number, original in enumerate(suppliers[:2]):
        suppliers.append(_make_duplicate_supplier(original, len(suppliers), number))
    return suppliers


def _with_products(spec, product_indexes):
    return SupplierSpec(**{**spec.__dict__, "product_indexes": product_indexes})


def _make_duplicate_supplier(original, index, number=0):
    """Same name with different punctuation and, for the first one, the same VAT
    formatted with spaces (the second has a VAT of its own: caught by name).

    A draft supplier that sells nothing: it never appears in the history.
    """
    vat = original.vat
    if number:
        vat = f"{vat[:2]}{vat[2:][::-1]}"
    spaced_vat = f"{vat[:2]} {vat[2:6]} {vat[6:]}"
    legal = original.name.rsplit(" ", 1)
    return SupplierSpec(
        index=index,
        name=f"{legal[0]}, {legal[1]}.",
        currency=original.currency,
        country=original.country,
        vat=spaced_vat,
        lead_days=original.lead_days + 2,
        duplicate_of=original.index,
    )


def build_customers(rng, skus, companies=COMPANIES):
    """Return customers, ``max(10, skus // 15)`` per company, in its country.

    Names are unique: a customer named like another one gets its town in its name
    (then a branch number, past the towns). ``ref`` is its customer number.
    """
    per_company = max(10, skus // 15)
    customers = []
    taken = set()
    for company in companies:
        for number in range(per_company):
            word = _CUSTOMER_WORDS[(number + len(customers)) % len(_CUSTOMER_WORDS)]
            trade = rng.choice(_CUSTOMER_TRADES)
            legal = rng.choice(_LEGAL[company.currency])
            name = _unique_name(f"{word} {trade}", legal, company.country, taken)
            customers.append(
                CustomerSpec(
                    index=len(customers),
                    name=name,
                    company=company.key,
                    country=company.country,
                    discount=rng.choice((0.0, 0.0, 0.02, 0.05, 0.1)),
                    segment=SEGMENTS[number % len(SEGMENTS)][0],
                    ref=f"{company.country}-{number + 1:04d}",
                )
            )
    return customers


def _unique_name(trade_name, legal, country, taken):
    """``trade_name legal``, or with a town (or branch number) if already taken."""
    towns = _TOWNS[country]
    candidates = [f"{trade_name} {legal}"]
    candidates += [f"{trade_name} {town} {legal}" for town in towns]
    number = 2
    while all(name in taken for name in candidates):
        candidates.append(f"{trade_name} {towns[number % len(towns)]} {number} {legal}")
        number += 1
    name = next(name for name in candidates if name not in taken)
    taken.add(name)
    return name


def make_rng(seed, topic):
    """A generator of its own per topic, so adding one topic does not shift the others."""
    return random.Random(f"{seed}:{topic}")
