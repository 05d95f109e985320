"""The group deployment without starting a Hub: its config, a member's workspace, and the README.

The README's commands, the systemd unit and .ci/run must say what the Hub tests do, so an
administrator following the README gets the deployment the tests exercise.
"""

from __future__ import annotations

import importlib.util
import re
import runpy
import stat
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from casekit import layout
from casekit.store import CaseStore
from tests.browser_harness import ROOT
from tests.hub.hub_harness import CONFIG, HUB_COMMAND

UNIT = ROOT / "deploy" / "jupyterhub" / "casekit-hub.service"
STORE = "postgresql://casekit_group:fictional-password@127.0.0.1/casekit_group"


def _readme_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Running casekit for a group (JupyterHub)")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def _load_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> Any:
    from traitlets.config import Config

    monkeypatch.delenv("CASEKIT_GROUP_KEY", raising=False)
    settings = {"CASEKIT_DB_URL": STORE, "CASEKIT_HUB_STATE": str(tmp_path / "s")}
    for name, value in {**settings, **env}.items():
        monkeypatch.setenv(name, value)
    config = Config()
    runpy.run_path(str(CONFIG), init_globals={"get_config": lambda: config})
    return config


def _singleuser() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "casekit_singleuser", CONFIG.with_name("casekit_singleuser.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_config_logs_members_in_with_pam_and_starts_their_own_servers_on_the_home_page(monkeypatch, tmp_path):
    """Does the config use the accounts' own passwords (PAM, the casekit group only), start each
    member's server as that member, land on the home page, and keep the Hub's sqlite in its own folder?"""
    c = _load_config(monkeypatch, tmp_path)
    assert c.JupyterHub.authenticator_class == "pam"
    assert c.PAMAuthenticator.allowed_groups == {"casekit"}
    assert c.JupyterHub.spawner_class == "localprocess"
    assert c.Spawner.default_url == f"/voila/render/{layout.home_path(Path()).as_posix()}"
    assert c.JupyterHub.db_url == f"sqlite:///{tmp_path / 's' / 'jupyterhub.sqlite'}"
    assert stat.S_IMODE((tmp_path / "s").stat().st_mode) == 0o700
    assert c.Spawner.environment["CASEKIT_DB_URL"] == STORE
    assert not any("KEY" in name for name in c.Spawner.environment)  # no group key for anyone
    assert c.Spawner.cmd[-1] == str(CONFIG.with_name("casekit_singleuser.py"))


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"CASEKIT_DB_URL": "sqlite:///cases.db"}, "CASEKIT_DB_URL must be the group's PostgreSQL store"),
        ({"CASEKIT_GROUP_KEY": "/etc/casekit/identifiers.key"}, "the Hub gives members no shared key"),
    ],
)
def test_config_refuses_a_store_that_is_not_shared_or_a_group_key(monkeypatch, tmp_path, capsys, env, says):
    """Does the Hub refuse to start, in one line naming the setting, without a shared store, or when
    told to hand every member one group key (each member has their own key pair instead)?"""
    with pytest.raises(SystemExit):
        _load_config(monkeypatch, tmp_path, **env)
    err = capsys.readouterr().err.strip()
    assert says in err and len(err.splitlines()) == 1


def test_a_member_joins_the_group_store_in_a_private_workspace(tmp_path):
    """Does a member's first start make a workspace only they can open, naming the group's store and
    holding no key of any kind, and is a second start a no-op?"""
    join = _singleuser().join_group_workspace
    ws = join(tmp_path / "member" / "casekit", STORE)
    assert stat.S_IMODE(ws.root.stat().st_mode) == 0o700
    assert tomllib.loads(ws.config_path.read_text())["store"]["url"] == STORE
    assert stat.S_IMODE(ws.config_path.stat().st_mode) == 0o600
    assert not ws.key_path.exists()
    assert ws.runs_dir.is_dir() and ws.exports_dir.is_dir()
    assert join(ws.root, STORE).root == ws.root


def test_a_member_workspace_on_another_store_is_refused(tmp_path):
    """Does a member's server refuse to start on a workspace that names another store, saying which file?"""
    from casekit.errors import WorkspaceError

    module = _singleuser()
    ws = module.join_group_workspace(tmp_path / "casekit", STORE)
    with pytest.raises(WorkspaceError, match=re.escape(str(ws.config_path))):
        module.join_group_workspace(ws.root, STORE.replace("casekit_group", "other_group"))


