"""The three-way merge of two edits of one revision: both kept where they differ, conflicts named."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.model import Goal
from casekit.model.walk import iter_texts, replace_texts
from casekit.store.merge import MISSING, MergeConflictError, merge_cases, merge_json
from tests.fictional import make_case

KEYS = st.sampled_from(["a", "b", "c", "d", "e", "f"])
SCALARS = st.one_of(st.integers(-3, 3), st.booleans(), st.text(max_size=3), st.none())
FLAT = st.dictionaries(KEYS, SCALARS, max_size=6)


@st.composite
def two_edits(draw: st.DrawFn, overlap: bool) -> tuple[dict, dict, dict, set[str], set[str]]:
    """A base dict and two edits of it: theirs touches keys T, ours keys O (overlapping or not)."""
    base = draw(FLAT)
    keys = sorted(draw(st.sets(KEYS, min_size=2)))
    split = draw(st.integers(1, len(keys) - 1))
    theirs_keys, ours_keys = set(keys[:split]), set(keys[split:])
    if overlap:
        ours_keys.add(draw(st.sampled_from(sorted(theirs_keys))))
    theirs, ours = dict(base), dict(base)
    for side, touched in ((theirs, theirs_keys), (ours, ours_keys)):
        for key in touched:
            value = draw(st.one_of(SCALARS, st.just(MISSING)))
            if value is MISSING:
                side.pop(key, None)
            else:
                side[key] = value
    return base, theirs, ours, theirs_keys, ours_keys


@settings(max_examples=300, deadline=None)
@given(two_edits(overlap=False))
def test_merging_edits_of_different_fields_keeps_both(edits):
    """When two edits touch different keys, does the merge hold each side's edit and report nothing?"""
    base, theirs, ours, theirs_keys, ours_keys = edits
    merged, conflicts = merge_json(base, theirs, ours)
    assert conflicts == []
    for key in theirs_keys:
        assert merged.get(key, MISSING) == theirs.get(key, MISSING)
    for key in ours_keys:
        assert merged.get(key, MISSING) == ours.get(key, MISSING)
    for key in set(base) - theirs_keys - ours_keys:
        assert merged[key] == base[key]


@settings(max_examples=300, deadline=None)
@given(two_edits(overlap=True))
def test_differing_edits_of_one_field_are_reported_never_chosen(edits):
    """Is every key both sides changed, to different values, among the conflicts (and nothing else)?"""
    base, theirs, ours, _, _ = edits
    _, conflicts = merge_json(base, theirs, ours)
    differ = {
        key
        for key in set(base) | set(theirs) | set(ours)
        if repr(theirs.get(key, MISSING)) != repr(base.get(key, MISSING))
        and repr(ours.get(key, MISSING)) != repr(base.get(key, MISSING))
        and repr(theirs.get(key, MISSING)) != repr(ours.get(key, MISSING))
    }
    assert set(conflicts) == differ


@settings(max_examples=200, deadline=None)
@given(FLAT, FLAT, FLAT)
def test_the_merge_is_the_same_whichever_side_saved_first(base, theirs, ours):
    """Are the conflicts, and a clean merge's result, the same with the two sides swapped?"""
    one, found_one = merge_json(base, theirs, ours)
    two, found_two = merge_json(base, ours, theirs)
    assert sorted(found_one) == sorted(found_two)
    if not found_one:
        assert one == two


@given(FLAT, FLAT)
def test_an_unchanged_side_gives_the_other_side_whole(base, edited):
    """Does merging with a side that changed nothing give exactly the other side?"""
    assert merge_json(base, base, edited) == (edited, [])
    assert merge_json(base, edited, base) == (edited, [])


def test_a_change_from_one_to_true_is_an_edit():
    """Is 1 → true an edit (Python's 1 == True must not hide it)?"""
    assert merge_json({"x": 1}, {"x": True}, {"x": 2}) == ({"x": 2}, ["x"])


