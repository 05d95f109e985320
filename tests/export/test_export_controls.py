"""Can a terminal escape sequence or other control character typed into a case reach an export?"""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from casekit.export import api
from casekit.export.context import ExportContext
from casekit.export.sanitize import clean_html, neutralise_markdown
from tests.export.conftest import SECRET, reviewed
from tests.fictional import plain_case

#: Retitle the terminal window; turn everything after it red.
TITLE, RED = "\x1b]0;pwned\x07", "\x1b[31m"
CONTROLS = ("\x1b", "\x07", "\x9b", "\x08")


def _assert_clean(text: str) -> None:
    for control in CONTROLS:
        assert control not in text, repr(control)


def _escaped_case():
    case = plain_case()
    case.identity.self_description.text = f"A night-shift baker{TITLE} who sings {RED}in a choir\x9b2J\x08"
    return reviewed(case)


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_case_summary_holds_no_control_character(fmt):
    """Is a case's text exported with its words but without the escape sequences typed into it?"""
    export = api.export_case(_escaped_case(), fmt, session="2026-05-04", secret=SECRET)
    text = export.data.decode("utf-8")
    _assert_clean(text)
    assert "pwned" in text and "in a choir" in text


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_run_export_holds_no_control_character(fmt):
    """Do printed output, plain text, HTML and markdown in a run lose their control characters?"""
    case = _escaped_case()
    outputs = [
        new_output("stream", name="stdout", text=f"loaded{TITLE} {RED}the notes\n"),
        new_output("display_data", data={"text/plain": f"plain{RED} text"}),
        new_output("display_data", data={"text/html": f"<p>html{TITLE} text &#27;[31m</p>"}),
        new_output("display_data", data={"text/markdown": f"**markdown**{RED} text"}),
    ]
    nb = new_notebook(
        cells=[new_markdown_cell(f"A note{TITLE} {RED}here"), new_code_cell("", outputs=outputs)],
        metadata={"casekit": {"case_id": case.meta.case_id}},
    )
    export = api.export_notebook(nb, fmt, ExportContext.for_case(case, secret=SECRET))
    text = export.data.decode("utf-8")
    _assert_clean(text)
    for kept in ("the notes", "here", "text"):
        assert kept in text


def test_sanitizers_remove_control_characters():
    """Do the HTML sanitizer (with and without a text filter) and the markdown neutraliser drop them?"""
    html = f"<p title='t{RED}'>a{TITLE} b &#27;[31m &#x9b;</p>"
    for out in (clean_html(html), clean_html(html, str.upper), neutralise_markdown(f"a{TITLE} {RED}b")):
        _assert_clean(out)
