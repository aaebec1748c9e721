"""The intercompany demo (dist_intercompany), as pure data: the holding sells
to the two acquired companies under one rule each, and the cases of the last
weeks that the reconciliation explains."""

SELLER = "hq"
# buyer key -> rule values: Nordic buys at the holding's cost plus 8 %, its
# bills posted as they come; Britannia at the holding's intercompany price
# list, its bills left in draft for its payables clerk to check.
RULES = {
    "nordic": {"pricing_method": "cost_plus", "cost_plus_percent": 8.0},
    "brit": {"pricing_method": "pricelist", "bill_state": "draft"},
}
# Price list of the holding for Britannia: the item's cost times this.
PRICELIST_MARKUP = 1.12
TECHNICAL_LOGIN = "dist.ic.{key}"
TECHNICAL_NAME = "Intercompany robot ({company})"

# (buyer key, case, days before today the seller invoiced): what the buyer's
# payables clerk does with the mirrored bill, and the reason the
# reconciliation then gives:
#   balanced - nothing to do (posted as mirrored, same day, same rate);
#   partial  - half the goods shipped and invoiced, the rest on backorder;
#   fx       - invoiced and billed ten days ago: each company booked it at the
#              rate of that day, the group reports at today's (FX);
#   timing   - the bill is still in draft (posted on one side only);
#   amount   - the clerk raised a line's price before posting (amount);
#   tax      - the clerk took the tax off a line before posting (tax);
#   missing  - the clerk cancelled the bill (missing mirror: the line's
#              action creates it again).
CASES = (
    ("nordic", "balanced", 0),
    ("nordic", "partial", 0),
    ("nordic", "fx", 10),
    ("brit", "balanced", 0),
    ("brit", "timing", 0),
    ("brit", "amount", 0),
    ("brit", "tax", 0),
    ("brit", "missing", 0),
)
EXPECTED_REASON = {
    "balanced": False,
    "partial": False,
    "fx": "fx",
    "timing": "timing",
    "amount": "amount",
    "tax": "tax",
    "missing": "missing_mirror",
}
LINES_PER_ORDER = 2
QUANTITY = 6.0
# Days the reconciliation period reaches back (it ends today).
PERIOD_DAYS = 30
