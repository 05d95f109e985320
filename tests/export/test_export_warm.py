"""Does an exporter made ready in the background export exactly as a new one, through the same gate?"""

from __future__ import annotations

import pytest

from casekit.errors import ExportGateError
from casekit.export import api
from casekit.export.context import ExportContext
from tests.export.conftest import SECRET, reviewed
from tests.export.runs import stuffed_run
from tests.export.test_export_gate import _Blind, _notebook
from tests.export.test_export_leaks import _leaks
from tests.fictional import LEAKS, plain_case, stuffed_case


@pytest.fixture(autouse=True)
def _no_warmed_left(monkeypatch: pytest.MonkeyPatch):
    """Each test starts and ends with no warmed exporter waiting in this process."""
    monkeypatch.setattr(api, "_WARMED", {})


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_warmed_exporter_makes_the_same_export_as_a_new_one(fmt):
    """Is the export made with a warmed exporter byte for byte the one a new exporter makes?"""
    case = reviewed(stuffed_case())
    fresh = api.export_notebook(
        stuffed_run(), fmt, ExportContext.for_case(case, session="2026-05-04", secret=SECRET)
    )
    api.warm_exporter(fmt)
    assert fmt in api._WARMED
    warmed = api.export_notebook(
        stuffed_run(), fmt, ExportContext.for_case(case, session="2026-05-04", secret=SECRET)
    )
    assert warmed.data == fresh.data
    assert _leaks(warmed.data, fmt, case) == []


def test_a_warmed_exporter_serves_one_export_only():
    """Is a warmed exporter taken by the next export, so no two exports share one?"""
    api.warm_exporter("html")
    warmed = api._WARMED["html"]
    case = reviewed(stuffed_case())
    api.export_notebook(stuffed_run(), "html", ExportContext.for_case(case, secret=SECRET))
    assert api._WARMED == {}
    assert api._exporter("html") is not warmed


def test_a_warmed_exporter_still_scans_every_byte():
    """With a warmed exporter, does the final scan still refuse a name the scrubber missed?"""
    api.warm_exporter("html")
    case = plain_case()
    with pytest.raises(ExportGateError, match="nothing was written"):
        api.export_notebook(
            _notebook(f"Met {LEAKS[0]} today"), "html", ExportContext(case=case, scrubber=_Blind(case))
        )


def test_priming_name_recognition_changes_no_export(monkeypatch: pytest.MonkeyPatch):
    """Is the export made with one batch of name recognition byte for byte the one made text by text,
    with the notebook's texts no longer each a model call of its own (plot labels, drawn from the
    scrubbed case, still are)?"""
    from casekit.deid import ner
    from casekit.export import preprocessors

    case = reviewed(stuffed_case())
    one_by_one = []
    real_analyse = ner.analyse
    monkeypatch.setattr(ner, "analyse", lambda text: one_by_one.append(text) or real_analyse(text))
    primed = api.export_notebook(stuffed_run(), "html", ExportContext.for_case(case, secret=SECRET))
    with_priming = len(one_by_one)
    one_by_one.clear()
    monkeypatch.setattr(preprocessors, "_prime", lambda nb, ctx: None)
    unprimed = api.export_notebook(stuffed_run(), "html", ExportContext.for_case(case, secret=SECRET))
    assert len(one_by_one) > with_priming + 5, "without priming, each text is analysed on its own"
    assert primed.data == unprimed.data


def test_a_primed_scrubber_scrubs_other_texts_as_before():
    """Once primed with some texts, is a text it was not primed with scrubbed as a new scrubber would?"""
    from casekit.deid import Scrubber

    case = reviewed(stuffed_case())
    other = f"The choir met on Thursday; {LEAKS[0]} came late."
    primed = Scrubber.for_case(case, secret=SECRET)
    primed.prime(["A quiet week at the community garden."])
    fresh = Scrubber.for_case(case, secret=SECRET)
    assert primed.scrub(other).text == fresh.scrub(other).text
    assert LEAKS[0] not in primed.scrub(other).text
