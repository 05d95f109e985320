"""A real JupyterLab server and Debian's Chromium for browser tests (shared by any test package).

:class:`LabServer` starts ``jupyter lab`` on a free port in a folder, with isolated Jupyter config,
runtime, settings and IPython folders (no news pop-up, no user configuration), and stops it by its
own process group (the server and its kernels), never by process name.

:func:`browser_skip_reason` says why browser tests cannot run here; in CI (``CI`` set) it never
skips, so a missing Chromium fails loudly there.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.waiting import wait_until

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parents[1]


def browser_skip_reason() -> str | None:
    """Why browser tests cannot run here (None if they can). In CI they must run: never skip there."""
    if os.environ.get("CI"):
        return None
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium); CI installs it and runs these tests"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright); CI runs these tests"
    return None


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(proc: subprocess.Popen[bytes] | None, port: int, what: str) -> bool:
    """Whether a server we started answers on ``port`` yet (raises if its process has already ended)."""
    if proc is not None and proc.poll() is not None:
        raise RuntimeError(f"{what} exited early ({proc.returncode})")
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
        return True
    return False


def isolated_jupyter_env(home: Path) -> dict[str, str]:
    """The environment for a test server: Jupyter and IPython folders of its own under ``home``.

    No user configuration, no news pop-up, no token from the caller, and kernels import this
    checkout's casekit.
    """
    env = dict(os.environ)
    for name, sub in (
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("IPYTHONDIR", "ipython"),
    ):
        path = home / sub
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    news = home / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True, exist_ok=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    # Under load JupyterLab may not have matched the notebook's kernel when it opens, and then asks
    # in a "Select Kernel" dialog that covers the page; starting the preferred kernel is what a
    # person would choose, so the tests' Lab does that without asking.
    tracker = home / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True, exist_ok=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"autoStartDefaultKernel": true}')
    env.pop("JUPYTER_TOKEN", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


class LabServer:
    """``jupyter lab`` serving ``root`` on a free port, with its own Jupyter folders under ``home``.

    Parameters
    ----------
    root
        The folder the server shows (notebooks are opened relative to it).
    home
        A scratch folder for the server's config, runtime, settings and log.
    env
        Extra environment variables for the server and its kernels.
    """

    def __init__(self, root: Path, home: Path, env: dict[str, str] | None = None) -> None:
        self.root, self.home = Path(root), Path(home)
        self.home.mkdir(parents=True, exist_ok=True)
        self.extra_env = dict(env or {})
        self.port = free_port()
        self.log = self.home / f"lab-{self.port}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def url(self, notebook: str) -> str:
        """The JupyterLab address of a notebook under ``root``, in a JupyterLab workspace of its own.

        Two pages on one server share the default workspace, so the second page would reopen the
        first page's notebook too; a workspace per notebook keeps each page on its own notebook.
        """
        name = "".join(ch if ch.isalnum() else "-" for ch in notebook)
        return f"http://127.0.0.1:{self.port}/lab/workspaces/{name}/tree/{notebook}"

    def _env(self) -> dict[str, str]:
        return {**isolated_jupyter_env(self.home), **self.extra_env}

    def start(self, timeout: float = 90.0) -> LabServer:
        """Start the server and wait until its port answers."""
        cmd = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--ServerApp.root_dir={self.root}",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
        ]
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                cmd,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self._env(),
                cwd=self.root,
                start_new_session=True,
            )
        try:
            wait_until(
                lambda: listening(self.proc, self.port, f"jupyter lab (see {self.log})"),
                timeout=timeout,
                what=f"jupyter lab to answer on port {self.port} (see {self.log})",
                poll=0.2,
            )
        except AssertionError as exc:
            self.stop()
            raise RuntimeError(str(exc)) from None
        return self

    def stop(self) -> None:
        """Stop the server and its kernels (its process group), by the group id we started."""
        if self.proc is None:
            return
        pgid = self.proc.pid  # start_new_session: the group id is the server's pid
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, sig)
            try:
                self.proc.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)  # kernels may outlive the server by a moment
        self.proc = None

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def run_all(page: Any, notebook: str, timeout_ms: int = 60_000) -> None:
    """Run every cell of ``notebook`` (open and current in ``page``) once its kernel is ready.

    Uses the JupyterLab command (needs ``expose_app_in_browser``) rather than the menu, whose first
    click is sometimes lost, and checks that the kernel got busy or a cell ran (retrying the command
    if nothing started). It returns once execution has started, not when it ends.
    """
    page.wait_for_function(
        "(path) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
        " return !!(k && k.status === 'idle' && w.context && w.context.path === path); }",
        arg=notebook,
        timeout=timeout_ms,
    )
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.click()
    started = (
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " const k = w.sessionContext.session.kernel;"
        " return k.status !== 'idle' ||"
        " w.content.widgets.some(c => c.model.type === 'code' && c.model.executionCount !== null); }"
    )
    for attempt in range(3):
        # Not awaited: the command's promise settles only when every cell has run.
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        try:
            page.wait_for_function(started, timeout=timeout_ms if attempt == 2 else 10_000)
            return
        except PlaywrightTimeout:  # the command was lost (seen now and then): nothing ran yet, so retry
            if attempt == 2:
                raise
