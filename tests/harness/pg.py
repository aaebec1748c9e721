"""A PostgreSQL for the harness: the one configured in DIST_DB_* or a throwaway local one.

The local cluster lives in the state dir, listens on loopback only, runs with fsync off
and trust authentication, and is started and stopped by the command that needs it. Its
data is kept between runs so that the template database can be reused. PostgreSQL
refuses to run as root: as root the cluster belongs to the unprivileged user `nobody`.
"""

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass

from . import env

RUN_AS = "nobody"


@dataclass
class Server:
    host: str
    port: int
    user: str
    password: str = ""
    owned: bool = False

    def odoo_args(self):
        args = ["--db_host", self.host, "--db_port", str(self.port)]
        args += ["--db_user", self.user]
        return args + (["--db_password", self.password] if self.password else [])

    def _env(self):
        extra = {"PGHOST": self.host, "PGPORT": str(self.port), "PGUSER": self.user}
        if self.password:
            extra["PGPASSWORD"] = self.password
        return {**os.environ, **extra}

    def sql(self, query, dbname="postgres"):
        """Run one statement with psql; return stdout stripped."""
        proc = subprocess.run(
            [
                _psql(),
                "-X",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                dbname,
                "-c",
                query,
            ],
            env=self._env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode:
            raise RuntimeError(f"psql failed on {query!r}: {proc.stderr.strip()}")
        return proc.stdout.strip()

    def databases(self):
        rows = self.sql("SELECT datname FROM pg_database WHERE NOT datistemplate")
        return set(rows.split())

    def drop(self, dbname):
        self.sql(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')

    def copy(self, source, target, data_dir):
        """Copy a database and its filestore (what Odoo's own duplicate does)."""
        self.drop(target)
        self.sql(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
        src, dst = data_dir / "filestore" / source, data_dir / "filestore" / target
        shutil.rmtree(dst, ignore_errors=True)
        if src.exists():
            shutil.copytree(src, dst)

    def rename(self, source, target, data_dir):
        self.drop(target)
        self.sql(f'ALTER DATABASE "{source}" RENAME TO "{target}"')
        src, dst = data_dir / "filestore" / source, data_dir / "filestore" / target
        shutil.rmtree(dst, ignore_errors=True)
        if src.exists():
            src.rename(dst)


def configured():
    """The server named by DIST_DB_HOST (and friends), if any."""
    host = os.environ.get("DIST_DB_HOST")
    if not host:
        return None
    return Server(
        host=host,
        port=int(os.environ.get("DIST_DB_PORT", "5432")),
        user=os.environ.get("DIST_DB_USER", "odoo"),
        password=os.environ.get("DIST_DB_PASSWORD", ""),
    )


def _free_port(start=54320):
    for port in range(start, start + 200):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)):
                return port
    raise RuntimeError("no free TCP port for PostgreSQL on 127.0.0.1")


def _as_owner(cmd):
    if os.getuid() == 0:
        return ["runuser", "-u", RUN_AS, "--", *cmd]
    return cmd


def _run(cmd, log):
    with open(log, "a") as out:
        proc = subprocess.run(_as_owner(cmd), stdout=out, stderr=out, check=False)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed, see {log}")


def start_local(bindir):
    """Start (initialising if needed) the throwaway cluster; return its Server."""
    root = env.state_dir() / "pg"
    data, log, server_log = root / "data", root / "ctl.log", root / "server.log"
    root.mkdir(parents=True, exist_ok=True)
    server_log.touch()
    if os.getuid() == 0:
        shutil.chown(root, RUN_AS)
        shutil.chown(server_log, RUN_AS)
        root.chmod(0o755)
    if not (data / "PG_VERSION").exists():
        shutil.rmtree(data, ignore_errors=True)
        _run(
            [str(bindir / "initdb"), "-D", str(data), "-U", "odoo", "--auth=trust"]
            + ["-E", "UTF8", "--locale=C.UTF-8"],
            log,
        )
    port_file = root / "port"
    status = subprocess.run(
        _as_owner([str(bindir / "pg_ctl"), "-D", str(data), "status"]),
        capture_output=True,
        check=False,
    )
    if status.returncode == 0 and port_file.exists():
        return Server("127.0.0.1", int(port_file.read_text()), "odoo", owned=False)
    port = _free_port()
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c full_page_writes=off -c synchronous_commit=off -c max_connections=200"
    )
    _run(
        [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(server_log)]
        + ["-w", "-t", "60", "start"],
        log,
    )
    port_file.write_text(str(port))
    server = Server("127.0.0.1", port, "odoo", owned=True)
    for _ in range(50):
        try:
            server.sql("SELECT 1")
            return server
        except RuntimeError:
            time.sleep(0.2)
    return server


def stop_local(bindir):
    data = env.state_dir() / "pg" / "data"
    subprocess.run(
        _as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
        capture_output=True,
        check=False,
    )


def wipe_local(bindir):
    stop_local(bindir)
    shutil.rmtree(env.state_dir() / "pg", ignore_errors=True)
    shutil.rmtree(env.state_dir() / "data", ignore_errors=True)


def _psql():
    found = shutil.which("psql")
    if found:
        return found
    bindir = env.pg_bindir()
    if isinstance(bindir, env.Missing) or not (bindir / "psql").exists():
        raise RuntimeError("psql not found: install the PostgreSQL client")
    return str(bindir / "psql")
