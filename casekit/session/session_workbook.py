"""The consultation-session workbook: what its hidden cells call, and the builder of the notebook.

``notebooks/consultation-session.ipynb`` is written by :func:`write_notebook` (run
``python -m casekit.session.session_workbook notebooks/consultation-session.ipynb`` after changing a cell).
Its parameters are ids, a path, a date, an alias and a role only.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import AccessDeniedError, SessionError
from casekit.session.log import open_action_items, session_record
from casekit.session.record_deid import deidentify_items, deidentify_record
from casekit.session.render import (
    case_brief_html,
    esc,
    md_esc,
    open_items_html,
    open_items_markdown,
    record_html,
    record_markdown,
)
from casekit.store import CaseStore

if TYPE_CHECKING:
    from casekit.deid import Scrubber

NOTEBOOK_NAME = "consultation-session.ipynb"


def parse_session_date(value: str | dt.date) -> dt.date:
    """A session date from a parameter (``YYYY-MM-DD``; empty means today).

    Raises
    ------
    SessionError
        If the text is not a date.
    """
    if isinstance(value, dt.date):
        return value
    if not str(value).strip():
        return dt.date.today()
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise SessionError(f"session_date: '{value}' is not a date; write it as YYYY-MM-DD") from None


def open_store(workspace: str) -> CaseStore:
    """Open the case store of ``workspace`` ("" means ``CASEKIT_WORKSPACE`` or the current folder).

    The store is opened **without** the identifiers key (a session never needs them, so they are
    never decrypted in the kernel), and stays open for the kernel's life: the live view polls it.
    ``CASEKIT_DB_URL`` (a group's shared PostgreSQL store) comes from the environment, never from a
    parameter.
    """
    from casekit.settings import resolve
    from casekit.workspace import Workspace

    settings = resolve(workspace=workspace or None)
    ws = Workspace.find(settings.workspace)
    return CaseStore.open(ws.db_url(settings.db_url), key=None, create=False)


class Static:
    """A static output with an HTML and a Markdown form (both escaped), for ``display``."""

    def __init__(self, html: str, markdown: str) -> None:
        self.html, self.markdown = html, markdown

    def _repr_html_(self) -> str:
        return self.html

    def _repr_markdown_(self) -> str:
        return self.markdown


def prepare(workspace: str, case_id: str, *, use_ner: bool = True) -> tuple[Scrubber | None, str]:
    """The case's scrubber and the de-identified case brief for the presentation stage.

    The case is read with the identifiers key (the workspace key file or ``CASEKIT_PASSPHRASE``)
    only so the scrubber knows what to look for; what is shown is the scrubbed copy. A member of a
    people-access store, who holds no key for the case, gets no scrubber and the newest reviewed,
    de-identified snapshot the presenter shared with them (:func:`shared_brief_html`).
    """
    from casekit.kept import KeptScrubber, private_dir_of
    from casekit.nbsupport import deidentify, keep_list
    from casekit.nbsupport import open_store as open_with_key

    with open_with_key(workspace or None, with_key=True) as keyed:
        try:
            case = keyed.load(case_id).case
        except AccessDeniedError:  # a member of a people-access store: the snapshot shared with them
            return None, shared_brief_html(keyed, case_id)
        secret = keyed.fingerprint_secret(case_id) if keyed.has_key else None
    scrubber = KeptScrubber.for_case(
        case, use_ner=use_ner, secret=secret, keep_list=keep_list(workspace or None)
    )
    # What this revision's scrubs gave is kept: run again unchanged, no name model is loaded.
    scrubber.keep_in(private_dir_of(workspace), case, secret, use_ner=use_ner)
    brief = case_brief_html(deidentify(scrubber, case))
    return scrubber, brief


def shared_brief_html(store: CaseStore, case_id: str) -> str:
    """The newest snapshot of the case shared with the acting person, as escaped HTML (or a note
    that nothing is shared with them yet)."""
    from html import escape

    from casekit.access import actions

    found = actions.shared_with_me(store, case_id)
    if not found:
        return (
            '<div class="ck-static ck-shared-brief"><p>The presenter has not shared this case with you '
            "yet. Ask them to share it for this session.</p></div>"
        )
    newest = max(found, key=lambda snap: snap.shared_at)
    return f'<div class="ck-static ck-shared-brief" style="white-space: pre-wrap">{escape(newest.text)}</div>'


def earlier_items(
    store: CaseStore, case_id: str, session_date: dt.date, scrubber: Scrubber | None = None
) -> Static:
    """Open action items agreed in the case's sessions before ``session_date`` (scrubbed if given)."""
    items = open_action_items(store, case_id, before=session_date)
    if scrubber is not None:
        items = deidentify_items(items, scrubber)
    return Static(
        '<div class="ck-static">' + open_items_html(items, today=session_date) + "</div>",
        open_items_markdown(items, today=session_date),
    )


def static_record(
    store: CaseStore, case_id: str, session_date: dt.date, scrubber: Scrubber | None = None
) -> Static:
    """The session's record (scrubbed if a scrubber is given), or a note that nothing is recorded yet."""
    try:
        record = session_record(store, case_id, session_date)
    except SessionError:
        note = f"Nothing has been recorded yet in the session on case {case_id} ({session_date.year})."
        return Static(f'<p class="ck-static ck-muted">{esc(note)}</p>', f"_{md_esc(note)}_\n")
    if scrubber is not None:
        record = deidentify_record(record, scrubber)
    return Static(record_html(record), record_markdown(record))


def static_record_html(store: CaseStore, case_id: str, session_date: dt.date) -> str:
    """The session's record as static HTML (see :func:`static_record`)."""
    return static_record(store, case_id, session_date).html


_INTRO = """\
# Consultation session

This is the workbook for a peer consultation meeting on one case. The easiest way in is the casekit
home page: under **A live consultation session**, choose the case, your name in the group
and your role (facilitator, presenter, timekeeper, note taker or member) from lists, and start or
join. Everyone can be on their own server or around one shared screen.

The session moves through fixed stages — the presenter's question, a brief presentation, clarifying
questions, perspectives while the presenter listens, the presenter's response, the action plan, and a
short look back at the session. The facilitator moves everyone on. Whatever anyone adds is saved at
once and appears for everyone within a second or two.

Use aliases only. Do not type a client's name, address, workplace or dates of birth here: the record
is shared with the group and exported in the session summary."""

_PARAMETERS = """\
# Parameters: ids, a path, a date, an alias and a role only (never client details or passwords).
case_id = "CK-0101"         # the case's pseudonymous id
workspace = ""              # the casekit workspace folder; "" uses CASEKIT_WORKSPACE or this folder
session_date = ""           # YYYY-MM-DD; "" means today
member_alias = "Facilitator"  # your alias in the group, never your client's name
role = "facilitator"        # facilitator, presenter, timekeeper, note_taker or member"""

_OPEN = """\
from IPython.display import display

from casekit.session.session_workbook import (
    earlier_items, open_store, parse_session_date, prepare, static_record,
)

store = open_store(workspace)
date = parse_session_date(session_date)
scrubber, brief = prepare(workspace, case_id)
display(earlier_items(store, case_id, date, scrubber))"""

_LIVE = """\
from casekit.widgets.session import open_session

view = open_session(
    store, case_id, date, alias=member_alias, role=role, brief=brief, scrubber=scrubber
)
view"""

_RECORD = """\
display(static_record(store, case_id, date, scrubber))"""


def build_notebook():
    """The consultation-session notebook, built with nbformat (no outputs, no widget state)."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    def code(source: str, cell_id: str, *tags: str):
        cell = new_code_cell(source, id=cell_id)
        cell.metadata["tags"] = [*tags, "hide-input"]
        cell.metadata["jupyter"] = {"source_hidden": True}
        return cell

    def screen_only(text: str, cell_id: str) -> Any:
        # Words for someone at the screen; exports leave them out (the "screen-only" tag).
        cell = new_markdown_cell(text, id=cell_id)
        cell.metadata["tags"] = ["screen-only"]
        return cell

    cells = [
        new_markdown_cell(_INTRO, id="session-00"),
        code(_PARAMETERS, "session-01", "parameters"),
        new_markdown_cell("## Open items from earlier sessions", id="session-02"),
        code(_OPEN, "session-03"),
        new_markdown_cell("## The session", id="session-04"),
        screen_only(
            "The current stage and its countdown are at the top. Add your questions and perspectives "
            "below them; everyone's contributions appear underneath, grouped by stage.",
            "session-04a",
        ),
        code(_LIVE, "session-05"),
        new_markdown_cell(
            "## Record of the session\n\nA plain copy of what was recorded, kept with the workbook and "
            "in the exported summary.",
            id="session-06",
        ),
        screen_only(
            "Run the workbook again at the end of the meeting to bring this copy up to date.", "session-06a"
        ),
        code(_RECORD, "session-07"),
    ]
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    nbformat.validate(notebook)
    return notebook


def write_notebook(path: str | Path) -> Path:
    """Write the notebook to ``path`` (atomically)."""
    import nbformat

    from casekit.fileio import atomic_write

    path = Path(path)
    atomic_write(path, nbformat.writes(build_notebook()) + "\n")
    return path


if __name__ == "__main__":
    write_notebook(sys.argv[1] if len(sys.argv) > 1 else Path("notebooks") / NOTEBOOK_NAME)
