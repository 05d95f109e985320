"""Does the organisation self-assessment treat the framework's themes, each as an item to rate?"""

from __future__ import annotations

import datetime as dt

from casekit.audit.assessment import STANDARD_ITEMS, Area, Theme, blank_assessment
from casekit.audit.audit_guidance import AREA_PROMPTS

#: Theme of the framework -> words its item must hold (the item's own wording, casekit's).
THEMES = {
    "historical-trauma": ("historical", "intergenerational"),
    "policy-advocacy": ("policies", "speak up"),
    "outreach-present": ("go where people already are",),
    "trust-earned": ("distrust",),
    "co-created-programmes": ("designed with the communities",),
    "space-feels-welcoming": ("greeted warmly", "by the name they use"),
}


def test_each_framework_theme_is_an_item_of_its_own():
    """Are historical trauma, policy advocacy, outreach, trust, co-created programmes and a welcoming
    space each an item to rate, worded around that theme?"""
    assessment = blank_assessment(dt.date(2026, 12, 1))
    for item_id, words in THEMES.items():
        prompt = assessment.item(item_id).prompt.lower()
        assert all(w in prompt for w in words), (item_id, prompt)


def test_every_area_has_items_and_a_question_beside_it():
    """Does every area (outreach and advocacy included) hold at least one item and a guiding question?"""
    areas = {area for _id, _theme, area, _prompt in STANDARD_ITEMS}
    assert areas == set(Area)
    assert set(AREA_PROMPTS) == set(Area)
    assert {theme for _id, theme, _area, _prompt in STANDARD_ITEMS} == set(Theme)


def test_item_prompts_are_one_plain_sentence_each():
    """Is each prompt one statement, short enough for a form row, with no code or field names?"""
    for item_id, _theme, _area, prompt in STANDARD_ITEMS:
        assert prompt.endswith(".") and len(prompt) <= 200, item_id
        assert "_" not in prompt and "(s)" not in prompt, item_id
