"""What a group on one server does around the Hub: its people-access store, a shared case, session pages.

:func:`make_group` is the administrator's part (a people-access store, the administrator its privacy
lead); :func:`presenter_makes_case` and :func:`presenter_shares_case` are the presenter's, run as her
own account with her own key: the case is sealed for her, and the group gets a reviewed,
de-identified snapshot of it, never the case.
"""

from __future__ import annotations

import datetime as dt
import os
import pwd
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat

from casekit import layout
from casekit.access.keys import Holder
from casekit.session.session_workbook import build_notebook
from casekit.store import CaseStore
from casekit.workspace import Workspace
from tests.browser_harness import ROOT

CASE_ID = "CK-0501"
SESSION_DATE = dt.date(2026, 3, 2)
CASEKIT = Path(sys.executable).with_name("casekit")
#: The administrator's user name as the privacy lead (the account that runs the README's set-up).
LEAD = pwd.getpwuid(os.getuid()).pw_name


@dataclass(frozen=True)
class Group:
    """A group's people-access store, and where its privacy lead's own identity is."""

    db_url: str
    admin: Workspace
    lead_identity: Path

    def open_store(self) -> CaseStore:
        """The group's store, opened as its privacy lead (who manages people and reads no case)."""
        return CaseStore.open(self.db_url, person=Holder.from_file(LEAD, self.lead_identity, create=False))

    def open_store_as(self, member: str) -> CaseStore:
        """The group's store, opened as ``member`` with the identity their own server made in their home
        (a live session's record is sealed for the people present: the privacy lead cannot read it).

        The test reads with a root-only copy of that identity, so what opening a store writes beside
        an identity (the access log's witness) lands in the copy's folder, not in the member's home.
        """
        import shutil

        reader = self.lead_identity.parent.parent / "readers" / member
        reader.mkdir(mode=0o700, parents=True, exist_ok=True)
        identity = reader / "identity"
        shutil.copyfile(Path(pwd.getpwnam(member).pw_dir) / ".casekit" / "identity", identity)
        identity.chmod(0o600)
        return CaseStore.open(self.db_url, person=Holder.from_file(member, identity, create=False))


def _as_admin(base: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CASEKIT_", "JUPYTERHUB_"))}
    return {**env, "CASEKIT_IDENTITY": str(base / "lead" / "identity")}


def make_group(base: Path, db_url: str) -> Group:
    """The administrator's part, with the README's commands: ``casekit --db URL init`` makes the
    group's store, and ``casekit people enable`` makes it a people-access store with the administrator
    (their own identity, owner-only) as its privacy lead. No group key leaves the administrator."""
    env = _as_admin(base)
    subprocess.run(
        [CASEKIT, "--db", db_url, "init", base / "admin"], check=True, capture_output=True, env=env
    )
    subprocess.run(
        [CASEKIT, "--db", db_url, "people", "enable"],
        check=True,
        capture_output=True,
        env=env,
        cwd=base / "admin",
    )
    base.chmod(0o711)  # members may pass through (the Hub's state is owner-only), not list what is here
    return Group(
        db_url=db_url, admin=Workspace.find(base / "admin"), lead_identity=base / "lead" / "identity"
    )


def as_member(
    member: str, args: Sequence[str | os.PathLike[str]], *, cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Run ``args`` as ``member``'s own account (their home, so their own identity), from ``cwd``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CASEKIT_", "JUPYTERHUB_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env["CASEKIT_WORKSPACE"] = str(cwd)
    return subprocess.run(
        ["runuser", "-u", member, "--", *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd
    )


_MAKE_CASE = """\
import datetime, sys
from casekit.store import CaseStore
from tests.fictional import session_case
case = session_case(sys.argv[2])
case.consultation_consent.date = datetime.date(2026, 2, 2)  # the gate needs the day consent was asked
with CaseStore.open(sys.argv[1]) as store:
    store.create(case, author=store.person.username)
"""


def presenter_makes_case(group: Group, presenter: str) -> str:
    """The presenter, as her own account, puts a fictional case in the group's store: it is sealed with
    a key only she holds (her identity is made in her home on first use); return its id."""
    made = as_member(presenter, [sys.executable, "-c", _MAKE_CASE, group.db_url, CASE_ID], cwd=ROOT)
    assert made.returncode == 0, made.stderr
    return CASE_ID


def presenter_shares_case(workspace: Path, presenter: str, members: Sequence[str]) -> str:
    """The presenter, as her own account from her own workspace, shares the case's reviewed,
    de-identified snapshot for the session with ``members`` (``casekit case share``); return its id."""
    recipients = [arg for member in members for arg in ("--to", member)]
    shared = as_member(
        presenter,
        [CASEKIT, "case", "share", CASE_ID, *recipients, "--session", SESSION_DATE.isoformat()],
        cwd=workspace,
    )
    assert shared.returncode == 0, shared.stdout + shared.stderr
    return shared.stdout


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
