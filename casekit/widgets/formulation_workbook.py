"""The case formulation workbook (``notebooks/case-formulation.ipynb``): what it calls, how it is built.

The notebook's one hidden code cell calls :func:`show_form`, which returns the live form, or a short
message (never a traceback) when the case or workspace cannot be opened. :func:`build_notebook`
writes the notebook with nbformat; ``python -m casekit.widgets.formulation_workbook`` rewrites the
committed file, and a test checks the two agree.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

from casekit.errors import CasekitError
from casekit.i18n import gettext as _
from casekit.resources import widget_workbook, write_workbook

NOTEBOOK_NAME = "case-formulation.ipynb"

_INTRO = """\
# Case formulation

Fill in the form below; it saves by itself as you type, each time as a new revision, so nothing is
lost and earlier versions stay in the case's history. Start with your consultation question, then
work through the tabs in any order. The questions beside each section are prompts to reflect on,
not boxes to fill.

The **Private identifiers** tab holds names, contacts and places. They stay in this workspace,
encrypted, and are never exported or shown to the group."""

_PARAMETERS = """\
# Parameters: ids and paths only (never a name or other identifier).
case_id = ""    # the case's pseudonymous code, e.g. "CK-0412"
workspace = ""  # the casekit workspace folder; "" uses $CASEKIT_WORKSPACE or the current folder"""

_FORM = """\
from casekit.widgets.formulation_workbook import show_form

form = show_form(case_id, workspace)
form"""


def _screen_only_intro() -> NotebookNode:
    intro = nbformat.v4.new_markdown_cell(_INTRO)
    intro.metadata = {"tags": ["screen-only"]}  # it speaks to someone at the form; exports leave it out
    return intro


def build_notebook() -> NotebookNode:
    """The workbook as a notebook node (no outputs, no widget state)."""
    return widget_workbook("case-formulation", _PARAMETERS, _FORM, intro=_screen_only_intro())


def write_notebook(path: Path) -> Path:
    """Write the workbook to ``path`` (atomically)."""
    return write_workbook(path, build_notebook())


class _Message:
    """A short message shown in place of the form (HTML and plain text)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_html_(self) -> str:
        return (
            f"<div role='alert' style='padding:8px;border:2px solid #b42318'>{html.escape(self.text)}</div>"
        )

    def __repr__(self) -> str:
        return self.text


def show_form(case_id: str, workspace: str = "", **options: Any) -> Any:
    """The live form for ``case_id``, or a one-line message saying what to do if it cannot open.

    In a headless run (casekit's runner sets ``CASEKIT_HEADLESS``) nobody can type into a form, so
    the cell shows only the de-identified formulation, the same rendering the live form carries as
    its static copy: no live widgets, no comm traffic, no widget state to strip afterwards.
    """
    if not case_id:
        return _Message(_("No case chosen: open this workbook with `casekit open CASE-ID`."))
    from casekit.nbsupport import headless

    try:
        if headless():
            from casekit.nbsupport import load_case
            from casekit.render import render_formulation

            return render_formulation(load_case(workspace or None, case_id))
        from casekit.widgets.formulation_form import open_form

        return open_form(case_id, workspace or None, **options)
    except CasekitError as exc:
        return _Message(_("The form could not open: %(problem)s") % {"problem": exc.message})


def main(argv: list[str] | None = None) -> int:
    """Rewrite ``notebooks/case-formulation.ipynb`` (or the path given)."""
    from casekit.resources import rewrite_workbook

    return rewrite_workbook(NOTEBOOK_NAME, write_notebook, argv)


if __name__ == "__main__":
    raise SystemExit(main())
