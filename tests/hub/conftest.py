"""Fixtures for the Hub tests, one set per module (starting a Hub and three servers is slow):
the group's PostgreSQL database in people access with the presenter's case, a running Hub, and
Debian's Chromium."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser_harness import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import _drop_database
from tests.hub.group import Group, make_group, presenter_makes_case
from tests.hub.hub_harness import MEMBERS, Hub


@pytest.fixture(scope="module")
def group_db(postgres_server: str) -> Iterator[str]:
    """A fresh PostgreSQL database for the group's store, dropped at the end of the module."""
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(postgres_server).set(drivername="postgresql")
    name = f"casekit_test_hub_{uuid.uuid4().hex[:12]}"
    conninfo = admin.render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(conninfo, name)


@pytest.fixture(scope="module")
def hub_home() -> Iterator[Path]:
    """A root-owned folder for the Hub's state and the privacy lead's identity (not under pytest's tmp folder,
    which the members' accounts cannot pass through)."""
    home = Path(tempfile.mkdtemp(prefix="casekit-hub-"))
    try:
        yield home
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="module")
def group(group_db: str, hub_home: Path) -> Group:
    """The group's people-access store, with the presenter's case in it (sealed for her alone)."""
    made = make_group(hub_home, group_db)
    presenter_makes_case(made, MEMBERS[0])
    return made


@pytest.fixture(scope="module")
def hub(group: Group, hub_home: Path) -> Iterator[Hub]:
    """The Hub from deploy/jupyterhub, running as root on free ports."""
    with Hub(hub_home, group.db_url) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright, with the test suite's usual flags."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()
