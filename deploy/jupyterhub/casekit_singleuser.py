"""Start one member's own server under JupyterHub, as that member (the Hub's ``Spawner.cmd``).

Before the single-user server starts, as the member's own account:

1. ``~/casekit`` (``CASEKIT_HUB_WORKSPACE``, under the member's home) is made the member's workspace
   on the group's shared store, if it is not one yet (:func:`join_group_workspace`): its
   ``casekit.toml`` names the group's PostgreSQL store. No key is copied in: the group's store is a
   people-access store, and each member reads with their own key pair.
2. The store is opened once as the member (:func:`register_member`): the first time, this makes the
   member's own identity in their home (``~/.casekit/identity``, mode 0600, never copied anywhere)
   and registers its public half in the store, pending until the privacy lead approves it; the
   public key and its fingerprint are written to the Hub's log, for the privacy lead to compare with
   the member and ``casekit people list`` before ``casekit people approve``. A wrong address, or a
   store that still uses one shared key, stops here with one line in the Hub's log instead of on the
   member's page.
3. The home page is written where ``casekit app`` writes it, and the server starts in the workspace,
   where the Hub's default address (the home page as an app) finds it.

The store's address then comes from the workspace's ``casekit.toml`` only: ``CASEKIT_DB_URL`` is
taken out of the environment before the server (and so every kernel) starts.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from casekit import layout
from casekit.errors import CasekitError, ConfigError, WorkspaceError
from casekit.workspace import CONFIG_NAME, WORKSPACE_FORMAT, Workspace


def _config_text(db_url: str) -> str:
    # json.dumps gives a valid TOML basic string for the URL.
    return (
        "# casekit workspace settings, written by the group's JupyterHub.\n"
        f"[workspace]\nformat = {WORKSPACE_FORMAT}\n\n"
        "[store]\n# The group's shared store (the Hub's CASEKIT_DB_URL).\n"
        f"url = {json.dumps(db_url)}\n"
    )


def join_group_workspace(root: Path, db_url: str) -> Workspace:
    """Make ``root`` a workspace on the group's store, or check that it already is one.

    Parameters
    ----------
    root
        The member's workspace folder (created if missing).
    db_url
        The group's store.

    Raises
    ------
    WorkspaceError
        If ``root`` is a workspace on another store.
    """
    ws = Workspace(root)
    if ws.config_path.exists():
        if Workspace.find(root).db_url() != db_url:
            raise WorkspaceError(
                f"{ws.config_path}: names another store than the group's; move the folder aside "
                f"and log in again, or ask the administrator"
            )
        return ws
    ws.root.mkdir(mode=0o700, parents=True, exist_ok=True)  # other members' accounts cannot look in
    for folder in (ws.runs_dir, ws.exports_dir, ws.instruments_dir):
        folder.mkdir(exist_ok=True)
    ws.private_dir.mkdir(mode=0o700, exist_ok=True)
    settings = ws.root / f".{CONFIG_NAME}.new"
    settings.write_text(_config_text(db_url), encoding="utf-8")
    settings.chmod(0o600)  # it holds the store's password
    settings.replace(ws.config_path)
    return ws


def register_member(ws: Workspace) -> str:
    """Open the group's store as the member, registering their own public key the first time.

    Returns
    -------
    str
        One line for the Hub's log: who the member is, their public key, and their standing.

    Raises
    ------
    ConfigError
        If the store uses one shared key instead of people access.
    """
    from casekit.access import actions

    with ws.open_store() as store:
        if store.access is None:
            raise ConfigError(
                f"{store.label}: the group's store uses one shared key; the Hub needs a people-access "
                f'store (README, "Running casekit for a group", step 4)'
            )
        me = actions.me(store)
        mine = [p for p in actions.list_people(store) if p.username == me.username]
    if not mine or mine[0].removed_at is not None or mine[0].public_key != me.public_key:
        standing = "NOT registered with this key (removed, or a new key): ask the privacy lead"
    else:
        standing = f"registered as {mine[0].role}"
    said = f"{me.username}: {standing}; public key {me.public_key}"
    if mine and mine[0].public_key == me.public_key and mine[0].key_status != "approved":
        fp = mine[0].fingerprint
        said += (
            f"; fingerprint {fp}, {mine[0].key_status}: the privacy lead compares it with the member and "
            f"runs `casekit people approve {me.username} --fingerprint {fp}`"
        )
    return said


def prepare_home(ws: Workspace) -> Path:
    """Write the home page where ``casekit app`` writes it; return its path."""
    from casekit.resources import notebooks_dir
    from casekit.widgets.home import NOTEBOOK_NAME
    from casekit.workbooks.live_copy import prepare_workbook

    return prepare_workbook(
        notebooks_dir() / NOTEBOOK_NAME,
        {"workspace": str(ws.root)},
        layout.home_path(ws.root),
        what="the home page",
    )


def main(argv: list[str]) -> int:
    """Set up the member's workspace and home page, then become ``jupyterhub-singleuser``."""
    env = os.environ
    root = Path.home() / env.get("CASEKIT_HUB_WORKSPACE", "casekit")
    try:
        ws = join_group_workspace(root, env.pop("CASEKIT_DB_URL", ""))
        print(f"casekit: {register_member(ws)}", file=sys.stderr)  # noqa: T201 - into the Hub's log
        prepare_home(ws)
    except CasekitError as exc:
        print(f"casekit: {exc.message}", file=sys.stderr)  # noqa: T201 - into the Hub's log
        return 1
    env["CASEKIT_WORKSPACE"] = str(ws.root)
    server = Path(sys.executable).with_name("jupyterhub-singleuser")
    os.chdir(ws.root)
    os.execv(server, [str(server), *argv, f"--ServerApp.root_dir={ws.root}"])
    return 0  # not reached: execv replaces this process


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
