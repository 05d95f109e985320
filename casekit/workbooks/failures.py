"""A failed run, told in one line that never quotes a client's private identifiers.

The line names the workbook, the case (or the organisation), the cell, the exception type and the last
line of its message. A message that quotes an identifier of the case (of any case, for an
organisation-level run) is withheld, and the error outputs saved in the notebook are scrubbed the same
way, before the notebook is written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nbformat import NotebookNode

    from casekit.model import PrivateIdentifiers
    from casekit.workbooks.catalog import Workbook
    from casekit.workspace import Workspace

_WITHHELD_OUTPUT = "(withheld: the message quoted private case data)"
_WITHHELD_MESSAGE = "(message withheld: it quoted private case data)"


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines() if ln.strip()]
    line = lines[-1] if lines else ""
    return line if len(line) <= 200 else line[:199] + "…"


def identifiers_for(
    workspace: Workspace, case_id: str | None, db_url: str | None, passphrase: str | None
) -> list[PrivateIdentifiers]:
    """The identifiers a failure is checked against: the case's, or every case's for no case."""
    with workspace.open_store(db_url=db_url, passphrase=passphrase) as store:
        ids = [case_id] if case_id is not None else [s.case_id for s in store.list_cases()]
        return [store.load(i).case.identifiers for i in ids]


def describe_failure(
    book: Workbook,
    case_id: str | None,
    nb: NotebookNode,
    failure: BaseException,
    identifiers: list[PrivateIdentifiers],
) -> str:
    """One line naming the workbook, the cell, the exception and its message's last line.

    The first failing cell's error outputs are scrubbed in ``nb`` if they quote an identifier.
    """
    from casekit.deid import scan_for_identifiers

    def find(text: str) -> bool:
        return bool(scan_for_identifiers(text, identifiers))

    where, ename, evalue = "", type(failure).__name__, str(failure)
    for index, cell in enumerate(nb.cells):
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if not errors:
            continue
        err = errors[0]
        where = f" at cell {index + 1} (In [{cell.get('execution_count') or ' '}])"
        ename, evalue = err.get("ename", ename), err.get("evalue", "")
        for out in errors:
            if find(out.get("evalue", "")) or any(find(t) for t in out.get("traceback", [])):
                out["evalue"] = _WITHHELD_OUTPUT
                out["traceback"] = [f"{out.get('ename', 'Error')}: {out['evalue']}"]
        break
    message = _last_line(evalue)
    if find(message):
        message = _WITHHELD_MESSAGE
    subject = f"for case {case_id}" if case_id is not None else "for the organisation"
    head = f"{book.name} {subject} failed{where}: {ename}"
    return f"{head}: {message}" if message else head
