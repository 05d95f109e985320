"""`casekit deid review`: the presenter decides on flagged spans, and the export gate opens."""

from __future__ import annotations

from casekit.deid.review import pending_review

CASE = "CK-0103"  # its client names her race with a word that is also the client's surname


def test_review_lists_the_flagged_span_in_its_sentence(run_cli):
    """Does --list show each pending finding with its location, category and context?"""
    result = run_cli("deid", "review", CASE, "--list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines and lines[0].startswith("1. identity.")
    assert "[[" in lines[0] and "]]" in lines[0]


def test_keeping_a_span_stores_a_fingerprint_and_opens_the_export(workspace, run_cli, tmp_path):
    """After --keep 1, is the decision stored without its text, and does the export go through?"""
    refused = run_cli("export", "--case", CASE, "-o", str(tmp_path / "out"))
    assert refused.exit_code != 0 and "not been reviewed" in refused.stderr
    with workspace.open_store() as store:
        record = store.load(CASE)
        items = pending_review(record.case, secret=store.fingerprint_secret(CASE))
    span = items[0].span
    decided = run_cli("deid", "review", CASE, "--keep", "1", "--author", "Presenter C")
    assert decided.exit_code == 0 and "0 still waiting" in decided.stdout
    with workspace.open_store() as store:
        case = store.load(CASE).case
    assert [d.decision.value for d in case.deid_decisions] == ["keep"]
    assert span not in case.deid_decisions[0].model_dump_json()
    done = run_cli("export", "--case", CASE, "-o", str(tmp_path / "out"))
    assert done.exit_code == 0, done.stderr
    assert run_cli("deid", "review", CASE, "--list").stdout.strip() == f"{CASE}: nothing to review"


def test_interactive_review_asks_about_each_finding(workspace, run_cli):
    """Does review without options ask keep/redact/skip and save what was answered?"""
    result = run_cli("deid", "review", CASE, input="redact\n")
    assert result.exit_code == 0 and "1 decision(s) saved" in result.stdout
    with workspace.open_store() as store:
        case = store.load(CASE).case
    assert [d.decision.value for d in case.deid_decisions] == ["redact"]


def test_deciding_on_a_number_not_in_the_list_changes_nothing(workspace, run_cli):
    """Is an out-of-range finding number refused in one line, with no new revision?"""
    with workspace.open_store() as store:
        head = store.head(CASE)
    result = run_cli("deid", "review", CASE, "--redact", "9")
    assert result.exit_code != 0 and result.stderr.count("\n") == 1
    assert "finding 9 is not in the review list" in result.stderr
    with workspace.open_store() as store:
        assert store.head(CASE) == head
