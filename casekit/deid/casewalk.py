"""Scrub a whole case: every entry and free-text string outside the private identifiers."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from casekit.deid.report import Report
from casekit.model.case import Case, Entry, PrivateIdentifiers

if TYPE_CHECKING:
    from casekit.deid.scrubber import Scrubber

# Fields that hold codes, ids or review data rather than free text.
_SKIP_FIELDS = frozenset({"id", "meta", "identifiers", "deid_decisions", "schema_version", "voice"})


def case_texts(case: Case) -> list[tuple[str, str]]:
    """``(path, text)`` of every non-empty free-text string outside the identifiers, in walk order."""
    out: list[tuple[str, str]] = []
    _collect(case, "", out)
    return out


def _collect(value: Any, path: str, out: list[tuple[str, str]]) -> None:
    if isinstance(value, Entry):
        if value.text.strip():
            out.append((f"{path}", value.text))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name in _SKIP_FIELDS:
                continue
            _collect(getattr(value, name), f"{path}.{name}" if path else name, out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _collect(item, f"{path}[{i}]", out)
    elif isinstance(value, str) and not isinstance(value, Enum) and value.strip():
        out.append((path, value))


def scrub_case(scrubber: Scrubber, case: Case) -> tuple[Case, Report]:
    """Scrub ``case`` with ``scrubber``; see :meth:`Scrubber.scrub_case`."""
    items = case_texts(case)
    results = scrubber.scrub_many(items)
    report = Report()
    scrubbed: dict[str, str] = {}
    for (path, _), result in zip(items, results, strict=True):
        scrubbed[path] = result.text
        report.extend(result)
    data = _rebuild(case, "", scrubbed)
    data["identifiers"] = PrivateIdentifiers()
    return case.model_copy(update=data), report


def with_texts(case: Case, texts: dict[str, str]) -> Case:
    """A copy of ``case`` with the free texts at the paths in ``texts`` (as :func:`case_texts` names them)."""
    return case.model_copy(update=_rebuild(case, "", texts))


def _rebuild(value: Any, path: str, scrubbed: dict[str, str]) -> Any:
    if isinstance(value, Entry):
        return value.model_copy(update={"text": scrubbed.get(path, value.text)})
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            if name in _SKIP_FIELDS:
                continue
            update[name] = _rebuild(getattr(value, name), f"{path}.{name}" if path else name, scrubbed)
        return update if path == "" else value.model_copy(update=update)
    if isinstance(value, list):
        return [_rebuild(item, f"{path}[{i}]", scrubbed) for i, item in enumerate(value)]
    if isinstance(value, str) and not isinstance(value, Enum):
        return scrubbed.get(path, value)
    return value
