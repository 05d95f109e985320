"""Workbooks run with real kernels: outputs, privacy, parameters, failures and the plain papermill CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from casekit.deid import scan_for_identifiers
from casekit.errors import WorkbookError
from casekit.workbooks import Runner, peek, registry, validate_parameters

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.kernel


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_every_workbook_has_hidden_code_and_a_parameters_cell():
    """Does each committed workbook tag its parameters, hide its code and carry no outputs?"""
    books = registry()
    assert {"case-review", "supervision", "systems-audit"} <= set(books)
    for book in books.values():
        nb = nbformat.read(book.path, as_version=4)
        assert "workspace" in book.parameters
        assert "widgets" not in nb.metadata
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, book.name
                assert "hide-input" in cell.metadata.get("tags", []), book.name
                assert not cell.get("outputs"), book.name


def test_every_workbook_runs_for_every_example_case(all_runs, example_case_ids):
    """Does every workbook succeed for every example case, leaving static renderings and no errors?"""
    for name, batch in all_runs.items():
        assert batch.failed == [], batch.summary()
        assert [r.case_id for r in batch.succeeded] == example_case_ids
        for run in batch.succeeded:
            nb = nbformat.read(run.output, as_version=4)
            outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
            assert not [o for o in outputs if o.output_type == "error"]
            html = [o for o in outputs if "text/html" in o.get("data", {})]
            assert html and all('class="ck-' in o.data["text/html"] for o in html), (name, run.case_id)
            assert all("text/markdown" in o.data for o in html)
            if name == "case-review":
                assert sum("image/png" in o.get("data", {}) for o in outputs) == 2
            if name == "case-formulation":  # nobody watches a runner's kernel: no live form is built
                widget_views = [o for o in outputs if WIDGET_VIEW in o.get("data", {})]
                assert widget_views == [] and any(
                    'data-rendering="formulation"' in o.data["text/html"] for o in html
                )
            meta = nb.metadata.casekit
            assert meta["workbook"] == name and meta["status"] == "ok"
            assert meta["parameters"]["case_id"] == run.case_id


def test_no_identifier_reaches_an_executed_notebook(all_runs, example_workspace):
    """Do the executed notebooks' bytes (metadata, injected cell, outputs) hold none of the identifiers?

    This includes identifiers a clinician typed into the case's free text (example CK-0104 does so on
    purpose): workbooks show a de-identified copy of the case.
    """
    with example_workspace.open_store() as store:
        for batch in all_runs.values():
            for run in batch.succeeded:
                case = store.load(run.case_id).case
                data = run.output.read_bytes()
                hits = sorted({hit.category for hit in scan_for_identifiers(data, case.identifiers)})
                assert hits == [], f"{run.case_id} {batch.workbook}: identifiers found ({', '.join(hits)})"


def test_rerunning_replaces_the_output(example_workspace, example_case_ids):
    """Does a second run of the same workbook and case replace the file instead of adding one?"""
    with Runner(example_workspace, kernels=1) as runner:
        first = runner.run("supervision", example_case_ids[0], {"topics": "systems_and_power"})
        second = runner.run("supervision", example_case_ids[0])
    assert first.output == second.output
    assert sorted(p.name for p in first.output.parent.iterdir() if p.name.startswith("supervision")) == [
        "supervision.ipynb"
    ]


def test_unknown_parameter_names_the_valid_ones():
    """Is an unknown parameter refused with one line naming it and listing the valid ones?"""
    book = registry()["case-review"]
    with pytest.raises(WorkbookError) as info:
        validate_parameters(book, {"sinse": "2026-01-01"})
    assert "'sinse'" in info.value.message and "since" in info.value.message
    assert "\n" not in info.value.message


def test_parameter_holding_an_identifier_is_refused(example_workspace, example_case_ids):
    """Is a parameter value that contains a part of the client's name refused without quoting it?"""
    with example_workspace.open_store() as store:
        ids = store.load(example_case_ids[0]).case.identifiers
    part = ids.legal_name.split()[-1]
    with pytest.raises(WorkbookError) as info:
        validate_parameters(registry()["case-review"], {"since": f"after {part} moved"}, identifiers=ids)
    assert part not in info.value.message and "'since'" in info.value.message


