"""A scrub is a function of its inputs: repeatable, safe to share between threads, and without hidden
fallbacks when the data it needs is missing."""

from __future__ import annotations

import copy
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from casekit.deid import Scrubber, lexicon, patterns
from casekit.deid.report import ScrubResult
from casekit.deid.spans import PATTERN, Span
from casekit.deid.text import fingerprint
from casekit.errors import CasekitError, DeidentificationError
from casekit.model import DeidDecision, PrivateIdentifiers, ReviewDecision
from tests.deid.conftest import SECRET

TEXTS = [
    "Mai's sister called; Lan said Mai was late again.",
    "Young-Jae drove Mai to Gresham, then Quillon Vasterby met them at the clinic.",
    "She called (503) 555-0147 and wrote to mai.nguyen87@gmail.com about Hope.",
    "Nothing to remove here: she felt hope, and the Vietnamese temple was warm.",
    "Ms. Nguyen and Rose Okonkwo-Black went to Tualatin Valley Logistics with Dervla Pennick.",
]


def _outcome(result: ScrubResult) -> tuple:
    """Everything a scrub returns, originals included (they are excluded from dataclass equality)."""
    return (
        result.text,
        [(r, r.original) for r in result.replacements],
        [(f, f.original) for f in result.findings],
    )


@pytest.fixture
def busy_switching():
    """Threads take turns far more often than usual, so an unguarded shared state would show."""
    usual = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(usual)


def test_scrubbing_the_same_text_twice_gives_the_same_result(scrubber: Scrubber):
    """Does a second scrub of each text return the very same text, replacements and findings?"""
    first = [_outcome(scrubber.scrub(t, where="note")) for t in TEXTS]
    second = [_outcome(scrubber.scrub(t, where="note")) for t in TEXTS]
    assert first == second
    assert any(replacements for _, replacements, _ in first)


def test_threads_sharing_a_scrubber_get_what_a_serial_scrub_gets(scrubber: Scrubber, busy_switching):
    """Do eight threads scrubbing different texts at once with one scrubber each get the serial results?"""
    serial = [_outcome(scrubber.scrub(t, where=f"note{i}")) for i, t in enumerate(TEXTS)]
    start = threading.Barrier(8)

    def work(shift: int) -> list[tuple]:
        start.wait()
        order = [(i + shift) % len(TEXTS) for i in range(len(TEXTS))] * 20
        got = {i: _outcome(scrubber.scrub(TEXTS[i], where=f"note{i}")) for i in order}
        return [got[i] for i in range(len(TEXTS))]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    assert all(r == serial for r in results)


def test_threads_meeting_new_people_at_once_agree_on_their_labels(ids: PrivateIdentifiers, busy_switching):
    """Does a fresh scrubber give every thread the same "Person A/B" for the same unknown names?"""
    scrubber = Scrubber(ids, use_ner=False, secret=SECRET)
    text = "Quillon Vasterby phoned, and later Dervla Pennick and Oswin Thackeridge wrote."
    start = threading.Barrier(8)

    def work(_: int) -> tuple:
        start.wait()
        return _outcome(scrubber.scrub(text))

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    assert len({repr(r) for r in results}) == 1
    assert "Person A" in results[0][0] and "Vasterby" not in results[0][0]


def test_the_spans_a_detector_returns_are_not_changed(ids: PrivateIdentifiers, monkeypatch):
    """With a kept decision applied and two name parts joined, are the detector's spans unchanged?"""
    text = "Wren said Quill Ashdown would come."
    own = [
        Span(0, 4, "person", PATTERN, key="wren", confidence=0.4, priority=1),
        Span(10, 15, "person", PATTERN, key="qa", confidence=0.9, priority=1),
        Span(16, 23, "person", PATTERN, key="qa", confidence=0.9, priority=1),
    ]
    before = copy.deepcopy(own)
    monkeypatch.setattr(patterns, "find_patterns", lambda _text: own)
    keep_wren = DeidDecision(
        fingerprint=fingerprint(SECRET, "Wren"), category="person", decision=ReviewDecision.KEEP
    )
    scrubber = Scrubber(ids, use_ner=False, secret=SECRET, decisions=[keep_wren])
    result = scrubber.scrub(text)
    assert result.text == "Wren said Person A would come."
    assert [f.applied for f in result.findings] == ["kept"]
    assert own == before


@pytest.fixture
def no_word_list(monkeypatch):
    """The spaCy model's lemmatizer lookups are gone (the cached word list is dropped before and after)."""
    lexicon.english_words.cache_clear()
    yield monkeypatch
    lexicon.english_words.cache_clear()


@pytest.mark.parametrize("where", ["no package", "no lookups"])
def test_missing_word_list_stops_the_scrub_with_the_fix(no_word_list, tmp_path, ids, where: str):
    """Without the model's English word list, does a scrub stop with one line naming it and the fix?"""
    no_word_list.setattr(lexicon, "model_path", lambda: None if where == "no package" else tmp_path)
    with pytest.raises(DeidentificationError) as info:
        lexicon.english_words()
    message = info.value.message
    assert lexicon.MODEL_PACKAGE in message and "pip install" in message and "\n" not in message
    assert isinstance(info.value, CasekitError)
    with pytest.raises(DeidentificationError):
        Scrubber(ids, use_ner=False).scrub("Quillon Vasterby met the client.")
