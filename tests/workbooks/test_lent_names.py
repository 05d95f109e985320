"""Does a run's kernel lend its name model to the export, giving exactly what this process's model gives?"""

from __future__ import annotations

import pytest

from casekit.deid import ner
from casekit.errors import DeidentificationError, WorkbookError
from casekit.workbooks import Runner
from casekit.workbooks.pool import KernelPool

#: Fictional texts: a person, a place, an organisation, and words of identity that are not names.
TEXTS = [
    "Quillon Vasterby met the imam at the mosque on Larkspur Lane.",
    "She is Somali, Muslim, and reads the Qur'an each morning before work at Halden Freight.",
    "",
]


def test_analyses_survive_the_trip_to_another_process_unchanged():
    """Are analyses sent through the wire format equal to the ones made here?"""
    wire = ner.analyse_wire(ner.texts_to_wire(TEXTS))
    assert ner.analyses_from_wire(wire, len(TEXTS)) == ner.analyse_many(TEXTS)
    assert any(e.label == "PERSON" for e in ner.analyse_many(TEXTS)[0].entities)


@pytest.mark.parametrize(
    "answer", ["not base64!", "bm90IGpzb24=", ner.analyse_wire(ner.texts_to_wire(["One."]))]
)
def test_an_unreadable_or_short_answer_is_refused(answer):
    """Is an answer that is not readable analyses for every text refused, never half used?"""
    with pytest.raises(DeidentificationError, match="kernel"):
        ner.analyses_from_wire(answer, 2)


def test_a_scrubber_with_an_analyser_asks_it_for_every_text(monkeypatch: pytest.MonkeyPatch):
    """With an analyser set, does the scrubber use it alone (batch and single texts) and scrub the same?"""
    from casekit.deid import Scrubber
    from tests.fictional import plain_case

    case = plain_case()
    asked: list[str] = []
    model = ner.analyse_many  # the real model, standing in for a kernel's

    def lent(texts):
        asked.extend(texts)
        return model(texts)

    here = Scrubber.for_case(case, secret=b"k" * 32)
    expected = [here.scrub(t).text for t in TEXTS[:2]]
    scrubber = Scrubber.for_case(case, secret=b"k" * 32)
    scrubber.analyser = lent
    monkeypatch.setattr(ner, "analyse", lambda text: pytest.fail("this process's model was used"))
    monkeypatch.setattr(ner, "analyse_many", lambda texts: pytest.fail("this process's model was used"))
    scrubber.prime(TEXTS[:1])
    got = [scrubber.scrub(t).text for t in TEXTS[:2]]
    assert got == expected
    assert len(asked) == 2  # the primed text once, the other on its own


@pytest.mark.kernel
def test_a_lent_kernel_recognises_names_as_this_process_does(example_workspace, monkeypatch):
    """Does ``names`` in on_done answer from the run's kernel as the model here would, fall back to
    the model here when the kernel cannot answer, and is it gone once on_done has returned?"""
    seen: dict[str, object] = {}
    real_analyse = KernelPool.analyse

    def done(case_id, outcome):
        assert outcome.names is not None
        seen["lent"] = outcome.names(TEXTS)

        async def broken(self, lease, payload, *, timeout):
            raise WorkbookError("the kernel is gone")

        monkeypatch.setattr(KernelPool, "analyse", broken)
        seen["fallback"] = outcome.names(TEXTS)
        monkeypatch.setattr(KernelPool, "analyse", real_analyse)

    with Runner(example_workspace, kernels=1, keep_warm=False, warm_names=True) as runner:
        batch = runner.run_many("case-review", ["CK-0101"], on_done=done, lend_names=True)
        again = runner.run_many("case-review", ["CK-0101"], on_done=lambda c, o: seen.update(plain=o.names))
    local = ner.analyse_many(TEXTS)
    assert seen["lent"] == local and seen["fallback"] == local
    assert batch.ok and batch.succeeded[0].names is None
    assert again.ok and seen["plain"] is None  # not lent unless asked
