"""The one walker over a case: its dated parts and strings, as the store, timeline and scrubber see them."""

from __future__ import annotations

import datetime as dt
import types
import typing

from pydantic import BaseModel

from casekit.model import Case
from casekit.model.walk import iter_dated, iter_strings, iter_texts, replace_texts
from casekit.render import Timeline
from tests.fictional import full_case


def _model_types(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    """Every model class reachable from ``model``'s fields (through lists, dicts and optionals)."""
    if model in seen:
        return seen
    seen.add(model)
    for field in model.model_fields.values():
        stack = [field.annotation]
        while stack:
            tp = stack.pop()
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                _model_types(tp, seen)
            stack.extend(
                typing.get_args(tp) if typing.get_origin(tp) or isinstance(tp, types.UnionType) else ()
            )
    return seen


def test_the_fictional_case_has_one_of_each_dated_part():
    """Does the test case hold every kind of part the case model dates (so the next test covers all)?"""
    dated_kinds = {m for m in _model_types(Case, set()) if "date" in m.model_fields}
    found = {type(part) for _, part in iter_dated(full_case())}
    assert dated_kinds and found == dated_kinds


def test_every_dated_part_the_walker_finds_is_on_the_timeline():
    """Made the earliest event in turn, does each dated part the walker finds start the case's timeline?"""
    case = full_case()
    paths = [path for path, part in iter_dated(case) if part.date is not None]
    assert len(paths) >= 4
    early = dt.date(2024, 1, 1)
    for path in paths:
        copy = case.model_copy(deep=True)
        part = dict(iter_dated(copy))[path]
        part.date = early  # type: ignore[attr-defined]
        assert Timeline.of(copy).start == early, path


def test_dictionary_keys_are_texts_at_paths_that_do_not_repeat_them():
    """Are an instrument's keys texts to scrub, found at positional paths that never quote the key?"""
    case = full_case()
    case.feedback[0].instrument_scores = {"Quintavalle scale": 3.0, "total": 9.0}
    texts = dict(iter_texts(case))
    assert texts["feedback[0].instrument_scores.key[0]"] == "Quintavalle scale"
    assert texts["feedback[0].instrument_scores.key[1]"] == "total"
    assert not any("Quintavalle" in path for path, _ in iter_strings(case))
    assert "Quintavalle scale" in {text for _, text in iter_strings(case)}


def test_replacing_every_text_reaches_every_text_and_leaves_codes_alone():
    """When every text is replaced, is each one changed while ids, choices and dates stay as they were?"""
    case = full_case()
    case.feedback[0].instrument_scores = {"scale": 3.0}
    texts = dict(iter_texts(case))
    replaced = replace_texts(case, {path: f"<{index}>" for index, path in enumerate(texts)})
    assert [text for _, text in iter_texts(replaced)] == [f"<{index}>" for index in range(len(texts))]
    assert replaced.identifiers == case.identifiers
    assert replaced.meta == case.meta
    # A dated part is a list item (with an id) or a single part (the consent record, a review date).
    ids = [(path, getattr(p, "id", None)) for path, p in iter_dated(case)]
    assert [(path, getattr(p, "id", None)) for path, p in iter_dated(replaced)] == ids
    assert [p.date for _, p in iter_dated(replaced)] == [p.date for _, p in iter_dated(case)]
    key_index = list(texts).index("feedback[0].instrument_scores.key[0]")
    assert replaced.feedback[0].instrument_scores == {f"<{key_index}>": 3.0}
    assert replaced.identity.identities[0].salience == case.identity.identities[0].salience
