"""Start one member's own server under JupyterHub, as that member (the Hub's ``Spawner.cmd``).

Before the single-user server starts, as the member's own account:

1. ``~/casekit`` (``CASEKIT_HUB_WORKSPACE``, under the member's home) is made the member's workspace
   on the group's shared store, if it is not one yet (:func:`join_group_workspace`): its
   ``casekit.toml`` names the group's PostgreSQL store and the group's key is copied in, owner-only.
2. The store is opened once with that key, so a wrong address or key stops here with one line in
   the Hub's log instead of on the member's page.
3. The home page is written where ``casekit app`` writes it, and the server starts in the workspace,
   where the Hub's default address (the home page as an app) finds it.

The store's address then comes from the workspace's ``casekit.toml`` only: ``CASEKIT_DB_URL`` is
taken out of the environment before the server (and so every kernel) starts.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from casekit import layout
from casekit.errors import CasekitError, WorkspaceError
from casekit.workspace import CONFIG_NAME, WORKSPACE_FORMAT, Workspace


def _config_text(db_url: str) -> str:
    # json.dumps gives a valid TOML basic string for the URL.
    return (
        "# casekit workspace settings, written by the group's JupyterHub.\n"
        f"[workspace]\nformat = {WORKSPACE_FORMAT}\n\n"
        "[store]\n# The group's shared store (the Hub's CASEKIT_DB_URL).\n"
        f"url = {json.dumps(db_url)}\n"
    )


def join_group_workspace(root: Path, db_url: str, group_key: Path) -> Workspace:
    """Make ``root`` a workspace on the group's store, or check that it already is one.

    Parameters
    ----------
    root
        The member's workspace folder (created if missing).
    db_url
        The group's store.
    group_key
        The group's key file, copied (owner-only) into the workspace the first time. This is where
        a member's own key will take its place when people have key pairs.

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
    if not ws.key_path.exists():
        shutil.copyfile(group_key, ws.key_path)
        ws.key_path.chmod(0o600)
    settings = ws.root / f".{CONFIG_NAME}.new"
    settings.write_text(_config_text(db_url), encoding="utf-8")
    settings.chmod(0o600)  # it holds the store's password
    settings.replace(ws.config_path)
    return ws


def prepare_home(ws: Workspace) -> Path:
    """Check the store opens with the workspace's key, then write the home page; return its path."""
    from casekit.cli.open_commands import prepare_workbook
    from casekit.resources import notebooks_dir
    from casekit.widgets.home import NOTEBOOK_NAME

    with ws.open_store():
        pass
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
        ws = join_group_workspace(root, env.pop("CASEKIT_DB_URL", ""), Path(env["CASEKIT_GROUP_KEY"]))
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
