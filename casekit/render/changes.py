"""What changed between two revisions of a case, section by section, without any identifier.

Items in lists (goals, missteps, ...) carry stable ids, so an item is "added", "removed" or
"changed" by id, not by position. The private identifiers and de-identification decisions are never
compared or shown.
"""

from __future__ import annotations

from typing import Any

from casekit.model import Case
from casekit.render.doc import Bullets, Document, Para
from casekit.render.field_labels import SECTIONS, field_label
from casekit.render.formulation_sections import clip, goal_title
from casekit.render.relative_dates import Timeline
from casekit.render.rendering import Rendering
from casekit.text.words import count

_LIST_SECTIONS = {
    "power": "Power dynamics",
    "goals": "Goals",
    "adaptations": "Adaptations",
    "missteps": "Missteps",
    "feedback": "Feedback entries",
    "supervision_notes": "Supervision notes",
    "supervision_meetings": "Supervision meetings",
    "learning_plan": "Learning plan items",
}
_OBJECT_SECTIONS = {
    "identity": "Identity in the client's words",
    "positionality": "Clinician positionality",
    "consultation_question": "Consultation question",
    "consultation_consent": "Consent to consultation",
    "wanted_from_group": "What the presenter would like from the group",
}


def _changed_fields(old: Any, new: Any, prefix: str = "") -> list[str]:
    """Dotted names of the fields that differ between two dumped models."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in sorted(set(old) | set(new)):
            if key == "voice":
                continue
            out += _changed_fields(old.get(key), new.get(key), f"{prefix}.{key}" if prefix else key)
        return out
    return [] if old == new else [prefix or "text"]


def _top(path: str) -> str:
    """The field a dotted path starts in: ``"agreed_wording.text"`` -> ``"agreed_wording"``."""
    return path.split(".")[0].split("[")[0] or "text"


def change_lines(old: Case, new: Case) -> list[str]:
    """Plain lines describing what changed from ``old`` to ``new`` (empty if nothing did)."""
    lines: list[str] = []
    timeline = Timeline.of(new)
    for name, title in _OBJECT_SECTIONS.items():
        a = getattr(old, name).model_dump(mode="json")
        b = getattr(new, name).model_dump(mode="json")
        fields = _changed_fields(a, b)
        if fields:
            names = sorted({field_label(name, _top(f)) for f in fields})
            lines.append(f"{title}: changed ({', '.join(names)}).")
    for name, title in _LIST_SECTIONS.items():
        before = {item.id: item for item in getattr(old, name)}
        after = {item.id: item for item in getattr(new, name)}
        added = [i for i in after if i not in before]
        removed = [i for i in before if i not in after]
        details: list[str] = []
        for item_id in after:
            if item_id not in before:
                continue
            a = before[item_id].model_dump(mode="json")
            b = after[item_id].model_dump(mode="json")
            if a == b:
                continue
            details.append(_describe_item_change(name, new, item_id, a, b, timeline))
        if not (added or removed or details):
            continue
        counts = []
        if added:
            counts.append(f"{len(added)} added")
        if removed:
            counts.append(f"{len(removed)} removed")
        if details:
            counts.append(f"{len(details)} changed")
        line = f"{title}: {', '.join(counts)}."
        if name == "goals" and added:
            numbers = {g.id: n for n, g in enumerate(new.goals, 1)}
            line += " New: " + "; ".join(goal_title(after[i], numbers[i]) for i in added) + "."
        lines.append(line)
        lines += [f"  {d}" for d in details]
    return lines


def _describe_item_change(name: str, case: Case, item_id: str, a: dict, b: dict, timeline: Timeline) -> str:
    names = sorted({_top(f) for f in _changed_fields(a, b)} - {"id"})
    fields = [field_label(name, f) for f in names if f not in {"ratings", "status"}]
    if name == "goals":
        numbers = {g.id: n for n, g in enumerate(case.goals, 1)}
        goal = next(g for g in case.goals if g.id == item_id)
        extra = len(b.get("ratings", [])) - len(a.get("ratings", []))
        parts = []
        if extra > 0:
            parts.append(count(extra, "new rating"))
        if a.get("status") != b.get("status"):
            parts.append(
                f"status {a.get('status', '').replace('_', ' ')} → {b.get('status', '').replace('_', ' ')}"
            )
        if fields:
            parts.append("wording changed (" + ", ".join(fields) + ")")
        return f"{goal_title(goal, numbers[item_id])}: {'; '.join(parts) or 'changed'}."
    if name == "missteps":
        misstep = next(m for m in case.missteps if m.id == item_id)
        status = ""
        if a.get("status") != b.get("status"):
            status = (
                f"; repair {a.get('status', '').replace('_', ' ')} → {b.get('status', '').replace('_', ' ')}"
            )
        return f"Misstep ({timeline.label(misstep.date)}): {_listed(fields, 'changed')}{status}."
    return f"{clip(SECTIONS.get(name, name), 30)} item: {_listed(fields, 'changed')}."


def _listed(fields: list[str], verb: str) -> str:
    """``"what happened, repair changed"``, or just ``"changed"`` when only ratings or status did."""
    return f"{', '.join(fields)} {verb}" if fields else verb


def render_changes(old: Case, new: Case, *, old_label: str, new_label: str, level: int = 3) -> Rendering:
    """Render what changed between two revisions.

    Parameters
    ----------
    old, new
        The earlier and the later revision of the same case.
    old_label, new_label
        How to name the two revisions (``"revision 3"``), shown in the heading's introduction. They
        must not contain a calendar date.
    """
    doc = Document("changes", "What changed since the last consultation", level=level)
    lines = change_lines(old, new)
    doc.add(Para.of(f"Comparing {old_label} with {new_label}."))
    if lines:
        top: list[tuple[str, ...]] = []
        for line in lines:
            if line.startswith("  ") and top:
                top[-1] = (*top[-1][:-1], top[-1][-1] + " " + line.strip())
            else:
                top.append((line,))
        doc.add(Bullets(tuple(top)))
    else:
        doc.add(Para.of("Nothing in the formulation changed between these revisions."))
    return Rendering.from_document(doc)
