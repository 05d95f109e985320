"""Does `casekit run … --export` load the name model once, in the kernel, and export the same bytes?"""

from __future__ import annotations

import pytest


@pytest.mark.kernel
def test_the_main_job_exports_with_the_kernels_model_and_the_same_bytes(workspace, run_cli, monkeypatch):
    """With nothing kept, does the run's export ask this process's model nothing, and is it byte for
    byte the export this process makes with its own model?"""
    from casekit.deid import ner
    from casekit.export.api import export_run

    here: list[str] = []
    real = ner.analyse_many, ner.analyse
    monkeypatch.setattr(ner, "analyse_many", lambda texts, **kw: here.extend(texts) or real[0](texts, **kw))
    monkeypatch.setattr(ner, "analyse", lambda text: here.append(text) or real[1](text))
    result = run_cli("run", "case-review", "--case", "CK-0104", "--export", "html")
    assert result.exit_code == 0, result.output
    assert here == [], "the export recognised names in this process instead of the kernel"
    summary = workspace.exports_dir / "CK-0104-case-review.html"
    run = workspace.runs_dir / "CK-0104" / "case-review.ipynb"
    again = export_run(run, "html", workspace=workspace.root, reuse=False)
    assert here, "the control export should use this process's model"
    assert summary.read_bytes() == again.data
