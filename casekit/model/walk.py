"""The one walk over a case: which parts, dated parts and strings it has, and where each one sits.

Everything that must reach every piece of a case goes through here: de-identification (every free-text
string, dictionary keys included), the summaries (every entry), the store's sealed dates and the
timeline (every dated part). A field added to the case model is found by all of them at once.

Paths look like ``goals[0].client_words`` and are stable for a given case shape. An entry's text sits
at the entry's own path; a dictionary's keys sit at ``<path>.key[i]`` and its values at
``<path>.value[i]`` (by position, so a path never repeats what a key says).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from enum import Enum

from pydantic import BaseModel

from casekit.model.case import Case, Entry

#: Fields that hold codes, ids or review data that casekit writes, not text a person typed: the
#: pseudonymous meta (case id and aliases, checked against the identifiers when the case is validated),
#: item ids, the stored review decisions (fingerprints) and the schema version.
_CODES = frozenset({"id", "meta", "deid_decisions", "schema_version"})


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


def iter_dated(case: Case) -> Iterator[tuple[str, BaseModel]]:
    """Yield ``(path, part)`` for every part with an event ``date`` (set or not): the one definition of
    a dated part, used by the store (which seals the real dates) and by the timeline (weeks)."""
    return iter_parts(case, lambda part: "date" in type(part).model_fields)


def _walk(value: object, path: str, wanted: Callable[[BaseModel], bool]) -> Iterator[tuple[str, BaseModel]]:
    if isinstance(value, BaseModel):
        if wanted(value):
            yield path, value
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), f"{path}.{name}", wanted)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]", wanted)


def iter_texts(case: Case) -> Iterator[tuple[str, str]]:
    """Yield ``(path, text)`` for every string a person typed into the case, outside the identifiers.

    That is each entry's text, each short free-text field (pronouns, a language, a power dynamic's
    kind) and each dictionary key (an instrument's local name), empty or not. Codes casekit keeps
    (ids, the pseudonymous meta, review fingerprints) and choices (enum values) are not text. These are
    the strings de-identification must scrub; :func:`replace_texts` puts scrubbed ones back.
    """
    for name in type(case).model_fields:
        if name != "identifiers" and name not in _CODES:
            for path, value in _leaves(getattr(case, name), name, codes=False):
                if isinstance(value, str):
                    yield path, value


def iter_strings(case: Case) -> Iterator[tuple[str, str]]:
    """Yield ``(path, text)`` for every string outside the private identifiers: the texts of
    :func:`iter_texts`, and also ids, codes, choices and dates (as ISO text)."""
    for name in type(case).model_fields:
        if name != "identifiers":
            for path, value in _leaves(getattr(case, name), name, codes=True):
                if isinstance(value, str):
                    yield path, value
                elif isinstance(value, dt.date):
                    yield path, value.isoformat()


def _leaves(value: object, path: str, *, codes: bool) -> Iterator[tuple[str, object]]:
    """``(path, value)`` of every leaf under ``value`` and of every dictionary key.

    Without ``codes``, fields in :data:`_CODES` and enum values are left out.
    """
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if codes or not _is_code(value, name):
                yield from _leaves(getattr(value, name), _field_path(value, path, name), codes=codes)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{path}[{index}]", codes=codes)
    elif isinstance(value, dict):
        for index, (key, item) in enumerate(value.items()):
            yield from _leaves(key, f"{path}.key[{index}]", codes=codes)
            yield from _leaves(item, f"{path}.value[{index}]", codes=codes)
    elif codes or not isinstance(value, Enum):
        yield path, value


def _is_code(model: BaseModel, name: str) -> bool:
    # An entry's language tag made of registered codes only is a code: the "Hans" of "zh-Hans" is a
    # script, not a name. A tag with a private-use or unknown part ("en-x-...") is scrubbed as text.
    if isinstance(model, Entry) and name == "language":
        return _registered_tag(model.language)
    return name in _CODES


def _registered_tag(tag: str | None) -> bool:
    """Whether every part of a BCP-47 tag is a language, script, region or variant code CLDR knows."""
    from babel import Locale
    from babel.core import parse_locale

    if not tag:
        return False
    try:
        language, territory, script, variant, *_ = (*parse_locale(tag, sep="-"), None)
    except ValueError:
        return False
    names = Locale("en")
    return (
        language in names.languages
        and (script is None or script in names.scripts)
        and (territory is None or territory in names.territories)
        and (variant is None or variant in names.variants)
    )


def _field_path(model: BaseModel, path: str, name: str) -> str:
    # An entry's text sits at the entry's path ("goals[0].client_words"), as in iter_entries.
    return path if isinstance(model, Entry) and name == "text" else f"{path}.{name}"


def replace_texts(case: Case, texts: Mapping[str, str]) -> Case:
    """A copy of ``case`` with the strings at the paths of :func:`iter_texts` replaced by ``texts``.

    Paths not in ``texts`` keep their string. A dictionary is rebuilt with its new keys; should two
    keys become the same (two names both replaced by one label), the later one is numbered
    ("Person A scale (2)") so that no value is lost.
    """
    update = {
        name: _rebuild(getattr(case, name), name, texts)
        for name in type(case).model_fields
        if name != "identifiers" and name not in _CODES
    }
    return case.model_copy(update=update)


def _rebuild(value: object, path: str, texts: Mapping[str, str]) -> object:
    if isinstance(value, BaseModel):
        update = {
            name: _rebuild(getattr(value, name), _field_path(value, path, name), texts)
            for name in type(value).model_fields
            if name not in _CODES
        }
        return value.model_copy(update=update)
    if isinstance(value, list):
        return [_rebuild(item, f"{path}[{index}]", texts) for index, item in enumerate(value)]
    if isinstance(value, dict):
        out: dict[object, object] = {}
        for index, (key, item) in enumerate(value.items()):
            new_key = _rebuild(key, f"{path}.key[{index}]", texts)
            unique, n = new_key, 1
            while unique in out:
                n += 1
                unique = f"{new_key} ({n})"
            out[unique] = _rebuild(item, f"{path}.value[{index}]", texts)
        return out
    if isinstance(value, str) and not isinstance(value, Enum):
        return texts.get(path, value)
    return value
