"""Walk every free-text entry of a case with its location, for de-identification and summaries."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pydantic import BaseModel

from casekit.model.case import Case, Entry


def iter_entries(case: Case) -> Iterator[tuple[str, Entry]]:
    """Yield ``(path, entry)`` for every :class:`Entry` in the case, outside the private identifiers.

    Paths look like ``goals[0].client_words`` and are stable for a given case shape.
    """
    yield from iter_parts(case, lambda m: isinstance(m, Entry))  # type: ignore[misc]


def iter_parts(case: Case, wanted: Callable[[BaseModel], bool]) -> Iterator[tuple[str, BaseModel]]:
    """Yield ``(path, part)`` for every part of the case, outside the private identifiers, that
    ``wanted`` accepts (depth first; paths as in :func:`iter_entries`)."""
    for name in type(case).model_fields:
        if name == "identifiers":
            continue
        yield from _walk(getattr(case, name), name, wanted)


def _walk(value: object, path: str, wanted: Callable[[BaseModel], bool]) -> Iterator[tuple[str, BaseModel]]:
    if isinstance(value, BaseModel):
        if wanted(value):
            yield path, value
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), f"{path}.{name}", wanted)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]", wanted)


def iter_strings(case: Case) -> Iterator[tuple[str, str]]:
    """Yield ``(path, text)`` for every string outside the private identifiers (entries and labels)."""
    data = case.model_dump(mode="json", exclude={"identifiers"})
    yield from _strings(data, "")


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")
