"""JupyterLab's "Save and Export Notebook As" menu: the Jupyter server's /nbconvert handler.

The menu asks the server for ``/nbconvert/casekit_html/PATH``; the server runs casekit's exporter
with no casekit code of its own in between. These tests start a real JupyterLab server on a
workspace and ask it the way the menu does.
"""

from __future__ import annotations

import urllib.error
import urllib.request

import nbformat
import pytest

from casekit.workbooks import Runner
from casekit.workspace import Workspace
from tests.browser_harness import LabServer
from tests.export.test_export_leaks import _leaks
from tests.kernels import need_kernel

CASE = "CK-0101"


def _get(server: LabServer, path: str) -> tuple[int, bytes]:
    url = f"http://127.0.0.1:{server.port}/nbconvert/{path}?download=false"
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """An example workspace with a case-review run holding the client's name, and a server on it."""
    need_kernel()
    root = tmp_path_factory.mktemp("served")
    ws = Workspace.create(root / "ws", examples=True)
    with Runner(ws, kernels=1) as runner:
        run = runner.run("case-review", CASE)
    with ws.open_store() as store:
        case = store.load(CASE).case
    nb = nbformat.read(run.output, as_version=4)
    name = case.identifiers.legal_name
    nb.cells.append(nbformat.v4.new_markdown_cell(f"Note for the group: {name} asked about fees."))
    nbformat.write(nb, run.output)
    stray = root / "ws" / "stray.ipynb"
    loose = nbformat.v4.new_notebook()
    loose.cells.append(nbformat.v4.new_markdown_cell(f"{name} — a notebook casekit did not make"))
    nbformat.write(loose, stray)
    with LabServer(ws.root, root / "lab-home") as server:
        yield server, ws, case, run.output.relative_to(ws.root).as_posix()


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_menu_export_of_a_run_is_de_identified(served, fmt):
    """Does the server's casekit export of a run come back whole, with no identifier in any byte?"""
    server, _ws, case, path = served
    status, body = _get(server, f"casekit_{fmt}/{path}")
    assert status == 200, body[:300]
    assert b"Confidential" in body
    assert _leaks(body, fmt, case) == []
    assert b"asked about fees" in body  # the planted note is there, without the name


def test_the_menu_refuses_a_notebook_casekit_did_not_make(served):
    """Is a notebook with no casekit provenance refused, with nothing of its text in the reply?"""
    server, _ws, case, _path = served
    status, body = _get(server, "casekit_html/stray.ipynb")
    assert status >= 400
    assert _leaks(body, "html", case) == []
    assert b"did not make" not in body
