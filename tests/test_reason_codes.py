"""Every reason code the suite raises is seeded, with a readable name.

Read from the sources: the literal code of each ``raise_for(record, kind, code, ...)``
call outside tests, against the ``dist.exception.reason`` records of every module's
``data/dist_exception_reason_data.xml``. ``raise_for`` refuses an unknown code at run
time; this finds one before any control trips on it.
"""

import ast
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
MODULE_DIRS = [
    path.parent
    for path in sorted(REPO.glob("*/__manifest__.py"))
    + sorted(REPO.glob("addons/*/__manifest__.py"))
]


def raised_codes():
    """``{code: [file:line, ...]}`` of the literal codes passed to ``raise_for``."""
    codes = {}
    for module in MODULE_DIRS:
        for path in sorted(module.rglob("*.py")):
            if "tests" in path.relative_to(module).parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "raise_for"
                    and len(node.args) >= 3
                    and isinstance(node.args[2], ast.Constant)
                ):
                    where = f"{path.relative_to(REPO)}:{node.lineno}"
                    codes.setdefault(node.args[2].value, []).append(where)
    return codes


def seeded_reasons():
    """``{code: name}`` of the reasons seeded by the suite's data files."""
    reasons = {}
    for path in sorted(REPO.glob("**/data/dist_exception_reason_data.xml")):
        for record in etree.parse(str(path)).iterfind(
            "record[@model='dist.exception.reason']"
        ):
            values = {field.get("name"): field.text for field in record}
            reasons[values["code"]] = values["name"]
    return reasons


def test_every_raised_reason_code_is_seeded():
    """No control raises a code that is not seeded data."""
    codes = raised_codes()
    # similar_item_name / similar_supplier are raised through the governed
    # mixin's _dist_governed_duplicate_reason, not a literal in raise_for.
    assert {"three_way_match", "over_receipt"} <= set(codes)
    missing = {
        code: where for code, where in codes.items() if code not in seeded_reasons()
    }
    assert not missing, f"reason codes raised but not seeded: {missing}"


def test_seeded_reasons_have_readable_names():
    """A seeded reason's name is words, not its code."""
    for code, name in seeded_reasons().items():
        assert name and name != code and " " in name, (code, name)
