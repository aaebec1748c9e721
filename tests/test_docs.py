"""The documentation tells a user what is there (run with pytest-odoo on the demo).

Every menu path the docs name exists in Odoo 17 Community with the suite installed, every
demo user is in the README's and the demo's sign-in tables with the password they really
have, and every link of the docs leads to a file of the repository.
"""

import re
from pathlib import Path

from odoo.tests import TransactionCase, tagged

from odoo.addons.dist_demo.tools.logins import (
    DEMO_PASSWORD,
    LANDINGS,
    LOGIN_PREFIX,
    ROLES,
    role_of,
)

REPO = Path(__file__).resolve().parents[1]
# A menu path is written in emphasis, from its app: *Invoicing > Vendors > Bills*.
EMPHASIS = re.compile(r"\*\*?([^*`]+?)\*?\*")
SEPARATORS = re.compile(r"\s+(?:>|→|›)\s+")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def doc_files():
    """README, contributor and product docs, and every module's readme fragments."""
    files = [REPO / "README.md", REPO / "CONTRIBUTING.md", *REPO.glob("docs/*.md")]
    return (
        files
        + sorted(REPO.glob("*/readme/*.md"))
        + sorted(REPO.glob("addons/*/readme/*.md"))
    )


def menu_paths(text):
    """The menu paths named in a Markdown text, as tuples of names."""
    text = CODE.sub("", text)
    for span in EMPHASIS.findall(text):
        span = " ".join(span.split())
        if SEPARATORS.search(span):
            yield tuple(SEPARATORS.split(span))


def sign_in_rows(text, column=1):
    """``{login: cell}`` of the rows of a Markdown table with a login column; the
    cell of ``column`` (the password by default)."""
    rows = {}
    for line in text.splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) > column and cells[0].startswith(LOGIN_PREFIX):
            rows[cells[0]] = cells[column]
    return rows


@tagged("post_install", "-at_install")
class TestDocs(TransactionCase):
    def _existing_paths(self):
        menus = self.env["ir.ui.menu"].sudo().search([])
        paths = set()
        for menu in menus:
            names = []
            while menu:
                names.insert(0, menu.name)
                menu = menu.parent_id
            paths.add(tuple(names))
        return paths

    def test_every_menu_path_in_the_docs_exists(self):
        """A menu path named in README, CONTRIBUTING, docs/ or a readme/ is a real menu."""
        existing = self._existing_paths()
        wrong = [
            f"{path.relative_to(REPO)}: {' > '.join(names)}"
            for path in doc_files()
            for names in menu_paths(path.read_text())
            if names not in existing
        ]
        self.assertEqual(wrong, [])

    def test_every_first_step_names_a_real_menu(self):
        """What the harness tells each demo role to try first starts with a real menu."""
        existing = self._existing_paths()
        for _label, first in ROLES.values():
            names = tuple(SEPARATORS.split(first.split(":")[0]))
            self.assertIn(names, existing, first)

    def test_every_demo_user_is_in_the_sign_in_tables(self):
        """README and the demo's USAGE list every demo user with its real password."""
        logins = set(
            self.env["res.users"]
            .search([("login", "=like", f"{LOGIN_PREFIX}%")])
            .mapped("login")
        )
        self.assertTrue(logins)
        for doc in (REPO / "README.md", REPO / "addons/dist_demo/readme/USAGE.md"):
            rows = sign_in_rows(doc.read_text())
            self.assertEqual(set(rows), logins, doc)
            self.assertEqual(set(rows.values()), {DEMO_PASSWORD}, doc)

    def test_sign_in_tables_say_where_each_user_lands(self):
        """The "Lands on" column of README and USAGE names the screen each demo
        user opens on, and that screen is the action the user has as home."""
        users = self.env["res.users"].search([("login", "=like", f"{LOGIN_PREFIX}%")])
        for doc in (REPO / "README.md", REPO / "addons/dist_demo/readme/USAGE.md"):
            rows = sign_in_rows(doc.read_text(), column=4)
            for user in users:
                xmlid, name = LANDINGS[role_of(user.login)]
                self.assertEqual(rows[user.login], name, doc)
                self.assertEqual(user.action_id.id, self.env.ref(xmlid).id, user.login)


def test_every_link_of_the_docs_stays_in_the_repository():
    """A relative link in any Markdown file of the repository names a file of it: a user
    who clones the repository has every page the docs link to."""
    link = re.compile(r"\]\(([^)#\s]+)[^)]*\)")
    wrong = []
    for doc in REPO.rglob("*.md"):
        if ".git" in doc.parts:
            continue
        for target in link.findall(CODE.sub("", doc.read_text())):
            if re.match(r"[a-z]+:", target):
                continue
            path = (doc.parent / target).resolve()
            if not (path.is_relative_to(REPO) and path.exists()):
                wrong.append(f"{doc.relative_to(REPO)}: {target}")
    assert wrong == []