def test_failing_cell_gives_a_readable_error_and_spares_the_batch(
    example_workspace, example_case_ids, tmp_path
):
    """Does a failing cell name the workbook, cell and error in one line, without stopping other cases?"""
    book = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("case_id = None\nworkspace = None")
    params.metadata["tags"] = ["parameters"]
    boom = nbformat.v4.new_code_cell(
        f"if case_id == {example_case_ids[0]!r}:\n    raise ValueError('first line\\nthe last line')\n"
        "leak = case_id"
    )
    check = nbformat.v4.new_code_cell("assert 'seen' not in globals(), 'state leaked'\nseen = True")
    book.cells = [params, boom, check]
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder = tmp_path / "books"
    folder.mkdir()
    nbformat.write(book, folder / "fails.ipynb")
    with Runner(example_workspace, kernels=1, notebooks=folder) as runner:
        batch = runner.run_many("fails", example_case_ids[:3])
    assert [c for c, _ in batch.failed] == [example_case_ids[0]]
    message = batch.failed[0][1].message
    assert "fails for case" in message and "cell 3" in message and "ValueError: the last line" in message
    assert "\n" not in message and "Traceback" not in message
    assert len(batch.succeeded) == 2  # the same kernel ran both: no variable survived between cases


@pytest.mark.slow
def test_each_workbook_runs_with_the_plain_papermill_command(example_workspace, example_case_ids, tmp_path):
    """Does the stock `papermill` command line run every workbook?"""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    papermill = Path(sys.executable).with_name("papermill")
    for name, book in registry().items():
        if "case_id" not in book.parameters:
            continue
        out = tmp_path / f"{name}.ipynb"
        done = subprocess.run(
            [
                str(papermill),
                "--no-progress-bar",
                str(book.path),
                str(out),
                "-p",
                "case_id",
                example_case_ids[1],
                "-p",
                "workspace",
                str(example_workspace.root),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        nb = json.loads(out.read_text(encoding="utf-8"))
        assert any("injected-parameters" in c["metadata"].get("tags", []) for c in nb["cells"])


def test_one_off_runner_replaces_a_kernel_only_for_a_run_that_waits(
    example_workspace, example_case_ids, tmp_path
):
    """Without keep_warm, is a failed kernel replaced for a run that waits, and not after the last run?"""
    book = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("case_id = None\nworkspace = None")
    params.metadata["tags"] = ["parameters"]
    boom = nbformat.v4.new_code_cell(f"if case_id == {example_case_ids[0]!r}:\n    raise ValueError('boom')")
    book.cells = [params, boom]
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder = tmp_path / "books"
    folder.mkdir()
    nbformat.write(book, folder / "fails.ipynb")
    with Runner(example_workspace, kernels=1, notebooks=folder, keep_warm=False) as runner:
        batch = runner.run_many("fails", example_case_ids[:2])
        with pytest.raises(WorkbookError):
            runner.run("fails", example_case_ids[0])
        started = runner.kernels_started
    assert [c for c, _ in batch.failed] == [example_case_ids[0]] and len(batch.succeeded) == 1
    assert started == 2  # one replacement, for the run that waited; none after the last failure


def test_peek_reads_name_title_and_scope_as_the_registry_does():
    """Does the quick look a command takes before starting kernels agree with the registry, and refuse
    an unknown workbook by listing the real ones?"""
    books = registry()
    for name, book in books.items():
        seen = peek(f"{name}.ipynb")
        assert (seen.name, seen.path, seen.title) == (book.name, book.path, book.title)
        assert seen.scope == book.scope
    with pytest.raises(WorkbookError) as info:
        peek("no-such-book")
    assert "case-review" in info.value.message and "no-such-book" in info.value.message
