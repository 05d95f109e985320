"""Does the gate stop exports that are not safe, say why in one line, and write nothing?"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from nbformat.v4 import new_markdown_cell, new_notebook
from traitlets.config import Config

from casekit.cli import cli
from casekit.errors import ExportGateError
from casekit.export import api, gate
from casekit.export.context import ExportContext
from casekit.export.exporters import CasekitHTMLExporter, CasekitMarkdownExporter, CasekitPDFExporter
from casekit.model import ReviewDecision
from casekit.workspace import Workspace
from tests.export.conftest import SECRET, reviewed
from tests.fictional import LEAKS, plain_case

FLAGGED = "Quillery"  # a capitalised made-up word: de-identification is unsure whether it is a name


def _notebook(text: str, case_id: str = "CK-0101"):
    return new_notebook(cells=[new_markdown_cell(text)], metadata={"casekit": {"case_id": case_id}})


class _Blind:
    """A scrubber that misses everything (to prove the final scan does not trust the scrubber)."""

    class _Report:
        def pending(self, decisions):
            return []

    def __init__(self, case):
        self.report = self._Report()
        self.case = case

    def scrub(self, text, where=""):
        from types import SimpleNamespace

        return SimpleNamespace(text=text, replacements=0, findings=[])

    def scrub_case(self, case):
        return case, self.report


def test_export_refuses_unreviewed_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Does export stop when a flagged span has not been reviewed, name how many and where to go, and
    leave the workspace's exports folder (where `casekit export --case` writes) empty?"""
    case = plain_case()
    case.consultation_question.text = f"Should I mention {FLAGGED} to the group?"
    with pytest.raises(ExportGateError) as err:
        api.export_case(case, "html")
    message = str(err.value)
    assert "1 flagged span" in message and "casekit deid review CK-0101" in message
    assert "\n" not in message and FLAGGED not in message

    for name in ("CASEKIT_WORKSPACE", "CASEKIT_DB_URL", "CASEKIT_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    ws = Workspace.create(tmp_path / "ws")
    with ws.open_store() as store:
        store.create(case, author="tests")
    result = CliRunner().invoke(cli, ["export", "--case", "CK-0101"], env={"CASEKIT_WORKSPACE": str(ws.root)})
    assert result.exit_code != 0
    assert "1 flagged span" in result.output and FLAGGED not in result.output
    assert ws.exports_dir.is_dir()
    assert list(ws.exports_dir.rglob("*")) == []


def test_export_passes_once_findings_are_reviewed():
    """Once the presenter has decided on the flagged span, does the export go through?"""
    case = plain_case()
    case.consultation_question.text = f"Should I mention {FLAGGED} to the group?"
    for decision in (ReviewDecision.REDACT, ReviewDecision.KEEP):
        export = api.export_case(reviewed(case, SECRET, decision), "html", secret=SECRET)
        assert b"Consultation summary" in export.data
        assert (FLAGGED.encode() in export.data) == (decision is ReviewDecision.KEEP)


@pytest.mark.parametrize("fmt", ["html", "md", "pdf"])
def test_final_scan_refuses_identifier_the_scrubber_missed(fmt):
    """If scrubbing misses a name, does the byte scan refuse, naming the category but not the name?"""
    case = plain_case()
    ctx = ExportContext(case=case, scrubber=_Blind(case))
    with pytest.raises(ExportGateError) as err:
        api.export_notebook(_notebook(f"Met {LEAKS[0]} today"), fmt, ctx)
    message = str(err.value)
    assert "name" in message and "nothing was written" in message
    for part in LEAKS[0].split():
        assert part not in message


def test_final_scan_reads_names_split_by_inline_tags():
    """Is a name split by inline tags ("Od<b>alys</b>") still found by the final scan?"""
    case = plain_case()
    with pytest.raises(ExportGateError):
        gate.scan_output(b"<p>met Od<b>alys</b> today</p>", "html", case)


def test_gate_refuses_html_that_would_load_anything():
    """Does the structural check refuse scripts, handlers, outside URLs and CSS imports in markup?"""
    for markup in (
        "<script>1</script>",
        '<img src="https://x.org/a.png">',
        '<p onclick="x()">a</p>',
        '<link rel="stylesheet" href="https://cdn.example/a.css">',
        "<style>@import 'https://x.org/a.css';</style>",
        '<div style="background:url(https://x.org/a.png)"></div>',
    ):
        with pytest.raises(ExportGateError):
            gate.check_self_contained(markup, case_id="CK-0101")
    gate.check_self_contained(
        '<p>text about &lt;script&gt; and onerror=1</p><img src="data:image/png;base64,AA">',
        case_id="CK-0101",
    )


@pytest.mark.parametrize("exporter_cls", [CasekitHTMLExporter, CasekitMarkdownExporter, CasekitPDFExporter])
def test_configuration_cannot_switch_off_deidentification(exporter_cls):
    """Can `preprocessors=[]`, `enabled=False` or another template switch de-identification off?"""
    c = Config()
    c[exporter_cls.__name__].preprocessors = []
    c[exporter_cls.__name__].default_preprocessors = []
    c[exporter_cls.__name__].template_name = "lab"
    c[exporter_cls.__name__].exclude_input = False
    for name in (
        "DeidentifyPreprocessor",
        "StripPrivateMetadataPreprocessor",
        "DropUnsafeOutputsPreprocessor",
    ):
        c[name].enabled = False
    c.Preprocessor.enabled = False
    exporter = exporter_cls(config=c)
    case = plain_case()
    out, _ = exporter.from_notebook_node(
        _notebook(f"{LEAKS[0]} <script>x()</script>"),
        {"casekit": ExportContext.for_case(case, secret=SECRET)},
    )
    data = out if isinstance(out, bytes) else out.encode()
    if exporter_cls is CasekitPDFExporter:
        data = gate.pdf_text(data).encode()
    assert LEAKS[0].encode() not in data
    assert b"Odalys" not in data
    if exporter_cls is not CasekitPDFExporter:  # in a PDF, "<script>" is only printed text
        assert b"<script" not in data
    assert exporter.template_name.startswith("casekit_")


def test_exporters_refuse_a_notebook_without_a_case():
    """Does an export of a notebook that names no case refuse rather than export unchecked?"""
    from casekit.errors import ExportError

    with pytest.raises(ExportError, match=r"does not say which case it belongs to") as caught:
        CasekitHTMLExporter().from_notebook_node(new_notebook(cells=[new_markdown_cell("hi")]), {})
    assert "metadata" not in str(caught.value)  # no internal field names in what a clinician reads
