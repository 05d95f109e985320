"""Cases left to rotate: when the privacy lead removes a person she cannot rotate their cases, so is
each case kept, and shown to its owner, until the owner rotates it?"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from casekit.access import actions
from casekit.store import access_log
from tests.access.conftest import Opener
from tests.fictional import plain_case

CASE, OTHER = "CK-0101", "CK-0412"


def _supervised_by_sam(open_as: Opener) -> None:
    with open_as("ana") as owner:
        for case_id in (CASE, OTHER):
            owner.create(plain_case(case_id), author="Presenter A")
            actions.grant_supervisor(owner, case_id, "sam")


def test_the_owner_sees_each_case_a_removed_person_held_until_she_rotates_it(open_as: Opener):
    """After the privacy lead removes sam, does ana (the owner) see both cases sam held, logged with
    no client text, does a rotation clear that case only, and does a member holding no key see none?"""
    _supervised_by_sam(open_as)
    with open_as("lena") as lead:
        assert actions.remove_person(lead, "sam") == [CASE, OTHER]
        assert actions.pending_rotations(lead) == {}  # she holds no case key
    with open_as("ana") as owner:
        assert actions.pending_rotations(owner) == {CASE: ["sam"], OTHER: ["sam"]}
        needed = [e for e in access_log.entries(owner) if e.action == "rotation-needed"]
        assert [(e.person, e.case_id, e.detail) for e in needed] == [
            ("lena", CASE, "person=sam,key-version=1"),
            ("lena", OTHER, "person=sam,key-version=1"),
        ]
        actions.rotate_key(owner, CASE)
        assert actions.pending_rotations(owner) == {OTHER: ["sam"]}
    with open_as("mia") as member:
        assert actions.pending_rotations(member) == {}


def test_pending_rotations_command_names_the_case_and_the_fix(
    open_as: Opener, store_url: str, people, tmp_path: Path, monkeypatch
):
    """Does `casekit case pending-rotations` tell the owner which case to rotate and how, and say
    nothing is left once she has?"""
    from casekit.cli import cli
    from casekit.workspace import Workspace

    _supervised_by_sam(open_as)
    with open_as("lena") as lead:
        actions.remove_person(lead, "sam")
    with open_as("ana") as owner:
        actions.rotate_key(owner, OTHER)
    for name in ("CASEKIT_WORKSPACE", "CASEKIT_DB_URL", "CASEKIT_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    env = {
        "CASEKIT_WORKSPACE": str(Workspace.create(tmp_path / "ws").root),
        "JUPYTERHUB_USER": "ana",
        "JUPYTERHUB_API_TOKEN": "test-token",
        "CASEKIT_IDENTITY": str(people["ana"].home / "identity"),
    }

    def run(*args: str):
        return CliRunner().invoke(cli, ["--db", store_url, "case", *args], env=env)

    listed = run("pending-rotations")
    assert listed.exit_code == 0, listed.output
    assert listed.output == (
        f"case {CASE}: sam held its key and was removed; run `casekit case rotate-key {CASE}`\n"
    )
    assert run("rotate-key", CASE).exit_code == 0
    assert run("pending-rotations").output == "no case of yours needs a new key\n"
