"""A revision's own fields (author, note) are stored in clear: they must not hold the client's identifiers.

The case body is scrubbed for the group and its identifiers are sealed, but a revision's author and
note are stored as typed and printed by ``casekit case history``. An alias given as ``--author`` or a
note made from an imported file's name ("imported from odalys-tamura.json") could carry the client's
name in clear, so both are checked against the case's identifiers before anything is stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casekit.errors import CaseValidationError

if TYPE_CHECKING:
    from casekit.model import Case

#: What each checked field is called in messages, and how to fix it.
_FIXES = {
    "author": "use your own alias, such as 'Presenter A'",
    "note": "reword the note (for an import, rename the file to the case id, such as CK-0412.json)",
}


def check_revision_fields(case: Case, *, author: str, note: str = "") -> None:
    """Refuse an ``author`` or ``note`` that holds any form of the case's private identifiers.

    Names count as whole words, folded for case and accents ("odalys" in a file name is the client's
    name); every other identifier form is found as :func:`casekit.deid.scan_for_identifiers` finds it.
    Without the key the identifiers are not open and nothing can be checked.

    Raises
    ------
    CaseValidationError
        Naming the field and the fix, never the identifier.
    """
    ids = case.identifiers
    if ids.is_empty():
        return
    from casekit.deid import scan_for_identifiers
    from casekit.deid.text import fold, words

    parts = {fold(w).casefold() for name in _names(case) for w in words(name) if len(w) >= 3}
    for field, value in (("author", author), ("note", note)):
        if not value:
            continue
        tokens = {fold(w).casefold() for w in words(value.replace("_", " "))}
        # A one- or two-letter name ("A", "Jo") would match every alias with that letter or word in
        # it; names count from three letters, as above, and so do the scan's finds.
        found = [hit for hit in scan_for_identifiers(value, ids) if hit.length >= 3]
        if tokens & parts or found:
            raise CaseValidationError(
                f"{field}: the revision's {field} holds part of the client's private identifiers and would "
                f"be stored in clear; {_FIXES[field]}",
                field=field,
            )


def _names(case: Case) -> list[str]:
    ids = case.identifiers
    names = [ids.legal_name, ids.name_used, *ids.other_names, *ids.names_in_other_scripts]
    for member in ids.household:
        names += [member.name, *member.other_names]
    return [n for n in names if n]
