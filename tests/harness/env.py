"""Where things are: the repository, Odoo 17, PostgreSQL, Chromium, the state dir.

Every lookup that can fail returns a `Missing` describing what is missing and how a user
gets it, so the commands can stop at once with one clear message.
"""

import ast
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from glob import glob
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


@dataclass
class Missing:
    what: str
    how: str

    def __str__(self):
        return f"{self.what} is missing. {self.how}"


def state_dir():
    """Throwaway state (PostgreSQL cluster, filestore, logs), kept between runs."""
    default = Path("/var/tmp") / f"dist-dev-{os.getuid()}"
    path = Path(os.environ.get("DIST_STATE_DIR", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


def odoo_missing(found=None):
    """Odoo 17 is not importable by this Python (`found`: what it imports instead)."""
    how = (
        "Run the command through `./dist` without DIST_BOOTSTRAP=0 (it then fetches "
        "Odoo 17 from the official repository into a virtual environment), or install "
        f"Odoo 17 so that `{PYTHON}` can import it: from the official source "
        "(git clone --branch 17.0 --depth 1 https://github.com/odoo/odoo, then "
        "`pip install -r requirements.txt` and `pip install -e .` in it), or run the "
        "suite with `docker compose up` (official odoo:17.0 image)."
    )
    what = (
        f"Odoo 17 (found {found})" if found else "Odoo 17 (the `odoo` Python package)"
    )
    return Missing(what, how)


def odoo_info():
    """Return (version, root path) of the importable Odoo, or a Missing."""
    code = "import odoo, odoo.release as r; print(r.version); print(odoo.__path__[0])"
    proc = subprocess.run(
        [PYTHON, "-c", code], capture_output=True, text=True, cwd="/", check=False
    )
    if proc.returncode:
        return odoo_missing()
    version, path = proc.stdout.split()[:2]
    if not version.startswith("17."):
        return odoo_missing(f"Odoo {version} at {path}")
    return version, Path(path)


def odoo_addons_paths(odoo_path):
    """Core addons dirs of that Odoo (`odoo/addons` is always loaded by Odoo)."""
    extra = odoo_path.parent / "addons"
    paths = [str(extra)] if (extra / "web" / "__manifest__.py").exists() else []
    return paths + [str(REPO)] + ([str(REPO / "addons")] if modules("addons") else [])


def pg_bindir():
    """Directory of the PostgreSQL server binaries (initdb, pg_ctl), or a Missing."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    candidates = sorted(glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    return Missing(
        "PostgreSQL server binaries (initdb, pg_ctl)",
        "Install PostgreSQL 15 or newer (Debian/Ubuntu: `apt-get install postgresql`), "
        "or point the harness at a running server with DIST_DB_HOST, DIST_DB_PORT, "
        "DIST_DB_USER and DIST_DB_PASSWORD.",
    )


def chromium():
    for name in (
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ):
        if shutil.which(name):
            return shutil.which(name)
    return Missing(
        "Chromium (needed by the browser tours)",
        "Install it (Debian/Ubuntu: `apt-get install chromium`).",
    )


def python_module(name, package):
    if importlib.util.find_spec(name):
        return name
    return Missing(
        f"The Python package {package}",
        f"Install the requirements: `{PYTHON} -m pip install -r requirements.txt`.",
    )


def modules(where=""):
    """Module names directly under the repo root (the suite) or under `addons/`."""
    base = REPO / where if where else REPO
    return sorted(p.parent.name for p in base.glob("*/__manifest__.py"))


def manifest(name):
    for base in (REPO, REPO / "addons"):
        path = base / name / "__manifest__.py"
        if path.exists():
            return ast.literal_eval(path.read_text())
    return None


def external_depends(names):
    """Core modules the given modules need, i.e. what the template database holds."""
    own = set(modules()) | set(modules("addons"))
    result, seen, todo = set(), set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for dep in manifest(name).get("depends", []):
            if dep in own:
                todo.append(dep)
            else:
                result.add(dep)
    return sorted(result)


def template_key(odoo_version, depends):
    raw = "|".join([odoo_version, "without-demo", *depends])
    return hashlib.sha1(raw.encode()).hexdigest()[:10]
