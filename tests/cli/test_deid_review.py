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
    assert result.exit_code == 0 and "1 decision saved" in result.stdout
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


def test_review_shows_the_sentence_as_written_and_as_exported(run_cli):
    """Does the interactive review show each finding's sentence before and after, side by side?"""
    result = run_cli("deid", "review", CASE, input="skip\n")
    assert result.exit_code == 0 and "1 still waiting" in result.stdout
    rows = result.stdout.splitlines()
    header = next(r for r in rows if "As written" in r)
    assert "│" in header and "As it would be exported" in header
    sentence = next(r for r in rows if "[[White]]" in r)
    assert "│" in sentence and "[[The client]]" in sentence.split("│")[1]


def test_keep_for_every_case_goes_on_the_keep_list_and_exports_follow_it(workspace, run_cli, tmp_path):
    """After "keep for every case" on one case, is the word kept in another case's export, unasked?"""
    listed = run_cli("deid", "review", "CK-0106", "--list").stdout
    assert "[[Lisbon]]" in listed
    kept = run_cli("deid", "review", "CK-0106", "--keep-everywhere", "1", "--author", "Presenter C")
    assert kept.exit_code == 0 and "kept for every case from now on: Lisbon" in kept.stdout
    assert workspace.keep_list() == ["Lisbon"]
    assert run_cli("deid", "review", "CK-0106", "--list").stdout.strip() == "CK-0106: nothing to review"
    # Another case, whose only open question is an ordinary word, once that word is on the list too.
    refused = run_cli("export", "--case", "CK-0105", "-o", str(tmp_path / "out"))
    assert refused.exit_code != 0 and "not been reviewed" in refused.stderr
    workspace.add_to_keep_list(["Felt"])
    assert run_cli("deid", "review", "CK-0105", "--list").stdout.strip() == "CK-0105: nothing to review"
    done = run_cli("export", "--case", "CK-0105", "-o", str(tmp_path / "out"))
    assert done.exit_code == 0, done.stderr


def test_a_cases_own_name_cannot_be_kept_for_every_case(workspace, run_cli):
    """Is --keep-everywhere on the client's own surname refused in one line, with nothing written?"""
    with workspace.open_store() as store:
        head = store.head(CASE)
    result = run_cli("deid", "review", CASE, "--keep-everywhere", "1")
    assert result.exit_code != 0 and result.stderr.count("\n") == 1
    assert "for this case only" in result.stderr
    assert workspace.keep_list() == []
    with workspace.open_store() as store:
        assert store.head(CASE) == head
