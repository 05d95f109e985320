"""The people-access commands: do they work for the right person, and refuse the others in one line
with the README's exit codes?"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from casekit.cli import cli
from casekit.errors import AccessDeniedError, CaseNotFoundError
from casekit.workspace import Workspace

CASE = "CK-0412"


@pytest.fixture
def run_as(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run ``casekit`` in a new workspace as a named hub user with their own identity file."""
    for name in ("CASEKIT_WORKSPACE", "CASEKIT_DB_URL", "CASEKIT_PASSPHRASE", "CASEKIT_IDENTITY"):
        monkeypatch.delenv(name, raising=False)
    ws = Workspace.create(tmp_path / "ws")

    def run(user: str, *args: str) -> Result:
        env = {
            "CASEKIT_WORKSPACE": str(ws.root),
            "JUPYTERHUB_USER": user,
            "JUPYTERHUB_API_TOKEN": "test-token",
            "CASEKIT_IDENTITY": str(tmp_path / "homes" / user / "identity"),
        }
        return CliRunner().invoke(cli, list(args), env=env)

    return run


def _one_line_refusal(result: Result, code: int) -> None:
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("casekit: error: ") and result.stderr.count("\n") == 1


def _approve(run_as, lead: str, user: str) -> None:
    """``user`` reads out the fingerprint `casekit people add` shows; ``lead`` approves that key."""
    said = run_as(user, "people", "add").output
    fingerprint = said.split("fingerprint ")[1].split()[0]
    approved = run_as(lead, "people", "approve", user, "--fingerprint", fingerprint)
    assert approved.exit_code == 0 and f"{user}: key {fingerprint} approved" in approved.output


def test_people_commands_grant_and_refuse_with_the_documented_codes(run_as):
    """Can the owner make a people-access store, add a case and grant its supervisor, while a member is
    refused the case (8), the management of people (8) and an unknown case answers 3?"""
    enabled = run_as("ana", "people", "enable")
    assert enabled.exit_code == 0 and "age1" in enabled.output
    assert run_as("ana", "case", "new", CASE, "--clinician", "Presenter A").exit_code == 0
    for user in ("sam", "mia"):
        added = run_as(user, "people", "add")
        assert added.exit_code == 0 and f"{user}: registered as member" in added.output
    listed = run_as("ana", "people", "list")
    assert [line.split("\t")[:3] for line in listed.output.splitlines()] == [
        ["ana", "privacy-lead", "active"],
        ["mia", "member", "active"],
        ["sam", "member", "active"],
    ]
    _one_line_refusal(run_as("mia", "case", "show", CASE), AccessDeniedError.exit_code)
    _approve(run_as, "ana", "sam")
    assert run_as("ana", "case", "grant", CASE, "--supervisor", "sam").exit_code == 0
    assert run_as("sam", "case", "show", CASE).exit_code == 0
    assert run_as("mia", "case", "holders", CASE).output == "ana\towner\nsam\tsupervisor\n"
    _one_line_refusal(run_as("mia", "people", "remove", "sam"), AccessDeniedError.exit_code)
    _one_line_refusal(run_as("mia", "case", "rotate-key", CASE), AccessDeniedError.exit_code)
    _one_line_refusal(run_as("ana", "case", "rotate-key", "CK-9999"), CaseNotFoundError.exit_code)
    rotated = run_as("ana", "case", "rotate-key", CASE)
    assert rotated.exit_code == 0 and "key version 2" in rotated.output
    revoked = run_as("ana", "case", "revoke", CASE, "--supervisor", "sam")
    assert revoked.exit_code == 0
    _one_line_refusal(run_as("sam", "case", "show", CASE), AccessDeniedError.exit_code)


def test_people_commands_refuse_a_shared_key_store(run_as):
    """On a store that uses one shared key, is `casekit people list` refused in one line (1)?"""
    assert run_as("ana", "case", "new", CASE, "--clinician", "Presenter A").exit_code == 0
    _one_line_refusal(run_as("ana", "people", "enable"), 1)
    _one_line_refusal(run_as("ana", "people", "list"), 1)


def test_a_shared_summary_reaches_the_member_named_and_no_one_else(run_as, tmp_path: Path):
    """After `casekit case share CASE --to mia`, does mia read the de-identified summary with `casekit
    case shared`, while sam is told nothing is shared with him, and a share to an unknown person is
    refused in one line?"""
    from casekit.model import case_to_json
    from tests.fictional import IDENTIFIERS, plain_case

    assert run_as("ana", "people", "enable").exit_code == 0
    for user in ("sam", "mia"):
        assert run_as(user, "people", "add").exit_code == 0
    case_file = tmp_path / "CK-0101.json"
    case_file.write_text(case_to_json(plain_case(), include_identifiers=True), encoding="utf-8")
    imported = run_as("ana", "case", "import", str(case_file), "--author", "Presenter A")
    assert imported.exit_code == 0, imported.output
    _one_line_refusal(run_as("ana", "case", "share", "CK-0101", "--to", "zed", "--session", "2026-03-16"), 1)
    _approve(run_as, "ana", "mia")
    shared = run_as("ana", "case", "share", "CK-0101", "--to", "mia", "--session", "2026-03-16")
    assert shared.exit_code == 0, shared.output
    seen = run_as("mia", "case", "shared")
    assert seen.exit_code == 0 and "case CK-0101, session 2026-03-16, shared by ana" in seen.output
    assert "night-shift baker" in seen.output and IDENTIFIERS.legal_name not in seen.output
    assert run_as("sam", "case", "shared").output == "nothing is shared with you\n"


def test_case_history_shows_aliases_to_the_owner_and_says_they_are_private_to_a_member(run_as):
    """Does `case history` show the owner the alias each revision was saved under, and show a member
    without the key who saved it and a plain note that the alias and note are private?"""
    assert run_as("ana", "people", "enable").exit_code == 0
    assert run_as("ana", "case", "new", CASE, "--clinician", "Presenter A").exit_code == 0
    assert run_as("mia", "people", "add").exit_code == 0
    owner = run_as("ana", "case", "history", CASE)
    assert owner.exit_code == 0 and "\tPresenter A (ana)" in owner.output
    member = run_as("mia", "case", "history", CASE)
    assert member.exit_code == 0, member.output
    [line] = member.output.splitlines()
    assert (
        line.startswith("1\t") and "\tana\t" in line and "private to the case's owner and supervisor" in line
    )
    assert "Presenter A" not in member.output


def test_approve_without_a_fingerprint_shows_the_one_to_compare_and_approves_nothing(run_as):
    """Does `casekit people approve NAME` without --fingerprint show the registered key's fingerprint
    (the one `casekit people list` shows beside "key pending") and leave the key pending?"""
    assert run_as("ana", "people", "enable").exit_code == 0
    said = run_as("sam", "people", "add").output
    fingerprint = said.split("fingerprint ")[1].split()[0]
    assert "your key is pending: read the fingerprint out to the privacy lead" in said
    shown = run_as("ana", "people", "approve", "sam")
    assert shown.exit_code == 1
    assert (
        f"sam: registered key fingerprint {fingerprint}; compare it with the one sam reads out"
        in shown.output
    )
    listed = [line.split("\t")[:5] for line in run_as("ana", "people", "list").output.splitlines()]
    assert ["sam", "member", "active", "key pending", fingerprint] in listed
