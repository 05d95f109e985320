"""Can a terminal escape sequence typed into a case reach the screen through the command line?"""

from __future__ import annotations

import pytest

from casekit.deid.review import pending_review
from casekit.model import Entry, Goal, Voice
from casekit.model.walk import iter_entries

CASE = "CK-0103"  # has a finding waiting for review
#: Retitle the terminal window; turn everything after it red.
TITLE, RED = "\x1b]0;pwned\x07", "\x1b[31m"


@pytest.fixture
def escaped_case(workspace) -> None:
    """CK-0103 saved again with escape sequences beside its flagged span, in a goal and in the note."""
    with workspace.open_store() as store:
        record = store.load(CASE)
        case = record.case.model_copy(deep=True)
        span = pending_review(case, secret=store.fingerprint_secret(CASE))[0].span
        entry = next(e for _path, e in iter_entries(case) if span in e.text)
        entry.text = entry.text.replace(span, f"{TITLE} {span} {RED}", 1)
        case.goals.append(Goal(agreed_wording=Entry(text=f"Sleep {RED}well{TITLE}", voice=Voice.CLIENT)))
        store.save(case, based_on=record.revision, author="Presenter C", note=f"pasted {TITLE}{RED}note")


def _assert_terminal_safe(output: str) -> None:
    assert "\x1b" not in output and "\x07" not in output, repr(output)
    assert "pwned" in output  # the text around the sequences is still shown


def test_case_show_prints_no_escape_sequence(escaped_case, run_cli):
    """Does `case show` print a goal's words without the escape sequences typed into them?"""
    result = run_cli("case", "show", CASE)
    assert result.exit_code == 0
    assert "Sleep [31mwell" in result.stdout
    _assert_terminal_safe(result.stdout)


def test_case_history_prints_no_escape_sequence(escaped_case, run_cli):
    """Does `case history` print a revision note without the escape sequences pasted into it?"""
    result = run_cli("case", "history", CASE)
    assert result.exit_code == 0
    assert "pasted" in result.stdout.splitlines()[-1]
    _assert_terminal_safe(result.stdout)


def test_deid_review_prints_no_escape_sequence(escaped_case, run_cli):
    """Does `deid review --list` show a finding's sentence without the escape sequences around it?"""
    result = run_cli("deid", "review", CASE, "--list")
    assert result.exit_code == 0
    assert "[[" in result.stdout
    _assert_terminal_safe(result.stdout)
