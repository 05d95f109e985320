"""De-identify a session record (or open action items) with a case's scrubber before showing it.

A session is a group's live conversation; what is kept of it — the static record in the notebook and
the exported summary — is de-identified like every other group-facing rendering. Every contribution
and action item text goes through :class:`casekit.deid.Scrubber` (the case's identifiers, and NER if
the scrubber uses it); aliases, lenses and stage titles are casekit's own or validated aliases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casekit.session.model import OpenActionItem, SessionRecord

if TYPE_CHECKING:
    from casekit.deid import Scrubber


def deidentify_record(record: SessionRecord, scrubber: Scrubber) -> SessionRecord:
    """A copy of ``record`` with every free text scrubbed.

    Raises
    ------
    ResidualIdentifierError
        If a known identifier survives scrubbing (nothing is returned).
    """
    clean = record.model_copy(deep=True)
    items = [(f"session.contributions[{i}].text", c.text.text) for i, c in enumerate(clean.contributions)]
    items += [(f"session.actions[{i}].text", a.text.text) for i, a in enumerate(clean.actions)]
    results = scrubber.scrub_many(items) if items else []
    n = len(clean.contributions)
    for i, result in enumerate(results):
        target = clean.contributions[i] if i < n else clean.actions[i - n]
        target.text = target.text.model_copy(update={"text": result.text})
    return clean


def deidentify_items(items: list[OpenActionItem], scrubber: Scrubber) -> list[OpenActionItem]:
    """Copies of open action items with their texts scrubbed."""
    if not items:
        return []
    results = scrubber.scrub_many(
        [(f"session.open_actions[{i}].text", o.item.text.text) for i, o in enumerate(items)]
    )
    out = []
    for o, result in zip(items, results, strict=True):
        item = o.item.model_copy(update={"text": o.item.text.model_copy(update={"text": result.text})})
        out.append(OpenActionItem(session_date=o.session_date, item=item))
    return out
