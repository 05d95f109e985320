"""What a group on one server does around the Hub: its store and key, a shared case, session pages.

:func:`presenter_shares_case` is the one place a presenter makes a case reachable by the group.
Today that is the group's shared store and key; when people have their own key pairs and share
de-identified snapshots, that sharing goes in this function and the tests above it stay as they are.
"""

from __future__ import annotations

import datetime as dt
import os
import pwd
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from casekit import layout
from casekit.session.session_workbook import build_notebook
from casekit.workspace import Workspace
from tests.fictional import session_case

CASE_ID = "CK-0501"
SESSION_DATE = dt.date(2026, 3, 2)


@dataclass(frozen=True)
class Group:
    """A group's shared store and the key its members' servers are given."""

    db_url: str
    key: Path
    admin: Workspace


def make_group(base: Path, db_url: str, members_group: str) -> Group:
    """The administrator's part, with the README's commands: ``casekit --db URL init`` makes the
    group's store and key, and ``install`` puts the key where the members' servers may read it
    (``root:GROUP``, mode 0640) and nobody else may."""
    casekit = Path(sys.executable).with_name("casekit")
    subprocess.run([casekit, "--db", db_url, "init", base / "admin"], check=True, capture_output=True)
    admin = Workspace.find(base / "admin")
    keys, key = base / "group", base / "group" / "identifiers.key"
    subprocess.run(["install", "-d", "-m", "750", "-g", members_group, keys], check=True)
    subprocess.run(["install", "-m", "640", "-g", members_group, admin.key_path, key], check=True)
    base.chmod(0o711)  # members may pass through to the key's folder, not list what is here
    return Group(db_url=db_url, key=key, admin=admin)


def presenter_shares_case(group: Group, presenter: str) -> str:
    """The presenter makes a fictional case reachable by the group; return its id.

    Today the case goes into the group's shared store, under the presenter's name, where every
    member's server (given the group's key) finds it. This is the seam for sharing a de-identified
    snapshot with the group once people have their own keys.
    """
    with group.admin.open_store(db_url=group.db_url) as store:
        store.create(session_case(CASE_ID), author=presenter)
    return CASE_ID


def write_session_page(workspace: Path, member: str, *, alias: str, role: str) -> str:
    """Put the consultation-session workbook for the shared case in ``member``'s workspace, with its
    parameters filled in as papermill would, owned by the member; return its path in the workspace."""
    nb = build_notebook()
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source = (
        f"case_id = {CASE_ID!r}\nworkspace = {str(workspace)!r}\n"
        f"session_date = {SESSION_DATE.isoformat()!r}\nmember_alias = {alias!r}\nrole = {role!r}\n"
    )
    path = layout.live_path(workspace, "consultation-session", CASE_ID)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    account = pwd.getpwnam(member)
    for owned in (path.parent, path):
        os.chown(owned, account.pw_uid, account.pw_gid)
    return path.relative_to(workspace).as_posix()
