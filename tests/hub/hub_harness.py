"""A real JupyterHub for tests: deploy/jupyterhub's config, real local accounts, real member servers.

:class:`Hub` starts ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`` (the README's command)
as root on free ports, with the group's store and key in the environment as the administrator's
environment file would give them, and stops it by its own process id; the Hub stops the members'
servers and its proxy itself, and any it leaves behind are ended by their own ids.

:func:`hub_skip_reason` says why these tests cannot run here; in CI (``CI`` set) it never skips.
"""

from __future__ import annotations

import contextlib
import grp
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from tests.browser_harness import ROOT, browser_skip_reason, free_port
from tests.waiting import wait_until

#: The README's command that starts the Hub (tests/hub/test_hub_readme.py checks the README has it).
HUB_COMMAND = ("jupyterhub", "-f", "deploy/jupyterhub/jupyterhub_config.py")
CONFIG = ROOT / HUB_COMMAND[2]
PROXY = ROOT / ".cache" / "npm" / "node_modules" / ".bin" / "configurable-http-proxy"
#: The fictional members .ci/run makes: the presenter first.
MEMBERS = ("ck-presenter", "ck-member1", "ck-member2")
GROUP = "casekit"


def password(member: str) -> str:
    """The test password .ci/run gives a fictional member's account."""
    return f"fictional-{member}-2026"


def hub_skip_reason() -> str | None:
    """Why the Hub tests cannot run here (None if they can). In CI they must run: never skip there."""
    if os.environ.get("CI"):
        return None
    reason = browser_skip_reason()
    if reason:
        return reason
    if os.geteuid() != 0:
        return "the Hub must run as root to start each member's server as them; CI runs these tests"
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        return "jupyterhub is not installed (python3 dev.py test installs it); CI runs these tests"
    if not PROXY.exists():
        return "configurable-http-proxy is missing (see .ci/run: npm install --prefix .cache/npm ...)"
    try:
        members = set(grp.getgrnam(GROUP).gr_mem)
        for member in MEMBERS:
            pwd.getpwnam(member)
    except KeyError:
        return "the fictional members' accounts are missing (.ci/run makes them); CI runs these tests"
    if not members.issuperset(MEMBERS):
        return f"the fictional members are not all in the {GROUP} group (.ci/run puts them there)"
    return None


class Hub:
    """``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`` on free ports, run as root.

    Parameters
    ----------
    home
        A folder for the Hub's state (its sqlite database, cookie secret, log), owner-only.
    db_url
        The group's PostgreSQL store.
    """

    def __init__(self, home: Path, db_url: str) -> None:
        self.home = home
        self.port, self.hub_port, self.api_port = free_port(), free_port(), free_port()
        self.proxy_token = uuid.uuid4().hex
        #: Each member's workspace folder name under their home, new for each Hub so no run sees another's.
        self.workspace_name = f"casekit-hubtest-{uuid.uuid4().hex[:8]}"
        self.env = {
            **os.environ,
            "CASEKIT_DB_URL": db_url,
            "CASEKIT_HUB_STATE": str(home / "state"),
            "CASEKIT_HUB_GROUP": GROUP,
            "CASEKIT_HUB_WORKSPACE": self.workspace_name,
            "CONFIGPROXY_AUTH_TOKEN": self.proxy_token,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        self.log = home / "hub.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.server_procs: list[Any] = []  # psutil.Process of each member's server seen

    @property
    def url(self) -> str:
        """The Hub's public address."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 180.0) -> Hub:
        """Start the Hub and wait until its health check answers."""
        hub = Path(sys.executable).with_name(HUB_COMMAND[0])
        cmd = [
            str(hub),
            *HUB_COMMAND[1:],
            f"--JupyterHub.bind_url={self.url}",
            f"--JupyterHub.hub_bind_url=http://127.0.0.1:{self.hub_port}",
            f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{self.api_port}",
        ]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                cmd, stdout=log, stderr=subprocess.STDOUT, env=self.env, cwd=ROOT, start_new_session=True
            )
        try:
            wait_until(self._healthy, timeout=timeout, what=f"the Hub to answer (see {self.log})", poll=0.3)
        except AssertionError:
            self.stop()
            raise
        return self

    def _healthy(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise RuntimeError(f"the Hub exited early ({self.proc.returncode}); see {self.log}")
        try:
            with urllib.request.urlopen(f"{self.url}/hub/health", timeout=5) as answer:
                return answer.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def routes(self) -> dict[str, Any]:
        """The proxy's routing table (``/user/NAME`` -> that member's server)."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.api_port}/api/routes",
            headers={"Authorization": f"token {self.proxy_token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read())

    def server_process(self, member: str) -> Any:
        """The process (a ``psutil.Process``) serving ``member``'s pages, found by the port it listens on."""
        import psutil

        target = self.routes()[f"/user/{member}"]["target"]
        port = int(target.rsplit(":", 1)[1].strip("/"))
        for conn in psutil.net_connections(kind="tcp"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port and conn.pid:
                proc = psutil.Process(conn.pid)
                self.server_procs.append(proc)
                return proc
        raise AssertionError(f"nothing listens on port {port}, where the proxy sends {member}'s pages")

    def workspace(self, member: str) -> Path:
        """``member``'s workspace under their home."""
        return Path(pwd.getpwnam(member).pw_dir) / self.workspace_name

    def stop(self) -> None:
        """Stop the Hub (it stops the members' servers and its proxy), then anything it left behind."""
        if self.proc is not None:
            for sig, wait in ((signal.SIGTERM, 60), (signal.SIGKILL, 10)):
                with contextlib.suppress(ProcessLookupError):
                    self.proc.send_signal(sig)
                try:
                    self.proc.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
            self.proc = None
        self._end_leftovers()
        if self.log.exists():  # kept for a failure's report: the home folder goes with the test
            out = ROOT / "test-artifacts" / "hub"
            out.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.log, out / "hub.log")
        for member in MEMBERS:
            shutil.rmtree(self.workspace(member), ignore_errors=True)

    def _end_leftovers(self) -> None:
        """End member servers and the proxy this Hub started, if still running (checked by psutil
        against pid reuse), with their own process groups (each was started in a session of its own)."""
        import psutil

        left = [proc for proc in self.server_procs if proc.is_running()]
        pid_file = self.home / "state" / "jupyterhub-proxy.pid"
        with contextlib.suppress(OSError, ValueError, psutil.Error):
            proxy = psutil.Process(int(pid_file.read_text().strip()))
            if f"--api-port {self.api_port}" in " ".join(proxy.cmdline()):
                left.append(proxy)
        for proc in left:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)  # a session leader: its group id is its pid

    def __enter__(self) -> Hub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
