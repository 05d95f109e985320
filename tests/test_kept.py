"""Does kept de-identification stand in for a scrub only while revision, decisions and code are unchanged?"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from casekit import kept
from casekit.deid import Scrubber
from casekit.model import Case, DeidDecision, ReviewDecision
from tests.fictional import IDENTIFIERS, plain_case

SECRET = b"kept-tests"
NOTE = [("session.note", "Odalys asked whether Marisela could come to the next session.")]


class _RealScrubs:
    """Counts the scrubs actually made (every kept call that is not found kept makes one)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = Scrubber.scrub_many

        def counted(scrubber, items, *, check=True):
            self.count += 1
            return original(scrubber, items, check=check)

        monkeypatch.setattr(Scrubber, "scrub_many", counted)


def _scrubber(private: Path, case: Case) -> kept.KeptScrubber:
    scrubber = kept.KeptScrubber.for_case(case, use_ner=False, secret=SECRET)
    scrubber.keep_in(private, case, SECRET, use_ner=False)
    return scrubber


def _session(private: Path, case: Case) -> tuple[Case, list[str]]:
    """What a session workbook does: the case brief, then a note, on one scrubber."""
    scrubber = _scrubber(private, case)
    clean, _report = scrubber.scrub_case(case)
    return clean, [r.text for r in scrubber.scrub_many(NOTE)]


def _kept_files(private: Path) -> list[Path]:
    return sorted(p for p in kept.kept_dir(private).rglob("*") if p.is_file())


def _changed(case: Case, change) -> Case:
    out = case.model_copy(deep=True)
    change(out)
    return out


def test_unchanged_revision_is_not_scrubbed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run again on the same revision, are the case and the note handed back as before, with no scrub?"""
    real = _RealScrubs(monkeypatch)
    case = plain_case()
    first = _session(tmp_path, case)
    assert real.count == 2
    again = _session(tmp_path, case)
    assert real.count == 2
    assert again == first
    assert "Odalys" not in again[1][0] and "Marisela" not in again[1][0]


def test_name_model_is_not_loaded_for_a_kept_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """With name recognition on, does a second run of an unchanged revision leave the model alone?"""
    from casekit.deid import ner

    case = plain_case()

    def session() -> str:
        scrubber = kept.KeptScrubber.for_case(case, use_ner=True, secret=SECRET)
        scrubber.keep_in(tmp_path, case, SECRET, use_ner=True)
        scrubber.scrub_case(case)
        return scrubber.scrub("Odalys phoned.", "note").text

    first = session()
    monkeypatch.setattr(ner, "analyse", lambda *a, **k: pytest.fail("the name model was used"))
    monkeypatch.setattr(ner, "analyse_many", lambda *a, **k: pytest.fail("the name model was used"))
    assert session() == first


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda c: setattr(c.consultation_question, "text", "How do I raise the fee?"), id="revision"
        ),
        pytest.param(
            lambda c: c.deid_decisions.append(
                DeidDecision(fingerprint="0" * 64, category="person", decision=ReviewDecision.KEEP)
            ),
            id="decision",
        ),
        pytest.param(lambda c: setattr(c.identifiers, "name_used", "Dally"), id="identifiers"),
    ],
)
def test_changed_case_is_scrubbed_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change):
    """After a new revision, a new review decision or new identifiers, is the case scrubbed again?"""
    real = _RealScrubs(monkeypatch)
    case = plain_case()
    _session(tmp_path, case)
    _session(tmp_path, _changed(case, change))
    assert real.count == 4


def test_changed_code_or_keep_list_scrubs_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Does a change to casekit's code (its kept-word lists among it) make every scrub a fresh one?"""
    from casekit.deid import lexicon
    from casekit.export import cache

    assert Path(lexicon.__file__).resolve() in cache.code_files()
    real = _RealScrubs(monkeypatch)
    case = plain_case()
    _session(tmp_path, case)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another casekit")
    _session(tmp_path, case)
    assert real.count == 4


def test_new_call_after_kept_ones_gives_the_pseudonyms_a_fresh_run_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """When a run asks for something not kept, does it get what a scrubber that kept nothing would give?"""
    case = plain_case()
    _session(tmp_path, case)
    other = [("session.other", "Rennet Okafor and Odalys met Brigida Vass at the market.")]
    scrubber = _scrubber(tmp_path, case)
    scrubber.scrub_case(case)
    scrubber.scrub_many(NOTE)
    new = [r.text for r in scrubber.scrub_many(other)]
    plain = Scrubber.for_case(case, use_ner=False, secret=SECRET)
    plain.scrub_case(case)
    plain.scrub_many(NOTE)
    assert new == [r.text for r in plain.scrub_many(other)]
    assert len(scrubber.report.replacements) == len(plain.report.replacements)


def test_kept_results_hold_nothing_identifying(tmp_path: Path):
    """Are kept results private files without original spans or any of the case's identifiers?"""
    _session(tmp_path, plain_case())
    files = _kept_files(tmp_path)
    assert len(files) == 2
    ids = IDENTIFIERS
    secrets = [*ids.legal_name.split(), ids.name_used, *ids.phones, *ids.emails, *ids.employers]
    secrets += [m.name for m in ids.household]
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        text = path.read_text()
        assert '"original"' not in text
        for secret in secrets:
            assert secret.casefold() not in text.casefold() and secret.casefold() not in str(path).casefold()
        json.loads(text)


def test_tampered_kept_result_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """If a kept result is changed to hold a client's name, is it ignored and the text scrubbed again?"""
    case = plain_case()
    first = _session(tmp_path, case)
    for path in _kept_files(tmp_path):
        rows = json.loads(path.read_text())
        rows[0]["text"] += f" {IDENTIFIERS.legal_name}"
        path.write_text(json.dumps(rows))
    real = _RealScrubs(monkeypatch)
    assert _session(tmp_path, case) == first
    assert real.count == 2


def test_a_copy_of_a_kept_scrubber_scrubs_like_the_original(tmp_path: Path):
    """Can a kept scrubber be deep-copied (as an export copies its context), giving the same results?"""
    import copy

    case = plain_case()
    scrubber = _scrubber(tmp_path, case)
    scrubber.scrub_case(case)
    twin = copy.deepcopy(scrubber)
    assert [r.text for r in twin.scrub_many(NOTE)] == [r.text for r in scrubber.scrub_many(NOTE)]
