"""`casekit log verify / show / export`, as the group's privacy lead would use them."""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest

from casekit.workspace import Workspace


@pytest.fixture
def member(monkeypatch: pytest.MonkeyPatch) -> str:
    """Act as a member signed in to JupyterHub."""
    monkeypatch.setenv("JUPYTERHUB_USER", "amara.okafor")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "test-token")
    return "amara.okafor"


def _tamper(workspace: Workspace, sql: str) -> None:
    """Edit the store's log directly, with its append-only triggers dropped first."""
    conn = sqlite3.connect(workspace.db_path)
    try:
        for verb in ("update", "delete"):
            conn.execute(f"DROP TRIGGER casekit_access_log_no_{verb}")
        conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def test_verify_says_the_log_is_unbroken_after_ordinary_work(run_cli, member):
    """After a case is shown and restored, does `casekit log verify` exit 0 and count the entries?"""
    assert run_cli("case", "show", "CK-0101").exit_code == 0
    assert run_cli("case", "restore", "CK-0101", "1").exit_code == 0
    result = run_cli("log", "verify")
    assert result.exit_code == 0, result.output
    assert "unbroken" in result.stdout


@pytest.mark.parametrize(
    ("sql", "seq"),
    [
        ("UPDATE casekit_access_log SET person = 'someone.else' WHERE seq = 2", 2),
        ("DELETE FROM casekit_access_log WHERE seq = 3", 3),
    ],
    ids=["changed", "deleted"],
)
def test_verify_names_the_first_bad_entry_and_exits_8(run_cli, workspace: Workspace, sql: str, seq: int):
    """If an entry is edited or removed behind casekit's back, does verify exit 9 with one line that
    names that entry's number?"""
    _tamper(workspace, sql)
    result = run_cli("log", "verify")
    assert result.exit_code == 9
    assert result.stderr.count("\n") == 1
    assert f"broken at entry {seq}:" in result.stderr


def test_show_filters_by_case_and_person(run_cli, member):
    """Does `casekit log show --case` list only that case's entries, each with the signed-in person?"""
    run_cli("case", "show", "CK-0102")
    lines = run_cli("log", "show", "--case", "CK-0102", "--person", member).stdout.splitlines()
    assert lines and all(line.split("\t")[2] == member for line in lines)
    assert all(line.split("\t")[5] == "CK-0102" for line in lines)
    assert [line.split("\t")[4] for line in lines] == ["decrypted"]


def test_show_refuses_a_since_that_is_not_a_date(run_cli):
    """Is `--since yesterday` refused with one line saying how to write the date?"""
    result = run_cli("log", "show", "--since", "yesterday")
    assert result.exit_code == 1 and "YYYY-MM-DD" in result.stderr


def test_export_writes_csv_or_json_and_is_itself_logged(run_cli, workspace: Workspace, tmp_path, member):
    """Do `log export --csv` and `--json` write every entry, and is each export recorded in the log?"""
    out_csv, out_json = tmp_path / "log.csv", tmp_path / "log.json"
    assert run_cli("log", "export", "--csv", str(out_csv)).exit_code == 0
    assert run_cli("log", "export", "--json", str(out_json)).exit_code == 0
    rows = list(csv.DictReader(out_csv.read_text(encoding="utf-8").splitlines()))
    entries = json.loads(out_json.read_text(encoding="utf-8"))
    assert len(entries) == len(rows) + 1  # the CSV export itself is entry number len(rows) + 1
    assert entries[-1]["action"] == "log-exported" and entries[-1]["person"] == member
    assert entries[-1]["detail"] == f"csv,entries={len(rows)}"


def test_export_needs_exactly_one_format(run_cli, tmp_path):
    """Is `log export` with neither or both of --csv and --json a usage error (exit 2)?"""
    assert run_cli("log", "export").exit_code == 2
    both = run_cli("log", "export", "--csv", str(tmp_path / "a"), "--json", str(tmp_path / "b"))
    assert both.exit_code == 2


def test_history_shows_the_person_beside_the_alias_and_author_cannot_set_it(run_cli, member):
    """Does `case history` show the signed-in person beside the alias given with --author, and is
    there no option to type the person?"""
    assert run_cli("case", "restore", "CK-0101", "1", "--author", "kofi.mensah").exit_code == 0
    last = run_cli("case", "history", "CK-0101").stdout.splitlines()[-1]
    assert f"kofi.mensah ({member})" in last
    assert run_cli("case", "restore", "CK-0101", "1", "--person", "kofi.mensah").exit_code == 2