def test_items_added_on_both_sides_are_both_kept_in_order():
    """Do two people each adding a goal keep both goals, theirs after the shared ones, then ours?"""
    base = [{"id": "aaaa", "t": "1"}]
    theirs = [*base, {"id": "bbbb", "t": "theirs"}]
    ours = [*base, {"id": "cccc", "t": "ours"}]
    merged, conflicts = merge_json(base, theirs, ours)
    assert conflicts == []
    assert [item["id"] for item in merged] == ["aaaa", "cccc", "bbbb"]


def test_an_item_removed_by_one_side_and_edited_by_the_other_is_a_conflict():
    """Is deleting a goal someone else just edited reported, rather than losing their edit?"""
    base = [{"id": "aaaa", "t": "1"}, {"id": "bbbb", "t": "2"}]
    theirs = [base[0]]
    ours = [base[0], {"id": "bbbb", "t": "edited"}]
    _, conflicts = merge_json(base, theirs, ours, "goals")
    assert conflicts == ["goals[1]"]
    removed, none = merge_json(base, theirs, base, "goals")
    assert (removed, none) == (theirs, [])


def test_both_reordering_differently_is_a_conflict():
    """If both sides moved the same items into different orders, is the order reported?"""
    a, b, c = ({"id": n * 4} for n in "abc")
    _, conflicts = merge_json([a, b, c], [c, b, a], [b, a, c], "goals")
    assert conflicts == ["goals (order)"]
    merged, none = merge_json([a, b, c], [c, b, a], [a, b, c, {"id": "dddd"}], "goals")
    assert none == [] and [i["id"] for i in merged] == ["cccc", "bbbb", "aaaa", "dddd"]


TEXT_PATHS = [path for path, _ in iter_texts(make_case())]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(TEXT_PATHS), min_size=2, max_size=6, unique=True),
    st.integers(1, 5),
    st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=20),
)
def test_a_case_merge_keeps_every_text_edited_on_one_side(paths, split, word):
    """Editing different texts of a real case on each side: does the merged case hold every edit?"""
    split = min(split, len(paths) - 1)
    base = make_case()
    theirs = replace_texts(base, {p: f"theirs {word}" for p in paths[:split]})
    theirs.goals.append(Goal())
    ours = replace_texts(base, {p: f"ours {word}" for p in paths[split:]})
    merged = merge_cases(base, theirs, ours, based_on=1, head=2)
    texts = dict(iter_texts(merged))
    assert all(texts[p] == f"theirs {word}" for p in paths[:split])
    assert all(texts[p] == f"ours {word}" for p in paths[split:])
    assert len(merged.goals) == 2 and merged.identifiers == base.identifiers


def test_a_case_merge_names_the_field_both_changed():
    """Both sides rewrote the consultation question: refused, naming it, with both revisions?"""
    base = make_case()
    theirs, ours = base.model_copy(deep=True), base.model_copy(deep=True)
    theirs.consultation_question.text = "their question"
    ours.consultation_question.text = "my question"
    ours.goals[0].client_words.text = "mine alone"
    with pytest.raises(MergeConflictError) as caught:
        merge_cases(base, theirs, ours, based_on=3, head=5)
    err = caught.value
    assert err.paths == ["consultation_question.text"]
    assert (err.based_on, err.head, err.exit_code) == (3, 5, 4)
    assert "consultation_question.text" in str(err) and "\n" not in str(err)


def test_a_conflict_in_an_instrument_score_never_shows_the_instrument_key():
    """Both changed a score under a key that holds a name: is the key left out of the message?"""
    import datetime as dt

    from casekit.model import FeedbackEntry

    base = make_case()
    base.feedback.append(
        FeedbackEntry(date=dt.date(2026, 3, 9), instrument_scores={"Oriane Vasquez scale": 20.0})
    )
    theirs, ours = base.model_copy(deep=True), base.model_copy(deep=True)
    theirs.feedback[0].instrument_scores = {"Oriane Vasquez scale": 22.0}
    ours.feedback[0].instrument_scores = {"Oriane Vasquez scale": 25.0}
    with pytest.raises(MergeConflictError) as caught:
        merge_cases(base, theirs, ours, based_on=1, head=2)
    assert caught.value.paths == ["feedback[0].instrument_scores.<key>"]
    assert "Oriane" not in str(caught.value)
