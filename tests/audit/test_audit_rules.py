"""Each audit rule on small forms: what it should catch and what it should leave alone."""

from __future__ import annotations

import pytest

from casekit.audit.form_audit import audit_document
from casekit.audit.rules import CATEGORIES, all_rules
from casekit.audit.rules.base import RULES_BY_LANGUAGE, Rule, register


def categories(doc, category):
    return [f for f in audit_document(doc, categories=[category]).findings]


# (category, form text that should be flagged, similar text that should not)
CASES = [
    (
        "gender-binary",
        "Sex: [ ] Male [ ] Female",
        "Gender: [ ] Woman [ ] Man [ ] Non-binary [ ] Another: ____",
    ),
    (
        "gender-binary",
        "Gender:\n☐ Male\n☐ Female\nDate of birth: ____",
        "Gender:\n☐ Male\n☐ Female\n☐ Prefer to self-describe: ____",
    ),
    ("gender-binary", "Sex (M/F): ____", "How do you describe your gender? ____"),
    ("gender-binary", "Gender: Male or Female (circle one)", "Gender (in your own words): ____"),
    (
        "gender-binary",
        "Title: ( ) Mr ( ) Mrs ( ) Miss",
        "Title (optional): ( ) Mr ( ) Ms ( ) Mx ( ) Dr ( ) None",
    ),
    (
        "gender-binary",
        "Pronouns: [ ] he/him [ ] she/her",
        "Pronouns: [ ] he/him [ ] she/her [ ] they/them [ ] ____",
    ),
    (
        "gender-binary",
        "Sex: ☐ Male ☐ Female    Date of birth: ____",
        "Sex assigned at birth: ☐ Female ☐ Male ☐ Intersex",
    ),
    ("pronouns-missing", "Name: ____\nAge: ____", "Name: ____\nPronouns: ____"),
    ("chosen-name-missing", "Legal name: ____", "Legal name: ____\nName you go by: ____"),
    ("chosen-name-missing", "Full name: ____", "What would you like us to call you? ____"),
    (
        "race-single-choice",
        "Race (check one): [ ] White [ ] Black [ ] Asian",
        "Race (check all that apply): [ ] White [ ] Black [ ] Asian [ ] Another: ____",
    ),
    ("race-single-choice", "Ethnicity: ( ) Hispanic ( ) Not Hispanic", "Ethnicity, in your own words: ____"),
    (
        "race-single-choice",
        "Race: [ ] White [ ] Black [ ] Asian",
        "We ask about race so we can check our care is fair.",
    ),
    (
        "race-single-choice",
        "Race, ethnicity or cultural background: White, Black or Asian",
        "Race, ethnicity or cultural background: ____",
    ),
    ("race-single-choice", "Race/ethnicity: ( ) White ( ) Other", "Ethnicity and heritage"),
    (
        "family-structure",
        "Mother's name: ____\nFather's name: ____",
        "Parents, guardians or caregivers: ____",
    ),
    ("family-structure", "Husband/Wife: ____", "Partner or spouse, if any: ____"),
    (
        "family-structure",
        "Marital status: [ ] Single [ ] Married [ ] Divorced",
        "Relationship status: [ ] Single [ ] Married [ ] Partnered [ ] Another: ____",
    ),
    ("language-access", "Name: ____", "Interpreters are free. Which language would you like to use? ____"),
    (
        "language-access",
        "Interpreters: please bring a friend to interpret.",
        "You never need to bring a friend to interpret; interpreters are free.",
    ),
    (
        "language-access",
        "All services are English only.",
        "Services in Spanish and English; interpreters for other languages.",
    ),
    ("fees-access", "Fee per session: $150", "Fees follow a sliding scale based on income."),
    ("disability-access", "Name: ____", "Do you need any accommodations to take part? ____"),
    (
        "religion-assumed",
        "Which church do you attend? ____",
        "Faith or spirituality, in your own words: ____",
    ),
    (
        "religion-assumed",
        "Religion: [ ] Christian [ ] Jewish",
        "Religion: [ ] Christian [ ] Jewish [ ] Muslim [ ] None [ ] Another: ____",
    ),
    ("religion-assumed", "Christian name: ____", "We partner with faith communities of many traditions."),
    ("stigmatizing-language", "Do you suffer from anxiety?", "Do you live with anxiety?"),
    (
        "stigmatizing-language",
        "Is anyone in your family an addict?",
        "Does anyone in your family use drugs or alcohol in a way that worries you?",
    ),
    (
        "stigmatizing-language",
        "Has a relative committed suicide?",
        "Has anyone close to you died by suicide?",
    ),
    ("stigmatizing-language", "Are you wheelchair bound?", "Do you use a wheelchair?"),
]