def test_a_member_server_makes_and_registers_their_own_key(monkeypatch, tmp_path):
    """Does a member's first start make the member's own identity (owner-only, in their home) and
    register its public key in a people-access store, and say so in one line for the Hub's log?"""
    from casekit.access import actions
    from casekit.access.keys import Holder, fingerprint
    from casekit.workspace import Workspace

    ws = Workspace.create(tmp_path / "group")
    lead = Holder.from_file("lead-a", tmp_path / "lead" / "identity")
    with CaseStore.open(ws.db_url(), person=lead) as store:
        actions.enable(store)
    with CaseStore.open(ws.db_url(), person=lead):  # the administrator enrols first: the privacy lead
        pass
    identity = tmp_path / "home" / ".casekit" / "identity"
    monkeypatch.setenv("CASEKIT_IDENTITY", str(identity))
    monkeypatch.setenv("JUPYTERHUB_USER", "member-b")  # as the Hub starts her server
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "a-fictional-token")
    said = _singleuser().register_member(ws)
    assert stat.S_IMODE(identity.stat().st_mode) == 0o600
    me = Holder.from_file("member-b", identity, create=False)
    fp = fingerprint(me.public_key)
    assert said == (
        f"member-b: registered as member; public key {me.public_key}; fingerprint {fp}, pending: the "
        f"privacy lead compares it with the member and runs "
        f"`casekit people approve member-b --fingerprint {fp}`"
    )
    with CaseStore.open(ws.db_url(), person=lead) as store:
        assert {p.username: p.public_key for p in actions.list_people(store)}["member-b"] == me.public_key


def test_a_member_server_refuses_a_store_with_one_shared_key(tmp_path):
    """Does a member's server refuse, in one line naming the README, a store that is not people access?"""
    from casekit.errors import ConfigError
    from casekit.workspace import Workspace

    ws = Workspace.create(tmp_path / "group")
    with pytest.raises(ConfigError, match="needs a people-access store"):
        _singleuser().register_member(ws)


def test_readme_starts_the_hub_with_the_command_and_config_the_tests_use():
    """Does the README start the Hub with the same command and config file as the Hub tests, and is
    that config file in the repository?"""
    section = _readme_section()
    assert f".venv/bin/{' '.join(HUB_COMMAND)}" in section
    [config] = set(re.findall(r"jupyterhub -f (\S+)", section))
    assert (ROOT / config).resolve() == CONFIG


def test_systemd_unit_starts_the_same_hub_with_the_readme_settings_file():
    """Does the systemd unit run the README's command with the settings file the README writes?"""
    unit = UNIT.read_text(encoding="utf-8")
    section = _readme_section()
    [exec_start] = re.findall(r"^ExecStart=(.+)$", unit, re.MULTILINE)
    [env_file] = re.findall(r"^EnvironmentFile=(.+)$", unit, re.MULTILINE)
    assert exec_start.endswith(" ".join(HUB_COMMAND))
    assert f"cat > {env_file} " in section
    assert "deploy/jupyterhub/casekit-hub.service" in section


def test_readme_documents_every_setting_the_config_reads():
    """Does the README's settings table name every environment setting the config reads, and does its
    settings file set only settings the config reads?"""
    read = set(re.findall(r'environ\.get\("(CASEKIT_\w+)"', CONFIG.read_text(encoding="utf-8")))
    section = _readme_section()
    documented = set(re.findall(r"^\| `(CASEKIT_\w+)`", section, re.MULTILINE))
    assert read and documented == read
    env_block = section[section.index("<<'SETTINGS'") : section.index("\nSETTINGS\n")]
    assert set(re.findall(r"^(CASEKIT_\w+)=", env_block, re.MULTILINE)) <= read


def test_readme_accounts_and_proxy_match_what_ci_sets_up():
    """Do the README's commands for members' accounts and for configurable-http-proxy match .ci/run's
    (same account options and group, same proxy version), so CI tests what the README tells people?"""
    section = _readme_section()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    [version] = re.findall(r"^chp_version=(\S+)$", ci, re.MULTILINE)
    assert f"configurable-http-proxy@{version}" in section
    for command in ("useradd --create-home --shell /bin/bash", "usermod -aG casekit", "groupadd casekit"):
        assert command in section and command in ci
