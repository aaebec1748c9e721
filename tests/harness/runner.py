"""Run Odoo and the test tools as subprocesses, and turn their output into counts.

A `Tally` holds passed and failed checks with the names of the failures. Odoo's own test
runner reports `N failed, N error(s) of M tests`; a skipped test (a tour without its
browser, for instance) is counted here as a failure, because a skipped check proves nothing.
"""

import re
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from . import env

SUMMARY = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading")
SKIPPED = re.compile(r" (?:INFO|WARNING) \S+ (\S+): skipped (.*)$", re.M)
FAILED = re.compile(r" (?:ERROR|CRITICAL) \S+ (\S+): (?:FAIL|ERROR): (.*)$", re.M)
LOG_LINE = re.compile(
    r"^\S+ \S+ \d+ (?P<level>[A-Z]+) \S+ (?P<logger>\S+): (?P<text>.*)$"
)
LOADING_MODULE = re.compile(r"^Loading module (\S+) \((\d+)/(\d+)\)$")


@dataclass
class Tally:
    passed: int = 0
    failed: int = 0
    failures: list = field(default_factory=list)

    def ok(self, count=1):
        self.passed += count

    def fail(self, name, count=1):
        self.failed += count
        self.failures.append(name)

    def add(self, other):
        self.passed += other.passed
        self.failed += other.failed
        self.failures += other.failures


def free_port(start=18069):
    for port in range(start, start + 500):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)):
                return port
    raise RuntimeError("no free TCP port for Odoo's HTTP server")


class Odoo:
    """Odoo 17 command lines bound to one database server and state dir."""

    def __init__(self, server, odoo_path):
        self.server = server
        self.data_dir = env.state_dir() / "data"
        self.addons = ",".join(env.odoo_addons_paths(odoo_path))
        self.logs = env.state_dir() / "logs"
        self.logs.mkdir(exist_ok=True)

    def base_args(self, dbname, http_port=None):
        args = [env.PYTHON, "-m", "odoo", "--addons-path", self.addons]
        args += ["--data-dir", str(self.data_dir), "-d", dbname, "--workers", "0"]
        args += ["--without-demo", "all", "--max-cron-threads", "0"]
        args += ["--http-port", str(http_port or free_port())]
        return args + self.server.odoo_args()

    def run(self, dbname, extra, log_name, log_level="info", extra_env=None, show=None):
        """Run Odoo to completion with its log in a file; return (rc, log path, secs).

        With `show` (a function of one log line, e.g. `install_progress`), print what
        it makes of each new line of the log while Odoo runs, with elapsed seconds.
        """
        log = self.logs / f"{log_name}.log"
        args = self.base_args(dbname) + extra + ["--stop-after-init"]
        args += ["--log-level", log_level, "--logfile", str(log)]
        log.unlink(missing_ok=True)
        start = time.monotonic()
        proc = subprocess.Popen(
            args,
            cwd="/",
            env=extra_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        try:
            if show:
                follow(proc, log, show, start)
            rc = proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            proc.wait()
            raise
        return rc, log, time.monotonic() - start

    def installed(self, dbname, names):
        """Which of `names` are in state 'installed' in that database."""
        quoted = ",".join(f"'{name}'" for name in names)
        rows = self.server.sql(
            f"SELECT name FROM ir_module_module WHERE state = 'installed' "
            f"AND name IN ({quoted})",
            dbname,
        )
        return set(rows.split())


def install_progress(line):
    """What an install prints while it runs: each module Odoo loads (n/N), the demo
    generator's `dist_demo:` lines, and errors."""
    found = LOG_LINE.match(line.rstrip())
    if not found:
        return None
    level, text = found["level"], found["text"]
    if level in ("ERROR", "CRITICAL"):
        return f"{level} {found['logger']}: {text}"
    if text.startswith("dist_demo: "):
        return text
    module = LOADING_MODULE.match(text)
    if module:
        return f"module {module[2]}/{module[3]}: {module[1]}"
    return None


def follow(proc, log, show, start, quiet=30):
    """Until `proc` ends, print `show(line)` for each new line of `log` that it turns
    into a message, and a reminder of the log after `quiet` seconds of silence."""
    position, pending, last = 0, b"", time.monotonic()
    while True:
        running = proc.poll() is None
        if log.exists():
            with open(log, "rb") as stream:
                stream.seek(position)
                chunk = stream.read()
                position = stream.tell()
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                message = show(line.decode(errors="replace"))
                if message:
                    print(f"[{time.monotonic() - start:4.0f}s] {message}", flush=True)
                    last = time.monotonic()
        if not running:
            return
        if time.monotonic() - last >= quiet:
            print(f"[{time.monotonic() - start:4.0f}s] working; log {log}", flush=True)
            last = time.monotonic()
        time.sleep(1)


def read_odoo_tests(log, rc, label):
    """Count an Odoo test run from its log file."""
    tally = Tally()
    text = log.read_text(errors="replace") if log.exists() else ""
    summaries = SUMMARY.findall(text)
    skipped = [f"{label}: skipped {m[1]}" for m in SKIPPED.findall(text)]
    failed_names = [f"{label}: {m[1]}" for m in FAILED.findall(text)]
    if not summaries:
        tally.fail(f"{label}: Odoo stopped before reporting tests (rc={rc}), see {log}")
        return tally, text
    failures, errors, total = (int(x) for x in summaries[-1])
    bad = failures + errors
    names = failed_names or [f"{label}: {bad} failing test(s), see {log}"]
    for name in names[:bad] if bad else []:
        tally.fail(name)
    if bad > len(names):
        tally.fail(f"{label}: more failures, see {log}", bad - len(names))
    for name in skipped:
        tally.fail(name)
    tally.ok(max(total - bad - len(skipped), 0))
    if total == 0:
        tally.fail(f"{label}: no test ran")
    elif rc and not bad:
        tally.fail(f"{label}: Odoo exited with {rc} outside the tests, see {log}")
    return tally, text


def read_junit(path, label):
    """Count a pytest run from its JUnit XML (skips count as failures)."""
    tally = Tally()
    if not path.exists():
        tally.fail(f"{label}: pytest wrote no report")
        return tally
    for case in ET.parse(path).getroot().iter("testcase"):
        name = f"{label}: {case.get('classname')}.{case.get('name')}"
        problems = [c.tag for c in case if c.tag in ("failure", "error", "skipped")]
        if problems:
            tally.fail(f"{name} ({problems[0]})")
        else:
            tally.ok()
    if tally.passed + tally.failed == 0:
        tally.fail(f"{label}: no test ran")
    return tally
