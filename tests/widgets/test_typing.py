"""Typing while the form saves: the kernel side of "typing is never lost" (no browser, manual clock).

A page loses keystrokes when the kernel replaces the widget being typed into (its model is closed and
the page's box with it) or sends an old value back to it. These tests type character by character
into a new goal while autosaves and polls run, and check neither happens.
"""

from __future__ import annotations

import ipywidgets as widgets

from tests.widgets.helpers import CASE_ID, descendants, find, tab

SENTENCE = "Walk to choir with my sister on Thursdays"


def _type(box: widgets.Textarea, text: str) -> None:
    """Type ``text`` at the end of ``box`` one character at a time, as the page sends it."""
    for ch in text:
        box.value = box.value + ch


def test_an_autosave_while_typing_into_a_new_goal_keeps_its_box_and_every_character(make_form, store, clock):
    """After "Add goal", do autosaves and polls landing mid-sentence leave the very same box, open,
    holding every character typed, with nothing sent back to it but what was typed?"""
    form = make_form(poll_interval=0.5)
    panel = tab(form, "goals")
    goals = len(form.case.goals)
    find(panel, widgets.Button, "Add goal").click()
    box = find(panel, widgets.Textarea, "Agreed wording", nth=goals)
    widgets_before = list(descendants(panel))
    seen: list[str] = []
    box.observe(lambda change: seen.append(change["new"]), "value")

    half = len(SENTENCE) // 2
    _type(box, SENTENCE[:half])
    clock.advance(form.max_wait)  # an autosave and several polls land here
    assert store.load(CASE_ID).case.goals[goals].agreed_wording.text == SENTENCE[:half]
    _type(box, SENTENCE[half:])
    clock.advance(form.max_wait)

    assert find(panel, widgets.Textarea, "Agreed wording", nth=goals) is box
    assert box.comm is not None, "the box typed into was closed"
    assert list(descendants(panel)) == widgets_before, "a save or poll rebuilt part of the goals panel"
    assert seen == [SENTENCE[:n] for n in range(1, len(SENTENCE) + 1)], "something else was sent to the box"
    assert box.value == SENTENCE
    assert store.load(CASE_ID).case.goals[goals].agreed_wording.text == SENTENCE
