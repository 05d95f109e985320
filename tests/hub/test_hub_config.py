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

    key = tmp_path / "identifiers.key"
    key.write_bytes(b"a fictional key")
    key.chmod(0o640)
    settings = {
        "CASEKIT_DB_URL": STORE,
        "CASEKIT_GROUP_KEY": str(key),
        "CASEKIT_HUB_STATE": str(tmp_path / "s"),
    }
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
    assert c.Spawner.cmd[-1] == str(CONFIG.with_name("casekit_singleuser.py"))


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"CASEKIT_DB_URL": "sqlite:///cases.db"}, "CASEKIT_DB_URL must be the group's PostgreSQL store"),
        ({"CASEKIT_GROUP_KEY": "/nonexistent/identifiers.key"}, "the group's key file is missing"),
    ],
)
def test_config_refuses_a_store_that_is_not_shared_or_a_missing_key(monkeypatch, tmp_path, capsys, env, says):
    """Does the Hub refuse to start, in one line naming the setting, without a shared store or a key?"""
    with pytest.raises(SystemExit):
        _load_config(monkeypatch, tmp_path, **env)
    err = capsys.readouterr().err.strip()
    assert says in err and len(err.splitlines()) == 1


def test_config_refuses_a_key_anyone_can_read(monkeypatch, tmp_path, capsys):
    """Does the Hub refuse a group key that every account on the machine can read?"""
    key = tmp_path / "open.key"
    key.write_bytes(b"a fictional key")
    key.chmod(0o644)
    with pytest.raises(SystemExit):
        _load_config(monkeypatch, tmp_path, CASEKIT_GROUP_KEY=str(key))
    assert f"chmod 640 {key}" in capsys.readouterr().err


def test_a_member_joins_the_group_store_in_a_private_workspace(tmp_path):
    """Does a member's first start make a workspace only they can open, naming the group's store and
    holding an owner-only copy of the group's key, and is a second start a no-op?"""
    join = _singleuser().join_group_workspace
    key = tmp_path / "group.key"
    key.write_bytes(b"a fictional key")
    ws = join(tmp_path / "member" / "casekit", STORE, key)
    assert stat.S_IMODE(ws.root.stat().st_mode) == 0o700
    assert tomllib.loads(ws.config_path.read_text())["store"]["url"] == STORE
    assert stat.S_IMODE(ws.config_path.stat().st_mode) == 0o600
    assert ws.key_path.read_bytes() == key.read_bytes() and stat.S_IMODE(ws.key_path.stat().st_mode) == 0o600
    assert ws.runs_dir.is_dir() and ws.exports_dir.is_dir()
    assert join(ws.root, STORE, key).root == ws.root


def test_a_member_workspace_on_another_store_is_refused(tmp_path):
    """Does a member's server refuse to start on a workspace that names another store, saying which file?"""
    from casekit.errors import WorkspaceError

    module = _singleuser()
    key = tmp_path / "group.key"
    key.write_bytes(b"a fictional key")
    ws = module.join_group_workspace(tmp_path / "casekit", STORE, key)
    with pytest.raises(WorkspaceError, match=re.escape(str(ws.config_path))):
        module.join_group_workspace(ws.root, STORE.replace("casekit_group", "other_group"), key)


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
