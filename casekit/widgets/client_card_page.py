"""The kiosk page around a client card: open a one-time link, show its card, save what the client sent.

``notebooks/client-card.ipynb`` calls :func:`show_client_card`. The page reads the link's token from
its own address, claims it (:class:`casekit.cardlinks.CardLinks`), and shows that one card and nothing
else; an unknown, used or expired link shows only a short note. ``casekit card serve`` serves this
workbook alone with Voila, so no other page of the workspace can be reached from the kiosk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pydantic
from nbformat import NotebookNode

from casekit.card_entries import CardAnswers, add_about, add_feedback
from casekit.cardlinks import CardLink, CardLinks
from casekit.errors import CasekitError, CaseValidationError, RevisionConflictError
from casekit.instruments import Instrument, load_instruments
from casekit.resources import widget_workbook, write_workbook
from casekit.widgets.client_card import NOTEBOOK_NAME, ClientCard, nothing_here, token_from_query

#: Who the card's revisions are by: the client, through their card (never their name).
AUTHOR = "Client card"

_PARAMETERS = """\
# Parameters: a path only (never a name or other identifier).
workspace = ""  # the casekit workspace folder; "" uses $CASEKIT_WORKSPACE or the current folder"""

_PAGE = """\
from casekit.widgets.client_card_page import show_client_card

show_client_card(workspace)"""


def build_notebook() -> NotebookNode:
    """The client card workbook: hidden code only, no text of its own, no outputs, no widget state."""
    return widget_workbook("client-card", _PARAMETERS, _PAGE)


def write_notebook(path: Path) -> Path:
    """Write the workbook to ``path`` (atomically)."""
    return write_workbook(path, build_notebook())


def save_card(
    open_store: Callable[[], Any],
    link: CardLink,
    answers: CardAnswers,
    today: dt.date,
    instruments: Mapping[str, Instrument] | None = None,
) -> int:
    """Add the client's answers to their case as a new revision; return the revision number.

    The totals of the clinic's ``instruments`` (by name) the client answered in full are scored and
    kept with the feedback entry.

    A clinician saving at the same moment is not overwritten: on a conflict the newest revision is
    read again and the answers added to it (up to three tries).
    """
    with open_store() as store:
        for _try in range(3):
            record = store.load(link.case_id)
            try:
                if link.card == "about":
                    case, replaced = add_about(record.case, answers)
                else:
                    case, replaced = add_feedback(record.case, answers, today, instruments), []
            except pydantic.ValidationError as exc:  # never echo what was typed: it may name the client
                fields = ", ".join(".".join(map(str, error["loc"])) for error in exc.errors())
                raise CaseValidationError(
                    f"case {link.case_id}: the card's answers do not fit ({fields})"
                ) from None
            note = f"The client's own {link.card} card, in {answers.language}"
            if replaced:
                note += "; it takes the place of earlier text in: " + ", ".join(replaced)
            try:
                return store.save(case, based_on=record.revision, author=AUTHOR, note=note).revision
            except RevisionConflictError:
                continue
    raise RevisionConflictError(
        f"case {link.case_id}: the card could not be saved after three tries; send again"
    )


def show_client_card(workspace: str = "", *, query: str | None = None, today: dt.date | None = None) -> Any:
    """The card a one-time link opens, or a short note if the link opens nothing.

    Parameters
    ----------
    workspace
        The workspace folder ("" uses ``$CASEKIT_WORKSPACE`` or the current folder).
    query
        The page's query string (default: the one Voila gives the kernel).
    today
        The date of a feedback card (default: today).
    """
    from casekit.nbsupport import headless
    from casekit.settings import resolve
    from casekit.widgets.formulation_workbook import _Message
    from casekit.workspace import Workspace

    if headless():
        return _Message("The client card opens from a one-time link: make one with casekit card link.")
    try:
        settings = resolve(workspace=workspace or None)
        ws = Workspace.find(settings.workspace)
    except CasekitError:
        return nothing_here()
    token = token_from_query(query)
    links = CardLinks(ws.private_dir)
    link = links.claim(token)
    if link is None:
        return nothing_here()

    try:
        instruments = load_instruments(ws) if link.card == "feedback" else {}
    except CasekitError:  # a clinic's instrument file that cannot be read leaves only casekit's questions
        instruments = {}

    def send(answers: CardAnswers) -> None:
        save_card(lambda: ws.open_store_with(settings), link, answers, today or dt.date.today(), instruments)
        links.finish(token)

    return ClientCard(link.card, link.language, send, instruments)


def main(argv: list[str] | None = None) -> int:
    """Rewrite ``notebooks/client-card.ipynb`` (or the path given)."""
    from casekit.resources import rewrite_workbook

    return rewrite_workbook(NOTEBOOK_NAME, write_notebook, argv)


if __name__ == "__main__":
    raise SystemExit(main())
