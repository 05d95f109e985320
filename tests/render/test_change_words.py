"""Does "what changed" in a case review speak the form's words, never the model's field names?"""

from __future__ import annotations

import re

from casekit import render
from casekit.model import Entry, Misstep, Voice
from tests.fictional import fictional_case

#: Field names of the case model that must never reach a clinician as words.
FIELD_NAMES = re.compile(
    r"\b(?:self_description|self description|intersections|naming|what_happened|\w+_\w+)\b"
)


def test_identity_changes_are_named_by_the_form_labels():
    """Changing the self-description, naming and intersections: are the form's labels listed instead?"""
    old = fictional_case()
    new = old.model_copy(deep=True)
    new.identity.self_description = Entry(text="A grandmother and a weaver", voice=Voice.CLIENT)
    new.identity.naming = Entry(text="Auntie, by the younger ones", voice=Voice.CLIENT)
    new.identity.intersections = Entry(text="Faith and being a widow meet at church", voice=Voice.CLIENT)
    (line,) = render.change_lines(old, new)
    assert line == (
        "Identity in the client's words: changed (how the client describes themselves, how their "
        "identities meet and shape each other, how they wish to be addressed, and what their name "
        "means to them)."
    )
    assert not FIELD_NAMES.search(line)


def test_a_changed_misstep_and_new_ratings_read_as_plain_words():
    """Do a misstep's changed fields use the form's words, and one new rating read '1 new rating'?"""
    old = fictional_case()
    old.missteps.append(Misstep(what_happened=Entry(text="I used the wrong name", voice=Voice.CLINICIAN)))
    new = old.model_copy(deep=True)
    new.missteps[-1].what_happened.text = "I used a name she does not use"
    new.missteps[-1].repair = Entry(text="I apologised and asked", voice=Voice.CLINICIAN)
    rating = new.goals[0].ratings[-1].model_copy(update={"id": "r-new"})
    new.goals[0].ratings.append(rating)
    text = "\n".join(render.change_lines(old, new))
    assert "repair, what happened changed" in text
    assert "1 new rating." in text
    assert "(s)" not in text and not FIELD_NAMES.search(text)
