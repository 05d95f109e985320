"""Real JupyterLab and Voila servers for browser tests, started through `casekit open` (or any other
casekit command that opens a workbook live, such as `casekit audit open`).

Each server runs in its own process session with isolated Jupyter config, runtime and settings
folders, and is stopped by signalling that session (the casekit process, the server and its
kernels), never by process name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from casekit import layout
from tests.browser_harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    browser_skip_reason,
    free_port,
    isolated_jupyter_env,
    listening,
)
from tests.waiting import wait_until

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "Server", "browser_skip_reason", "free_port"]


class Server:
    """A `casekit open` process serving one case's workbook with JupyterLab or Voila.

    ``command`` and ``notebook`` serve another workbook instead: the casekit sub-command that opens
    it (e.g. ``("audit", "open")``) and the notebook's path under the workspace (for JupyterLab).
    ``app_flag=False`` leaves out ``--app`` for a command that serves an app by default (``casekit app``).
    """

    def __init__(
        self,
        workspace: Path,
        case_id: str,
        home: Path,
        *,
        app: bool,
        command: Sequence[str] | None = None,
        notebook: str | None = None,
        app_flag: bool = True,
    ) -> None:
        self.workspace, self.case_id, self.app = workspace, case_id, app
        self.app_flag = app_flag
        self.command = list(command) if command is not None else ["open", case_id]
        self.notebook = notebook or layout.live_path(Path(), "case-formulation", case_id).as_posix()
        self.home = home
        home.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.log = home / f"{'voila' if app else 'lab'}-{self.port}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Where the workbook is served."""
        if self.app:
            return f"http://127.0.0.1:{self.port}/"
        return f"http://127.0.0.1:{self.port}/lab/tree/{self.notebook}"

    def _env(self) -> dict[str, str]:
        return isolated_jupyter_env(self.home)

    def start(self, timeout: float = 90.0) -> Server:
        """Start the server and wait until its port answers."""
        if self.app:
            extra = ["--Voila.ip=127.0.0.1", "--show_tracebacks=False"]
        else:
            extra = [
                "--ServerApp.ip=127.0.0.1",
                "--IdentityProvider.token=",
                "--ServerApp.password=",
                "--ServerApp.disable_check_xsrf=True",
                "--LabApp.expose_app_in_browser=True",
                "--LabApp.news_url=",
            ]
        cmd = [
            sys.executable,
            "-c",
            "from casekit.cli import main; main()",
            "--workspace",
            str(self.workspace),
            *self.command,
            "--no-browser",
            f"--port={self.port}",
            *(["--app"] if self.app and self.app_flag else []),
            "--",
            *extra,
        ]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                cmd, stdout=log, stderr=subprocess.STDOUT, env=self._env(), start_new_session=True
            )
        try:
            wait_until(
                lambda: listening(self.proc, self.port, f"the server (see {self.log})"),
                timeout=timeout,
                what=f"the server to answer on port {self.port} (see {self.log})",
                poll=0.2,
            )
        except AssertionError as exc:
            self.stop()
            raise RuntimeError(str(exc)) from None
        return self

    def stop(self) -> None:
        """Stop the server, its kernels and the casekit process (their session), by process group id."""
        if self.proc is None:
            return
        pgid = self.proc.pid  # start_new_session: the group id is the casekit process's pid
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, sig)
            try:
                self.proc.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue
        # Kernels may outlive the server by a moment; make sure nothing of the group is left.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        self.proc = None
        # A killed server's listening socket closes only once the process has ended; until then a
        # start() on the same port would find the old server answering and return at once.
        wait_until(
            lambda: not listening(None, self.port, "the old server"),
            timeout=30,
            what=f"the stopped server to let go of port {self.port}",
        )


def copy_artifacts_dir() -> Path:
    """``test-artifacts/widgets`` in the repository (gitignored), created if needed."""
    out = Path.cwd() / "test-artifacts" / "widgets"
    out.mkdir(parents=True, exist_ok=True)
    return out


def clean(path: Path) -> None:
    """Remove a folder tree if it exists."""
    shutil.rmtree(path, ignore_errors=True)
