"""`casekit deid review --risks` and `casekit deid risks`: details that could together point to the client."""

from __future__ import annotations

from casekit.model import Entry, Voice

CASE = "CK-0101"
TEXT = "A Somali taxi driver of eleven years, he arrived in 2009. The local Somali community is small."


def _plant(workspace) -> None:
    with workspace.open_store() as store:
        record = store.load(CASE)
        case = record.case
        case.identity.self_description = Entry(text=TEXT, voice=Voice.CLIENT)
        store.save(case, based_on=record.revision, author="Presenter A")


def test_review_risks_lists_the_details_and_warns(workspace, run_cli):
    """Does `deid review CASE --risks` number each detail in its field and end with the warning?"""
    _plant(workspace)
    result = run_cli("deid", "review", CASE, "--risks")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "1. identity.self_description (country or people of origin): [[Somali]]" in lines
    assert any("(occupation): [[taxi driver of eleven years]]" in line for line in lines)
    assert "more general" in lines[-1]


def test_generalising_saves_a_revision_with_the_decision(workspace, run_cli):
    """Does `deid risks CASE --generalise N WORDS` save the general wording and a fingerprint decision?"""
    _plant(workspace)
    listed = run_cli("deid", "risks", CASE).stdout.splitlines()
    number = next(line.split(".")[0] for line in listed if "taxi driver" in line)
    result = run_cli("deid", "risks", CASE, "--generalise", number, "driver", "--author", "Presenter A")
    assert result.exit_code == 0, result.output
    assert "1 detail made more general" in result.stdout
    with workspace.open_store() as store:
        case = store.load(CASE).case
    assert case.identity.self_description.text.startswith("A Somali driver, he arrived")
    assert [d.category for d in case.deid_decisions if d.category.startswith("generalised_")] == [
        "generalised_occupation"
    ]


def test_generalising_an_unknown_number_is_refused_in_one_line(workspace, run_cli):
    """Is a detail number that is not in the list refused with a one-line error naming the fix?"""
    _plant(workspace)
    result = run_cli("deid", "risks", CASE, "--generalise", "99", "a driver")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "--risks" in result.stderr
