"""``casekit open CASE``: open a case's formulation workbook in JupyterLab (or as an app with Voila).

The workbook is copied into the workspace's ``runs/<case>/`` folder (``case-formulation-live.ipynb``,
see :mod:`casekit.layout`) with the case id and workspace path injected by papermill (no execution),
then JupyterLab or Voila is started on it in the foreground. Only the id and the path go into the
notebook; the store URL and passphrase stay in the environment.

:func:`~casekit.workbooks.live_copy.prepare_workbook`, :func:`server_options` and :func:`serve` are the one
prepare-and-serve path
every "open a workbook live" command uses (``casekit open`` here, ``casekit audit open``).
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar

import click

from casekit.cli import _context
from casekit.errors import CaseNotFoundError
from casekit.workbooks.live_copy import prepare_formulation
from casekit.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])


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


@dataclass(frozen=True)
class Serving:
    """What the shared server options asked for; the command receives it as ``serving``."""

    app: bool
    port: int | None
    no_browser: bool
    prepare_only: bool
    server_args: tuple[str, ...]


_SERVING_FIELDS = tuple(field.name for field in fields(Serving))


def server_options(shown: str) -> Callable[[F], F]:
    """The options every open command shares: --app, --port, --no-browser, --prepare-only, `--` args.

    ``shown`` names what ``--app`` serves ("the form"). The command gets them as one :class:`Serving`
    keyword argument ``serving``, to pass on to :func:`serve`.
    """
    options = [
        click.option("--app", is_flag=True, help=f"Serve {shown} as a standalone app with Voila (no code)."),
        click.option("--port", type=click.IntRange(1, 65535), help="Port to serve on."),
        click.option("--no-browser", is_flag=True, help="Do not open a browser window."),
        click.option(
            "--prepare-only", is_flag=True, help="Only write the workbook into runs/ and print its path."
        ),
        click.argument("server_args", nargs=-1, type=click.UNPROCESSED),
    ]

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def with_serving(*args: Any, **kwargs: Any) -> Any:
            serving = Serving(**{name: kwargs.pop(name) for name in _SERVING_FIELDS})
            return command(*args, serving=serving, **kwargs)

        wrapped: Any = with_serving
        for option in reversed(options):  # as if written top to bottom above the command
            wrapped = option(wrapped)
        return wrapped

    return decorate


def serve(
    ctx: click.Context, ws: Workspace, notebook: Path, serving: Serving, *, address: str | None = None
) -> None:
    """Print the prepared ``notebook``'s path (``--prepare-only``), or serve it in the foreground.

    ``notebook`` may be a folder (Voila then serves every workbook in it). With ``address`` (a page
    on the serving port), casekit prints it and opens the browser there itself once the server answers.
    """
    if serving.prepare_only:
        click.echo(str(notebook))
        return
    own_browser = not serving.no_browser and address is None
    cmd = server_command(
        notebook,
        ws.root,
        app=serving.app,
        port=serving.port,
        browser=own_browser,
        extra=serving.server_args,
    )
    shown = "Voila" if serving.app else "JupyterLab"
    click.echo(f"casekit: opening {notebook.name} with {shown} (Ctrl+C to stop)")
    if address is not None:
        click.echo(f"casekit: the page is at {address}")
        if not serving.no_browser and serving.port:
            _open_when_ready(address, serving.port)
    env = dict(os.environ, CASEKIT_WORKSPACE=str(ws.root))
    try:
        code = subprocess.call(cmd, cwd=ws.root, env=env)
    except KeyboardInterrupt:
        code = 0
    ctx.exit(code)


def _open_when_ready(address: str, port: int, timeout: float = 120.0) -> None:
    """Open ``address`` in the browser, from a background thread, once ``port`` answers."""
    import socket
    import threading
    import time
    import webbrowser

    def wait_and_open() -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), 0.5).close()
            except OSError:
                time.sleep(0.3)  # the server is still starting
                continue
            webbrowser.open(address)
            return

    threading.Thread(target=wait_and_open, name="casekit-browser", daemon=True).start()


@click.command("open", context_settings={"ignore_unknown_options": True})
@click.argument("case_id")
@server_options("the form")
@click.pass_context
def open_(ctx: click.Context, case_id: str, serving: Serving) -> None:
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
    notebook = prepare_formulation(ws, case_id)
    serve(ctx, ws, notebook, serving)
