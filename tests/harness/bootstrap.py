"""First use on a machine without Odoo: fetch Odoo 17 and make a virtual environment.

`./dist` asks `python_for_odoo()` which interpreter runs `tests/dev.py`:

1. this Python, as it is, when it imports Odoo 17 and `DIST_ODOO_SRC` is not set (the
   CI's way: no virtual environment, nothing installed);
2. otherwise the Python of a virtual environment in the cache dir (`DIST_CACHE_DIR`,
   default `~/.cache/dist`) holding Odoo 17's requirements and the suite's, with Odoo
   taken from `DIST_ODOO_SRC` (a local clone) or from a shallow clone of the official
   repository's 17.0 branch fetched into the cache dir the first time. Odoo joins the
   environment through a `.pth` file: its source tree is never modified, and the
   system Python never changes.

`DIST_BOOTSTRAP=0` forbids step 2: a missing Odoo 17 then stops the command at once.
Every check that fails stops before anything long starts, naming what is missing.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import env

ODOO_GIT = "https://github.com/odoo/odoo"
ODOO_BRANCH = "17.0"
# Installed first: Odoo 17 still builds some of its pinned packages from sources that
# need the old setuptools (and wheel) on recent Pythons.
BUILD_REQUIREMENTS = ["setuptools<70", "wheel"]
PYTHONS = ((3, 10), (3, 11), (3, 12))  # what Odoo 17 supports
NO_ODOO_COMMANDS = {"pg"}
STAMP = "dist-requirements.sha1"


def say(message):
    print(message, flush=True)


def cache_dir():
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dist"
    path = Path(os.environ.get("DIST_CACHE_DIR") or default)
    path.mkdir(parents=True, exist_ok=True)
    return path


def odoo_requirements(text):
    """Odoo's requirements.txt made installable in a fresh virtual environment:
    `psycopg2` (built from source: needs pg_config and a compiler) becomes its binary
    wheel `psycopg2-binary` at the same pin, and `python-ldap` (only for auth_ldap;
    needs the OpenLDAP headers) is left out. Markers are kept for pip to evaluate."""
    lines = []
    for line in text.splitlines():
        name = re.match(r"\s*([A-Za-z0-9_.-]+)", line)
        if name and name.group(1).lower() == "python-ldap":
            continue
        lines.append(
            re.sub(r"^(\s*)psycopg2(?=\s*[=<>~;!]|\s*$)", r"\1psycopg2-binary", line)
        )
    return "\n".join(lines) + "\n"


def source_series(path):
    """'17.0' for an Odoo source tree at `path` (read, not imported), else None."""
    release = Path(path) / "odoo" / "release.py"
    if not release.is_file():
        return None
    found = re.search(r"^version_info = \((\d+), (\d+)", release.read_text(), re.M)
    return f"{found.group(1)}.{found.group(2)}" if found else None


def importable_odoo(python):
    """The Odoo series `python` imports ('17.0'), or None."""
    code = "import odoo.release as r; print(r.serie)"
    proc = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, cwd="/", check=False
    )
    return proc.stdout.strip() if proc.returncode == 0 else None


def preflight():
    """What the commands need beside Odoo and that no bootstrap can provide."""
    missing = []
    if sys.version_info[:2] not in PYTHONS:
        versions = ", ".join(f"{a}.{b}" for a, b in PYTHONS)
        missing.append(
            env.Missing(
                f"A Python Odoo 17 runs on ({versions}; this is {sys.version.split()[0]})",
                "Run ./dist with one of them, e.g. `python3.11 ./dist serve`.",
            )
        )
    if not os.environ.get("DIST_DB_HOST"):
        bindir = env.pg_bindir()
        if isinstance(bindir, env.Missing):
            missing.append(bindir)
    return missing


def _local_source(path):
    series = source_series(path)
    if series != ODOO_BRANCH:
        found = f"Odoo {series}" if series else "no Odoo source tree (odoo/release.py)"
        return env.Missing(
            f"Odoo 17 at DIST_ODOO_SRC={path} (found {found})",
            f"Point DIST_ODOO_SRC at a clone of {ODOO_GIT} branch {ODOO_BRANCH}, "
            "or unset it to fetch one.",
        )
    return Path(path).resolve()


def _fetch_source(cache):
    """The cached clone of the official 17.0 branch, fetched once (shallow)."""
    target = cache / f"odoo-{ODOO_BRANCH}"
    if source_series(target) == ODOO_BRANCH:
        return target
    how = (
        f"Connect to the network, or set DIST_ODOO_SRC to a local clone of {ODOO_GIT} "
        f"(branch {ODOO_BRANCH}), or install Odoo 17 for this Python (README.md), or "
        "use `docker compose up`."
    )
    if not shutil.which("git"):
        return env.Missing("git (to fetch Odoo 17)", f"Install git. {how}")
    try:
        probe = subprocess.run(
            ["git", "ls-remote", "--exit-code", "--heads", ODOO_GIT, ODOO_BRANCH],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        reason = probe.stderr.strip().splitlines()[-1:] if probe.returncode else None
    except subprocess.TimeoutExpired:
        reason = ["no answer in 60 s"]
    if reason is not None:
        return env.Missing(
            f"Odoo 17 ({ODOO_GIT} cannot be reached: {' '.join(reason) or 'git failed'})",
            how,
        )
    partial = cache / f"odoo-{ODOO_BRANCH}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    say(
        f"fetching Odoo {ODOO_BRANCH} from {ODOO_GIT} into {target} (once, about 1.3 GB on disk)"
    )
    started = time.monotonic()
    clone = ["git", "clone", "--depth", "1", "--single-branch", "--branch"]
    proc = subprocess.run([*clone, ODOO_BRANCH, ODOO_GIT, str(partial)], check=False)
    if proc.returncode:
        return env.Missing(f"Odoo 17 (`git clone` of {ODOO_GIT} failed)", how)
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)
    say(f"Odoo {ODOO_BRANCH} fetched in {time.monotonic() - started:.0f} s")
    return target


def _requirements_key(source, odoo_reqs, suite_reqs):
    raw = "\n".join(
        [str(source), sys.version, *BUILD_REQUIREMENTS, odoo_reqs, suite_reqs]
    )
    return hashlib.sha1(raw.encode()).hexdigest()


def _pip(python, args, log, started):
    """Run pip, its output in `log`; print a progress line every ten seconds."""
    cmd = [str(python), "-m", "pip", "install", "--disable-pip-version-check"]
    cmd += ["--no-input", "--progress-bar", "off", *args]
    collected, last, shown = 0, "", time.monotonic()
    with open(log, "a") as out:
        out.write(f"$ {' '.join(cmd)}\n")
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for line in proc.stdout:
            out.write(line)
            if line.startswith("Collecting "):
                collected, last = collected + 1, line.split()[1]
            elif line.startswith(("Installing collected", "Successfully installed")):
                last = line.split(":")[0].strip()[:60]
                shown = 0
            if time.monotonic() - shown >= 10:
                say(
                    f"[{time.monotonic() - started:4.0f}s] pip: {collected} collected, {last}"
                )
                shown = time.monotonic()
        return proc.wait()


def _venv(cache, source):
    """A virtual environment with Odoo's and the suite's requirements and Odoo on its
    path; (re)installed when the requirements, the source or this Python change."""
    venv = cache / f"venv-py{sys.version_info[0]}.{sys.version_info[1]}"
    python = venv / "bin" / "python"
    odoo_reqs = odoo_requirements((source / "requirements.txt").read_text())
    suite_reqs = (env.REPO / "requirements.txt").read_text()
    key = _requirements_key(source, odoo_reqs, suite_reqs)
    stamp = venv / STAMP
    if python.exists() and stamp.exists() and stamp.read_text() == key:
        return python
    started = time.monotonic()
    logs = cache / "logs"
    logs.mkdir(exist_ok=True)
    log = logs / "bootstrap.log"
    log.write_text("")
    say(f"setting up {venv} for Odoo from {source} (once, a few minutes); log {log}")
    if not python.exists():
        proc = subprocess.run(
            [sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True
        )
        if proc.returncode:
            shutil.rmtree(venv, ignore_errors=True)
            return env.Missing(
                f"Python's venv module for {sys.executable} ({proc.stderr.strip()[-200:]})",
                "Install it (Debian/Ubuntu: `apt-get install python3-venv`).",
            )
    (venv / "odoo-requirements.txt").write_text(odoo_reqs)
    steps = (
        ["--upgrade", *BUILD_REQUIREMENTS],
        [
            "-r",
            str(venv / "odoo-requirements.txt"),
            "-r",
            str(env.REPO / "requirements.txt"),
        ],
    )
    for args in steps:
        if _pip(python, args, log, started):
            return env.Missing(
                f"Python packages in {venv}: pip failed, see {log}",
                "Check the network access to PyPI (or your pip configuration) and rerun.",
            )
    purelib = subprocess.run(
        [
            str(python),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "dist-odoo.pth").write_text(f"{source}\n")
    if importable_odoo(str(python)) != ODOO_BRANCH:
        return env.Missing(f"Odoo 17 importable in {venv}", f"See {log}.")
    stamp.write_text(key)
    say(f"[{time.monotonic() - started:4.0f}s] {venv} ready")
    return python


def python_for_odoo():
    """Return (the interpreter to run the harness with, []) or (None, what is missing)."""
    missing = preflight()
    source = os.environ.get("DIST_ODOO_SRC")
    if not source and importable_odoo(sys.executable) == ODOO_BRANCH:
        return (None if missing else sys.executable), missing
    if os.environ.get("DIST_BOOTSTRAP") == "0":
        return None, [*missing, env.odoo_missing()]
    if missing:
        return None, missing
    cache = cache_dir()
    found = _local_source(source) if source else _fetch_source(cache)
    if not isinstance(found, env.Missing):
        found = _venv(cache, found)
    if isinstance(found, env.Missing):
        return None, [found]
    return str(found), []
