"""``casekit open CASE``: open a case's formulation workbook in JupyterLab (or as an app with Voila).

The workbook is copied into the workspace's ``runs/`` folder with the case id and workspace path
injected by papermill (no execution), then JupyterLab or Voila is started on it in the foreground.
Only the id and the path go into the notebook; the store URL and passphrase stay in the environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from casekit.cli import _context
from casekit.errors import CaseNotFoundError, WorkbookError
from casekit.workspace import Workspace


def prepare_notebook(ws: Workspace, case_id: str) -> Path:
    """Write ``runs/<case>-formulation.ipynb`` with the parameters injected; returns its path.

    Re-running replaces the notebook (the case itself lives in the store, not in the notebook).
    """
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from casekit.fileio import atomic_write
    from casekit.resources import notebooks_dir
    from casekit.widgets.workbook import NOTEBOOK_NAME

    source = notebooks_dir() / NOTEBOOK_NAME
    if not source.is_file():
        raise WorkbookError(f"{source}: the case formulation workbook is missing; reinstall casekit")
    nb = load_notebook_node(str(source))  # adds the metadata papermill expects
    nb = parameterize_notebook(nb, {"case_id": case_id, "workspace": str(ws.root)}, report_mode=False)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.metadata["jupyter"] = {"source_hidden": True}
            cell.metadata["tags"] = [*cell.metadata["tags"], "hide-input"]
    nb.metadata.pop("widgets", None)
    ws.runs_dir.mkdir(exist_ok=True)
    target = ws.runs_dir / f"{case_id}-formulation.ipynb"
    atomic_write(target, nbformat.writes(nb), mode=0o600)
    return target


def server_command(
    notebook: Path, root: Path, *, app: bool, port: int | None, browser: bool, extra: tuple[str, ...]
) -> list[str]:
    """The JupyterLab (or Voila) command line that serves ``notebook``."""
    if app:
        cmd = [sys.executable, "-m", "voila", str(notebook)]
        if port:
            cmd.append(f"--port={port}")
        if not browser:
            cmd.append("--no-browser")
        return [*cmd, *extra]
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        str(notebook.relative_to(root)),
        f"--ServerApp.root_dir={root}",
    ]
    if port:
        cmd.append(f"--ServerApp.port={port}")
    if not browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return [*cmd, *extra]


@click.command("open", context_settings={"ignore_unknown_options": True})
@click.argument("case_id")
@click.option("--app", is_flag=True, help="Serve the form as a standalone app with Voila (no code).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port to serve on.")
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@click.option("--prepare-only", is_flag=True, help="Only write the workbook into runs/ and print its path.")
@click.argument("server_args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def open_(
    ctx: click.Context,
    case_id: str,
    app: bool,
    port: int | None,
    no_browser: bool,
    prepare_only: bool,
    server_args: tuple[str, ...],
) -> None:
    """Open CASE_ID's formulation workbook in JupyterLab (or, with --app, as a Voila app).

    Anything after `--` is passed to the server, e.g. `casekit open CK-0412 -- --ServerApp.ip=0.0.0.0`.
    """
    ws = _context.workspace(ctx)
    with _context.open_store(ctx) as store:
        try:
            store.head(case_id)
        except CaseNotFoundError:
            raise CaseNotFoundError(
                f"case {case_id}: not in this workspace; see `casekit case list` for the case ids"
            ) from None
    notebook = prepare_notebook(ws, case_id)
    if prepare_only:
        click.echo(str(notebook))
        return
    cmd = server_command(notebook, ws.root, app=app, port=port, browser=not no_browser, extra=server_args)
    click.echo(f"casekit: opening {notebook.name} with {'Voila' if app else 'JupyterLab'} (Ctrl+C to stop)")
    env = dict(os.environ, CASEKIT_WORKSPACE=str(ws.root))
    try:
        code = subprocess.call(cmd, cwd=ws.root, env=env)
    except KeyboardInterrupt:
        code = 0
    ctx.exit(code)
