"""Does `casekit export` write summaries for a case, a run and a group, and nothing when refused?"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from casekit.cli import cli
from casekit.export.locate import find_workspace
from tests.export.conftest import ROOT
from tests.export.runs import stuffed_run
from tests.fictional import LEAKS


def _run(workspace: Path, *args: str):
    env = {"CASEKIT_WORKSPACE": str(workspace)}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["html", "pdf", "md"])
def test_export_case_writes_one_summary(workspace: Path, tmp_path: Path, fmt: str):
    """Does `casekit export --case ID --to FMT -o DIR` write one file and say where?"""
    out = tmp_path / "out"
    result = _run(
        workspace, "export", "--case", "CK-0101", "--session", "2026-05-04", "--to", fmt, "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    written = out / f"CK-0101-summary.{fmt}"
    assert written.is_file() and str(written) in result.output


def test_export_group_writes_a_packet_with_an_index(workspace: Path):
    """Does a group export write every case's summary and one-page brief and an index into
    exports/GROUP/SESSION?"""
    result = _run(workspace, "export", "--group", "north-team", "--session", "2026-05-04")
    assert result.exit_code == 0, result.output
    packet = workspace / "exports" / "north-team" / "2026-05-04"
    names = sorted(p.name for p in packet.iterdir() if not p.name.endswith(".receipt.json"))
    cases = ("CK-0101", "CK-0102", "CK-0999")
    assert names == sorted(
        [f"{c}-{kind}.html" for c in cases for kind in ("brief", "summary")] + ["index.html"]
    )
    receipts = sorted(p.name for p in packet.iterdir() if p.name.endswith(".receipt.json"))
    assert receipts == [f"{name}.receipt.json" for name in names]
    index = (packet / "index.html").read_text()
    assert 'href="CK-0999-summary.html"' in index and "Consultation session, 2026" in index
    assert 'href="CK-0999-brief.html"' in index


def test_export_case_brief_for_supervision(workspace: Path, tmp_path: Path):
    """Does `--handout brief --for supervision` write the case's one-page brief, marked for supervision?"""
    out = tmp_path / "out"
    result = _run(
        workspace, "export", "--case", "CK-0101", "--handout", "brief", "--for", "supervision", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    written = out / "CK-0101-brief.html"
    assert written.is_file() and b"prepared for supervision" in written.read_bytes()


def test_export_without_consent_stops_in_one_line(workspace: Path, tmp_path: Path):
    """When the case has no consent record, does `casekit export --case` write nothing and say in one
    line where to record it?"""
    from casekit.model import ConsentStatus
    from casekit.workspace import Workspace

    with Workspace.find(workspace).open_store() as store:
        record = store.load("CK-0102")
        record.case.consultation_consent.status = ConsentStatus.NOT_RECORDED
        store.save(record.case, based_on=record.revision, author="tests")
    out = tmp_path / "out"
    result = _run(workspace, "export", "--case", "CK-0102", "-o", str(out))
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and "not recorded" in result.stderr and "home page" in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_export_run_finds_its_case_from_the_run_folder(workspace: Path, tmp_path: Path):
    """Is a run under WORKSPACE/runs/CASE/ exported against its own case, with no path in its metadata?"""
    run_dir = workspace / "runs" / "CK-0999"
    run_dir.mkdir(parents=True)
    run = run_dir / "case-review.ipynb"
    nbformat.write(stuffed_run("CK-0999"), run)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["export", str(run), "--to", "md", "-o", str(out)], env={"CASEKIT_WORKSPACE": ""}
    )
    assert result.exit_code == 0, result.output
    text = (out / "CK-0999-case-review.md").read_text()
    assert LEAKS[0] not in text and "Consultation summary: case CK" in text


def test_refused_export_writes_nothing_and_says_so_in_one_line(workspace: Path, tmp_path: Path):
    """When the gate refuses, is the error one line and the output folder left empty?"""
    from casekit.workspace import Workspace

    with Workspace.find(workspace).open_store() as store:
        record = store.load("CK-0101")
        case = record.case
        case.consultation_question.text = "Should I mention Quillery to the group?"
        store.save(case, based_on=record.revision, author="tests")
    out = tmp_path / "out"
    result = _run(workspace, "export", "--case", "CK-0101", "-o", str(out))
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and "not been reviewed" in result.stderr
    assert "Quillery" not in result.output
    assert not out.exists() or list(out.iterdir()) == []


