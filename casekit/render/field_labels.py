"""The words the formulation form shows for a case's fields, for anything that names a field.

"What changed" in a case review and the de-identification review both have to say *where* something
is. They say it with the labels the clinician sees on the form ("How their identities meet and shape
each other"), never with the model's field names ("intersections"). The form's own labels
(:data:`casekit.widgets.formulation_guidance.FIELD_LABELS`) come first; the words for list items'
fields below are the ones the form's rows show.

Pure data and functions; no I/O.
"""

from __future__ import annotations

import re

from casekit.widgets.formulation_guidance import FIELD_LABELS

#: Top-level parts of a case, as the form's tabs and lists name them.
SECTIONS: dict[str, str] = {
    "identity": "Client identity",
    "positionality": "Clinician positionality",
    "consultation_question": "What I would like from the group",
    "power": "Power dynamics",
    "goals": "Co-created goals",
    "adaptations": "Adaptations",
    "missteps": "Missteps and repair",
    "feedback": "Client feedback",
    "supervision_notes": "Supervision notes",
}

#: Fields of list items (and of identity rows), as the form's rows label them.
ITEM_FIELDS: dict[str, str] = {
    "words": "in their words",
    "salience": "how much it matters to them",
    "domain": "area",
    "language": "language",
    "context": "where or with whom",
    "preferred_for_sessions": "preferred for sessions",
    "standing": "where you stand",
    "level": "where it operates",
    "kind": "short label",
    "description": "what it is",
    "effect": "its effect on the work",
    "response": "what you are doing about it",
    "client_words": "the client's words",
    "clinician_framing": "your framing",
    "agreed_wording": "agreed wording",
    "values_served": "values it serves",
    "progress_signs": "how progress will be noticed",
    "ratings": "progress ratings",
    "status": "status",
    "what": "what you changed",
    "why": "why",
    "client_response": "how the client responded",
    "date": "date",
    "what_happened": "what happened",
    "impact": "its impact",
    "acknowledgement": "how you acknowledged it",
    "repair": "repair",
    "follow_up": "follow-up",
    "felt_understood": "felt understood",
    "felt_respected": "felt respected",
    "comments": "the client's comments",
    "instrument_scores": "instrument totals",
    "instrument_partial": "questionnaires answered in part",
    "topic": "topic",
    "note": "note",
    "learning": "learning",
    "score": "rating",
}


def field_label(section: str, name: str) -> str:
    """What the form calls field ``name`` of ``section`` (lower case), e.g. ``identity``/``naming``."""
    label = FIELD_LABELS.get(f"{section}.{name}") or ITEM_FIELDS.get(name)
    if label is None:
        return name.replace("_", " ")
    return label[0].lower() + label[1:] if not label[:2].isupper() else label


def where_label(path: str) -> str:
    """A case path (``identity.identities[4].words``) as the form names it.

    >>> where_label("identity.identities[4].words")
    'Identities the client names, item 5 (in their words)'
    >>> where_label("goals[0].client_words")
    "Co-created goals, item 1 (the client's words)"
    """
    parts = [p for p in path.split(".") if p not in {"text", "voice"}]
    if not parts:
        return "the formulation"
    head, index = _split(parts[0])
    if head in SECTIONS and len(parts) > 1 and f"{head}.{_split(parts[1])[0]}" in FIELD_LABELS:
        field, index = _split(parts[1])
        title, rest = FIELD_LABELS[f"{head}.{field}"], parts[2:]
    else:
        title, rest = SECTIONS.get(head, FIELD_LABELS.get(head, head.replace("_", " "))), parts[1:]
    out = title if index is None else f"{title}, item {index + 1}"
    fields = [ITEM_FIELDS.get(_split(p)[0], _split(p)[0].replace("_", " ")) for p in rest]
    return f"{out} ({', '.join(fields)})" if fields else out


def _split(part: str) -> tuple[str, int | None]:
    match = re.fullmatch(r"(\w+)\[(\d+)\]", part)
    return (match.group(1), int(match.group(2))) if match else (part, None)
