"""Shared fixtures: a real PostgreSQL server for tests that need one.

``postgres_server`` (session) gives an admin URL of a server that may create databases:

* ``CASEKIT_TEST_PG_URL`` if set (CI sets it; the role needs CREATEDB);
* otherwise, outside CI, a throwaway cluster made with Debian's ``initdb``/``pg_ctl`` in a temporary
  folder (run as the ``postgres`` user when the tests run as root), stopped at the end of the session;
* in CI without the variable, the session fails: the database tests must run there.

``postgres_url`` (per test) creates a fresh, empty database on that server and drops it afterwards,
so tests never see each other's data.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ENV = "CASEKIT_TEST_PG_URL"


def _in_ci() -> bool:
    return bool(os.environ.get("CI"))


def _pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: [int(x) if x.isdigit() else 0 for x in p.parts[-3].split(".")],
    )
    return candidates[-1].parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"PostgreSQL is required in CI: {reason}; set {PG_ENV} (see .ci/run)")
    pytest.skip(f"no PostgreSQL server: {reason} (set {PG_ENV}, or install Debian's postgresql)")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """An admin URL (``postgresql://...``) of a PostgreSQL server whose role may create databases."""
    url = os.environ.get(PG_ENV)
    if url:
        yield url
        return
    if _in_ci():
        pytest.fail(f"{PG_ENV} is not set in CI; .ci/run must start PostgreSQL and set it")
    bindir = _pg_bin()
    if bindir is None:
        _unavailable("initdb not found")
    as_root = os.geteuid() == 0
    if as_root and shutil.which("runuser") is None:
        _unavailable("running as root without runuser to start initdb as the postgres user")
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    tmp = Path(tempfile.mkdtemp(prefix="casekit-pg-"))
    data, sock, log = tmp / "data", tmp / "sock", tmp / "server.log"
    sock.mkdir()
    if as_root:
        try:
            shutil.chown(tmp, user="postgres")
            shutil.chown(sock, user="postgres")
        except LookupError:
            shutil.rmtree(tmp)
            _unavailable("no postgres user to run the throwaway server as")
    user = "postgres"
    port = _free_port()
    options = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
    try:
        subprocess.run(
            [*prefix, bindir / "initdb", "-D", data, "-A", "trust", "-U", user, "-E", "UTF8", "--no-sync"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [*prefix, bindir / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"],
            check=True,
            capture_output=True,
        )
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace").strip().splitlines()[-1:]
        shutil.rmtree(tmp, ignore_errors=True)
        _unavailable(f"the throwaway server did not start ({' '.join(detail)})")
    try:
        yield f"postgresql://{user}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, bindir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the test server, as a ``postgresql://`` URL; dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(postgres_server).set(drivername="postgresql")
    name = f"casekit_test_{uuid.uuid4().hex[:12]}"
    conninfo = admin.render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(conninfo, name)


def _drop_database(conninfo: str, name: str, timeout: float = 10) -> None:
    """Drop a test database, waiting out a server process (autovacuum) that is still connected to it."""
    import psycopg

    from tests.waiting import wait_until

    def dropped() -> bool:
        try:
            with psycopg.connect(conninfo, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectInUse):
            return False  # a server-side worker (autovacuum) still holds it: try again
        return True

    wait_until(dropped, timeout=timeout, what=f"test database {name} to be dropped", poll=0.2)