def test_export_refuses_a_run_outside_any_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Without a workspace to take the identifiers from, is the export refused with how to fix it?"""
    monkeypatch.delenv("CASEKIT_WORKSPACE", raising=False)
    monkeypatch.chdir(tmp_path)
    run = tmp_path / "run.ipynb"
    nbformat.write(stuffed_run("CK-0999"), run)
    result = CliRunner().invoke(
        cli, ["export", str(run), "-o", str(tmp_path / "out")], env={"CASEKIT_WORKSPACE": ""}
    )
    assert result.exit_code != 0
    assert "CASEKIT_WORKSPACE" in result.output
    assert not (tmp_path / "out").exists()


def test_workspace_is_found_above_the_run(workspace: Path):
    """Does lookup walk up from runs/CASE/ to the folder holding casekit.toml?"""
    nested = workspace / "runs" / "CK-0101"
    nested.mkdir(parents=True)
    assert find_workspace(notebook_dir=nested, environ={}, cwd=Path("/")).root == workspace.resolve()


def _entry_point_dist(tmp_path: Path) -> Path:
    """A dist-info on PYTHONPATH declaring pyproject's nbconvert.exporters entry points (no install)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    eps = project["entry-points"]["nbconvert.exporters"]
    site = tmp_path / "site"
    dist = site / "casekit_export_entry_points-0.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: casekit-export-entry-points\nVersion: 0.0\n")
    lines = ["[nbconvert.exporters]", *(f"{k} = {v}" for k, v in eps.items())]
    (dist / "entry_points.txt").write_text("\n".join(lines) + "\n")
    return site


@pytest.mark.slow
def test_jupyter_nbconvert_to_casekit_html_works(workspace: Path, tmp_path: Path):
    """Does `jupyter nbconvert --to casekit_html` work by entry point, config unable to disable it?"""
    run_dir = workspace / "runs" / "CK-0999"
    run_dir.mkdir(parents=True)
    run = run_dir / "case-review.ipynb"
    nbformat.write(stuffed_run("CK-0999"), run)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(_entry_point_dist(tmp_path)), str(ROOT)]),
        "CASEKIT_WORKSPACE": "",
        "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"),
    }
    args = [
        sys.executable,
        "-m",
        "jupyter",
        "nbconvert",
        "--to",
        "casekit_html",
        str(run),
        "--output-dir",
        str(tmp_path / "out"),
        "--CasekitHTMLExporter.preprocessors=[]",
        "--DeidentifyPreprocessor.enabled=False",
        "--CasekitHTMLExporter.exclude_input=False",
    ]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    html = (tmp_path / "out" / "case-review.html").read_text()
    assert "Consultation summary: case CK-0999" in html
    for leak in LEAKS:
        assert leak not in html
    assert json.dumps("widget-state") not in html and "<script" not in html


@pytest.mark.kernel
@pytest.mark.slow
def test_a_real_case_review_run_exports_clean(workspace: Path, tmp_path: Path):
    """Does a case-review run made by casekit.workbooks (real kernel) export with no identifier form?"""
    from casekit.workbooks import run_workbook
    from casekit.workspace import Workspace

    result = run_workbook(Workspace.find(workspace), "case-review", "CK-0999")
    out = tmp_path / "out"
    done = CliRunner().invoke(
        cli, ["export", str(result.output), "--to", "html", "-o", str(out)], env={"CASEKIT_WORKSPACE": ""}
    )
    assert done.exit_code == 0, done.output
    html = (out / "CK-0999-case-review.html").read_text()
    assert "Consultation summary: case CK-0999" in html
    for leak in LEAKS:
        assert leak not in html
    assert "VBox(" not in html and "<script" not in html
    # The workbook's two plots are kept (re-drawn from the de-identified case), nothing left out.
    assert html.count("data:image/png;base64,") == 2
    assert "left out" not in html