@pytest.mark.parametrize(("category", "flagged", "fine"), CASES)
def test_rule_flags_the_poor_wording_and_not_the_better_one(text_form, category, flagged, fine):
    """Does each rule catch its poor example and stay quiet on a close, better-worded one?"""
    assert categories(text_form(flagged), category), f"{category} missed: {flagged!r}"
    assert not categories(text_form(fine), category), f"{category} false alarm: {fine!r}"


def test_every_category_has_a_rule_and_a_test():
    """Is every category registered, and covered by at least one case above?"""
    assert list(all_rules())[: len(CATEGORIES)] == list(CATEGORIES)
    assert {c for c, _, _ in CASES} == set(CATEGORIES)


def test_gender_binary_is_found_in_html_radio_buttons(html_form):
    """Are radio buttons labelled Male and Female (with no other choice) seen as a binary field?"""
    doc = html_form(
        "<fieldset><legend>Gender</legend><label><input type=radio name=g> Male</label>"
        "<label><input type=radio name=g> Female</label></fieldset>"
    )
    (finding,) = categories(doc, "gender-binary")
    assert finding.excerpt == "Gender ○ Male ○ Female"


def test_gender_select_with_more_options_is_fine(html_form):
    """Is a drop-down with options beyond two left alone?"""
    doc = html_form(
        "<label>Gender <select><option>Woman</option><option>Man</option>"
        "<option>Non-binary</option><option>Prefer not to say</option></select></label>"
    )
    assert not categories(doc, "gender-binary")


def test_race_drop_down_counts_as_single_choice(html_form):
    """Is a race drop-down (one answer only) reported as a single choice?"""
    doc = html_form("<p>Race <select><option>White</option><option>Black</option></select></p>")
    (finding,) = categories(doc, "race-single-choice")
    assert "pick one" in finding.message


def test_race_multi_select_with_own_words_is_fine(html_form):
    """Is a multi-select list with a write-in left alone?"""
    doc = html_form(
        "<p>Race or ethnicity <select multiple><option>White</option><option>Black</option></select>"
        " In your own words <input type=text></p>"
    )
    assert not categories(doc, "race-single-choice")


def test_markdown_task_list_boxes_are_read_as_choices(md_form):
    """Are Markdown task-list items read as tick boxes?"""
    doc = md_form("**Sex:**\n\n- [ ] Male\n- [x] Female\n")
    assert doc.passages[1].text == "☐ Male"
    # A blank line between the label and its options ends the field in text, not in Markdown lists.
    assert categories(md_form("**Sex:**\n- [ ] Male\n- [ ] Female\n"), "gender-binary")


def test_stigmatizing_terms_each_get_their_own_finding(text_form):
    """Does a passage with two stigmatising terms get a finding for each, quoting the term?"""
    found = categories(text_form("Are you an addict who suffers from depression?"), "stigmatizing-language")
    quoted = sorted(f.message.split("'")[1] for f in found)
    assert quoted == ["addict", "suffers from"]


def test_family_parents_reported_once(text_form):
    """Is a mother-and-father pair reported once, not once per parent?"""
    found = categories(text_form("Mother's name: ____\nFather's name: ____"), "family-structure")
    assert len(found) == 1 and found[0].location.label == "line 1"


def test_fees_hard_line_reported_at_its_passage(text_form):
    """Is 'payment due in full, no exceptions' reported where it is, even with a sliding scale elsewhere?"""
    found = categories(
        text_form("Payment is due in full. No exceptions.\nSliding scale: ask us."), "fees-access"
    )
    assert [f.location.label for f in found] == ["line 1"]


def test_a_registered_rule_joins_the_audit(text_form, monkeypatch):
    """Can a new rule class be registered and run like the built-in ones?"""
    all_rules()  # the built-in rules are registered before the English table is swapped for a copy
    # register() writes into the table by language: the copy keeps the new rule out of later tests.
    monkeypatch.setitem(RULES_BY_LANGUAGE, "en", dict(RULES_BY_LANGUAGE["en"]))

    @register
    class ShoutingRule(Rule):
        category = "shouting"
        title = "All capitals"

        def check(self, doc):
            for p in doc.passages:
                if p.text.isupper():
                    yield self.finding(p, "Capitals read as shouting.", "Use sentence case.")

    found = audit_document(text_form("PLEASE FILL IN\nName: ____"), categories=["shouting"]).findings
    assert [f.location.label for f in found] == ["line 1"]


def test_register_refuses_a_taken_category():
    """Does registering a second rule under an existing category fail instead of replacing it?"""
    all_rules()

    class Again(Rule):
        category = "gender-binary"

    with pytest.raises(ValueError, match="already taken"):
        register(Again)
