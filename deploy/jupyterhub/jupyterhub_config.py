"""JupyterHub for a casekit group on one server: each member logs in with their own account.

Start it as root (it must start each member's server as that member)::

    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

* **Who may log in**: local accounts in the group ``casekit`` (``CASEKIT_HUB_GROUP``), with their
  own passwords, checked by PAM (:class:`jupyterhub.auth.PAMAuthenticator`).
* **Each member's own server**, started as that member's account
  (:class:`jupyterhub.spawner.LocalProcessSpawner`) by ``casekit_singleuser.py``, which first makes
  sure ``~/casekit`` (``CASEKIT_HUB_WORKSPACE``) is the member's workspace on the group's store.
* **The home page first**: members land on casekit's home page as an app (Voila), not in JupyterLab.
* **One shared store, people access**: the group's PostgreSQL database (``CASEKIT_DB_URL``), written
  into each member's ``casekit.toml``. It is a people-access store: each member's server makes and
  uses the member's own key pair in their home; there is no group key.
* **The Hub's own records** (its sqlite database, cookie secret, proxy pid) live in
  ``CASEKIT_HUB_STATE``, apart from casekit's store.

Settings come from the environment (e.g. a root-only ``EnvironmentFile`` of a systemd unit; see the
README, "Running casekit for a group"). The addresses can be changed on the command line, e.g.
``--JupyterHub.bind_url=http://127.0.0.1:8000``.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: configurable-http-proxy as `npm install --prefix .cache/npm` puts it in the casekit checkout.
LOCAL_PROXY = HERE.parents[1] / ".cache" / "npm" / "node_modules" / ".bin" / "configurable-http-proxy"
#: The page a member lands on: the home page, served as an app by Voila's server extension, at the
#: place `casekit app` writes it (casekit.layout.home_path), relative to the member's workspace.
HOME_URL = "/voila/render/runs/organisation/home-live.ipynb"


def _refuse(message: str) -> None:
    """Stop the Hub with one line saying what to set."""
    print(f"casekit hub: {message}", file=sys.stderr)  # noqa: T201 - the Hub's own console
    sys.exit(1)


def _store_url() -> str:
    url = os.environ.get("CASEKIT_DB_URL", "")
    if not url.startswith(("postgresql://", "postgresql+psycopg://")):
        _refuse(
            "CASEKIT_DB_URL must be the group's PostgreSQL store (postgresql://ROLE:PASSWORD@HOST/DB); "
            "set it in the Hub's environment file"
        )
    return url


def _no_group_key() -> None:
    if os.environ.get("CASEKIT_GROUP_KEY"):
        _refuse(
            "CASEKIT_GROUP_KEY is set, but the Hub gives members no shared key: each member has their "
            "own key pair (people access); remove it from the Hub's environment file and destroy the key"
        )


def _state_dir() -> Path:
    state = Path(os.environ.get("CASEKIT_HUB_STATE", "/var/lib/casekit-hub"))
    state.mkdir(mode=0o700, parents=True, exist_ok=True)
    return state


def _proxy_command() -> list[str]:
    found = os.environ.get("CASEKIT_HUB_PROXY") or (str(LOCAL_PROXY) if LOCAL_PROXY.exists() else "")
    return [found or "configurable-http-proxy"]


c = get_config()  # noqa: F821 - JupyterHub provides get_config() to its config file
state = _state_dir()
group = os.environ.get("CASEKIT_HUB_GROUP", "casekit")
_no_group_key()

# The Hub's own records, apart from casekit's store.
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
c.ConfigurableHTTPProxy.command = _proxy_command()

# The login page with enough colour contrast and a main landmark (templates/login.html).
c.JupyterHub.template_paths = [str(HERE / "templates")]

# Real local accounts: members of the group log in with their own passwords.
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {group}
c.PAMAuthenticator.open_sessions = False  # no login session per page visit (and none in containers)

# Each member's own server, as their own account, starting on the home page.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [sys.executable, str(HERE / "casekit_singleuser.py")]
c.Spawner.default_url = HOME_URL
c.Spawner.environment = {
    "CASEKIT_DB_URL": _store_url(),
    "CASEKIT_HUB_WORKSPACE": os.environ.get("CASEKIT_HUB_WORKSPACE", "casekit"),
}
if os.environ.get("PYTHONPATH"):  # casekit run from a source checkout (as the tests do)
    c.Spawner.env_keep = ["JUPYTERHUB_SINGLEUSER_APP", "PYTHONPATH"]
# A busy server may take a while to start a member's server the first time.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
