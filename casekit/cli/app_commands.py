"""``casekit app [WORKSPACE]``: the workspace's home page in the browser, with no code anywhere.

The home workbook (``notebooks/home.ipynb``) is copied to ``runs/organisation/home-live.ipynb`` (see
:func:`casekit.layout.home_path`) with the workspace path injected, by the same
:func:`~casekit.workbooks.live_copy.prepare_workbook` and :func:`~casekit.cli.open_commands.serve`
that ``casekit open`` and ``casekit audit open`` use. As an app, Voila serves the whole workspace
folder, so the home page's links to each case's formulation page work; casekit prints the home
page's address and opens it.
With ``--lab`` it opens in JupyterLab, which prints its own address (with its access token).
"""

from __future__ import annotations

import click

from casekit.cli import _context
from casekit.cli.open_commands import Serving, serve
from casekit.workbooks.live_copy import prepare_workbook


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@click.command("app", context_settings={"ignore_unknown_options": True})
@click.argument("workspace", required=False, type=click.Path(file_okay=False))
@click.option("--lab", is_flag=True, help="Open the home page in JupyterLab instead of as an app.")
@click.option("--port", type=click.IntRange(1, 65535), help="Port to serve on (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Do not open a browser window (for servers).")
@click.option("--prepare-only", is_flag=True, help="Only write the home page into runs/ and print its path.")
@click.argument("server_args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def app(
    ctx: click.Context,
    workspace: str | None,
    lab: bool,
    port: int | None,
    no_browser: bool,
    prepare_only: bool,
    server_args: tuple[str, ...],
) -> None:
    """Open your cases' home page: find a case, open its form, run a review, export a handout.

    WORKSPACE is the workspace folder (default: the current folder, or --workspace). The page opens
    as an app with no code; press Ctrl+C here when you are done. Anything after `--` is passed to
    the server, e.g. `casekit app --no-browser --port 8866 -- --Voila.ip=0.0.0.0`.
    """
    from casekit import layout
    from casekit.resources import notebooks_dir
    from casekit.widgets.home import NOTEBOOK_NAME

    if workspace and workspace.startswith("-"):  # `casekit app -- --opt`: a server option, not a folder
        workspace, server_args = None, (workspace, *server_args)
    if workspace:
        ctx.find_root().obj["workspace"] = workspace
    ws = _context.workspace(ctx)
    notebook = prepare_workbook(
        notebooks_dir() / NOTEBOOK_NAME,
        {"workspace": str(ws.root)},
        layout.home_path(ws.root),
        what="the home page",
    )
    if prepare_only:
        click.echo(str(notebook))
        return
    if lab:
        serve(ctx, ws, notebook, Serving(False, port, no_browser, False, server_args))
        return
    port = port or _free_port()
    page = notebook.relative_to(ws.root).as_posix()
    serve(
        ctx,
        ws,
        ws.root,  # the folder: Voila then also serves each case's formulation page
        Serving(True, port, no_browser, False, ("--Voila.port_retries=0", *server_args)),
        address=f"http://localhost:{port}/voila/render/{page}",
    )
