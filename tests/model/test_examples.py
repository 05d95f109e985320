"""Do the shipped example cases validate, round-trip, and teach what they are meant to teach?"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from casekit.errors import CaseNotFoundError
from casekit.examples import (
    IDENTIFIERS_IN_TEXT,
    ORDINARY_WORD_NAMES,
    example_paths,
    load_example,
    load_examples,
)
from casekit.model import (
    SCHEMA_VERSION,
    Case,
    ConsentStatus,
    ConsultationAudience,
    Entry,
    GoalStatus,
    PowerLevel,
    RepairStatus,
    Voice,
    case_to_json,
    iter_entries,
    iter_strings,
    parse_case_json,
)
from casekit.model.case import _tokens
from casekit.resources import examples_dir

EXAMPLES = load_examples()
IDS = [case.meta.case_id for case in EXAMPLES]
FIRST_DAY, LAST_DAY = dt.date(2025, 1, 1), dt.date(2026, 12, 31)


def _by_id(case_id: str) -> Case:
    return next(case for case in EXAMPLES if case.meta.case_id == case_id)


def _name_tokens(case: Case) -> set[str]:
    """Casefolded parts (4+ characters) of every name in the case's identifiers."""
    ids = case.identifiers
    names = [ids.legal_name, ids.name_used, *ids.other_names, *ids.names_in_other_scripts]
    for member in ids.household:
        names += [member.name, *member.other_names]
    return {token for name in names for token in _tokens(name) if len(token) >= 4}


def _identifier_hits(case: Case) -> set[str]:
    """Identifier pieces found in the case body: name parts, and whole identifier values (4+ chars).

    Name parts that the case deliberately also uses as ordinary words are left out.
    """
    ordinary = set(ORDINARY_WORD_NAMES.get(case.meta.case_id, ()))
    needles = (_name_tokens(case) - ordinary) | {
        value.casefold() for value in case.identifiers.values() if len(value.strip()) >= 4
    }
    needles -= ordinary
    body = [text.casefold() for _, text in iter_strings(case)]
    return {needle for needle in needles if any(needle in text for text in body)}


# --------------------------------------------------------------------------------------------------
# Loading


def test_there_are_at_least_five_examples_with_distinct_ids():
    """Are there at least five examples, each with its own case id?"""
    assert len(EXAMPLES) >= 5
    assert len(set(IDS)) == len(IDS)


def test_example_files_are_named_after_their_case_ids():
    """Is each file called after the case id inside it, so a reader can find a case by name?"""
    for path, case in zip(example_paths(), EXAMPLES, strict=True):
        assert path.stem == case.meta.case_id.lower()


def test_example_paths_are_sorted_json_files_in_the_examples_folder():
    """Does example_paths list only the JSON files of the examples folder, in order?"""
    paths = example_paths()
    assert paths == sorted(paths)
    assert all(p.suffix == ".json" and p.parent == examples_dir() for p in paths)


@pytest.mark.parametrize("case_id", IDS)
def test_load_example_finds_each_case_whatever_the_letter_case(case_id: str):
    """Does load_example return the case with that id, also when typed in lower case?"""
    assert load_example(case_id).meta.case_id == case_id
    assert load_example(case_id.lower()) == _by_id(case_id)


def test_load_example_names_the_valid_ids_when_the_id_is_unknown():
    """Does asking for an unknown example say so in one line that lists the ids that exist?"""
    with pytest.raises(CaseNotFoundError) as info:
        load_example("CK-9999")
    message = str(info.value)
    assert "\n" not in message
    assert "CK-9999" in message
    assert all(case_id in message for case_id in IDS)


def test_load_example_does_not_echo_something_that_is_not_a_case_id():
    """If a caller passes a name instead of an id, is the name kept out of the error message?"""
    with pytest.raises(CaseNotFoundError) as info:
        load_example("Dale White")
    assert "dale" not in str(info.value).casefold()


# --------------------------------------------------------------------------------------------------
# Validity and round trips


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_example_file_validates(path: Path):
    """Does every shipped example parse as a case of the current schema version?"""
    case = parse_case_json(path.read_bytes(), source=path.name)
    assert case.schema_version == SCHEMA_VERSION


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_example_round_trips_with_and_without_identifiers(case: Case):
    """Does each example survive JSON both ways, losing only the identifiers when they are left out?"""
    full = parse_case_json(case_to_json(case, include_identifiers=True), source="x.json")
    assert full == case
    bare = parse_case_json(case_to_json(case), source="x.json")
    assert bare.identifiers.is_empty()
    assert bare.model_copy(update={"identifiers": case.identifiers}) == case


# --------------------------------------------------------------------------------------------------
# Identifiers: filled in, varied, and kept out of the body


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_example_has_its_identifiers_filled_in(case: Case):
    """Has each example the identifiers de-identification needs to be tested against?"""
    ids = case.identifiers
    assert ids.legal_name and ids.household and ids.date_of_birth
    assert ids.address.street and ids.address.city and ids.address.postal_code and ids.address.region
    assert ids.phones and ids.emails and ids.other
    assert dt.date(1930, 1, 1) < ids.date_of_birth < dt.date(2008, 1, 1)


def test_examples_include_names_in_several_non_latin_scripts():
    """Do the examples carry names in at least two non-Latin scripts (e.g. Arabic, Hangul)?"""
    scripts = set()
    for case in EXAMPLES:
        for name in case.identifiers.names_in_other_scripts:
            for ch in name:
                if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
                    scripts.add(unicodedata.name(ch).split()[0])
    assert len(scripts) >= 2, scripts


def test_examples_include_hyphenated_names_and_vietnamese_diacritics():
    """Are there hyphenated names and names with diacritics for de-identification to match?"""
    names = [
        n
        for case in EXAMPLES
        for n in [case.identifiers.legal_name, case.identifiers.name_used, *case.identifiers.other_names]
        + [m.name for m in case.identifiers.household]
    ]
    assert sum("-" in n for n in names) >= 3
    assert any(unicodedata.normalize("NFD", n) != n for n in names)


def test_phone_numbers_use_different_separators():
    """Do the phone numbers vary in format (dots, dashes, spaces, brackets)?"""
    phones = [p for case in EXAMPLES for p in case.identifiers.phones]
    assert {sep for p in phones for sep in ".- (" if sep in p} == {".", "-", " ", "("}


def test_ordinary_word_names_are_names_and_are_used_as_ordinary_words():
    """Is each declared ordinary-word name really a name in that case, and used as a word in its text?"""
    assert ORDINARY_WORD_NAMES
    for case_id, words in ORDINARY_WORD_NAMES.items():
        case = _by_id(case_id)
        body = " ".join(text.casefold() for _, text in iter_strings(case))
        for word in words:
            assert word in _name_tokens(case), (case_id, word)
            assert re.search(rf"\b{word}\b", body), (case_id, word)


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_example_body_keeps_identifiers_out_unless_designated(case: Case):
    """Is every example's body free of identifiers, except the one that carries them on purpose?"""
    hits = _identifier_hits(case)
    if case.meta.case_id in IDENTIFIERS_IN_TEXT:
        assert len(hits) >= 3, f"{case.meta.case_id} should mention identifiers in its text on purpose"
    else:
        assert not hits, f"{case.meta.case_id}: identifier pieces in the body: {sorted(hits)}"


def test_exactly_one_example_carries_identifiers_in_text():
    """Is there exactly one designated case, and does it exist?"""
    assert len(IDENTIFIERS_IN_TEXT) == 1
    assert set(IDS) >= IDENTIFIERS_IN_TEXT


def test_readme_table_matches_the_examples():
    """Does the examples README list every case, and mark the designated one (and only it) 'yes'?"""
    readme = (examples_dir() / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and re.fullmatch(r"CK-\d+", cells[0]):
            rows[cells[0]] = cells[-1].strip("*").lower().startswith("yes") or cells[-1].startswith("**yes")
    assert set(rows) == set(IDS)
    assert {case_id for case_id, yes in rows.items() if yes} == IDENTIFIERS_IN_TEXT


def test_meta_aliases_are_pseudonymous():
    """Do the examples use two or three groups and plain aliases, never a client's name?"""
    groups = {case.meta.group for case in EXAMPLES}
    assert 2 <= len(groups) <= 3
    assert None not in groups
    for case in EXAMPLES:
        assert case.meta.client_alias == "the client"
        assert not (set(_tokens(case.meta.clinician_alias)) & _name_tokens(case))


# --------------------------------------------------------------------------------------------------
# The teaching properties


def _voices(case: Case) -> Counter:
    return Counter(entry.voice for _, entry in iter_entries(case) if entry)


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_every_voice_the_model_offers_is_used_where_it_belongs(case: Case):
    """Are the client's words, the clinician's notes and hypotheses all present and kept apart?"""
    voices = _voices(case)
    assert voices[Voice.CLIENT] >= 20 and voices[Voice.CLINICIAN] >= 15 and voices[Voice.HYPOTHESIS] >= 1
    ident = case.identity
    for entry in [
        ident.self_description,
        ident.naming,
        ident.intersections,
        ident.meaning_of_culture,
        ident.meaning_of_healing,
        ident.meaning_of_wellbeing,
        ident.meaning_of_help,
        ident.explanation_of_problem,
        *(i.words for i in ident.identities),
    ]:
        assert entry and entry.voice is Voice.CLIENT
    assert all(i.words.voice is Voice.CLINICIAN for i in case.positionality.identities)
    assert case.consultation_question and case.consultation_question.voice is Voice.CLINICIAN
    for goal in case.goals:
        assert goal.client_words.voice is Voice.CLIENT and goal.clinician_framing.voice is Voice.CLINICIAN
    assert all(note.note.voice is Voice.CONSULTANT for note in case.supervision_notes)


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_the_client_describes_themselves_fully(case: Case):
    """Does each client name several identities, languages, supports and past help, in their words?"""
    ident = case.identity
    assert ident.pronouns
    assert len(ident.identities) >= 5
    assert len({i.salience for i in ident.identities}) >= 3
    assert ident.languages and any(lang.preferred_for_sessions for lang in ident.languages)
    assert len(ident.supports) >= 3 and len(ident.past_help_seeking) >= 3 and len(ident.barriers_to_help) >= 3


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_the_clinician_examines_their_own_position(case: Case):
    """Does each clinician name several of their identities, with both privilege and its absence?"""
    pos = case.positionality
    assert len(pos.identities) >= 5
    standings = {i.standing.value for i in pos.identities}
    assert "privileged" in standings and standings - {"privileged"}
    assert pos.shaping_perception and pos.how_client_may_see_me and pos.countertransference
    assert len(pos.assumptions_to_check) >= 3


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_power_is_named_in_the_room_and_in_the_systems(case: Case):
    """Does each case name power at both levels, each with its effect and a response?"""
    assert len(case.power) >= 4
    assert {p.level for p in case.power} == set(PowerLevel)
    for p in case.power:
        assert p.kind and p.description and p.effect and p.response


def test_power_kinds_recur_across_cases():
    """Do some kinds of power recur across cases, so they can be counted without exposing a case?"""
    seen = Counter(kind for case in EXAMPLES for kind in {p.kind for p in case.power})
    assert seen["language access"] >= 3
    assert seen["diagnosis"] >= 3
    assert seen["racism"] >= 3


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_goals_have_realistic_rating_series(case: Case):
    """Has each case 2-3 goals, each with 3-6 dated client ratings, and does progress wobble?"""
    assert 2 <= len(case.goals) <= 3
    wobbles = 0
    for goal in case.goals:
        ratings = goal.ordered_ratings()
        assert 3 <= len(ratings) <= 6
        assert len({r.date for r in ratings}) == len(ratings)
        assert all(FIRST_DAY <= r.date <= LAST_DAY for r in ratings)
        scores = [r.score for r in ratings]
        wobbles += any(later < earlier for earlier, later in itertools.pairwise(scores))
        assert goal.agreed_wording and goal.values_served and goal.progress_signs
    assert wobbles >= 1, "at least one goal should dip before it improves"


def test_goal_statuses_vary():
    """Do the goals show more than one status (a met goal, a revised one)?"""
    statuses = {goal.status for case in EXAMPLES for goal in case.goals}
    assert {GoalStatus.ACTIVE, GoalStatus.MET} <= statuses and len(statuses) >= 3


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_adaptations_record_the_clients_response(case: Case):
    """Does each adaptation say what, why, and how the client responded in their words?"""
    assert len(case.adaptations) >= 3
    for a in case.adaptations:
        assert a.what and a.why and a.client_response.voice is Voice.CLIENT and a.client_response


def test_missteps_show_repair_and_work_still_in_progress():
    """Do most cases own a misstep, with repairs done, in progress, unresolved and not yet raised?"""
    with_missteps = [case for case in EXAMPLES if case.missteps]
    assert len(with_missteps) >= len(EXAMPLES) - 1
    statuses = {m.status for case in EXAMPLES for m in case.missteps}
    assert {RepairStatus.REPAIRED, RepairStatus.IN_PROGRESS, RepairStatus.UNRESOLVED} <= statuses
    for case in with_missteps:
        for m in case.missteps:
            assert m.date and FIRST_DAY <= m.date <= LAST_DAY
            assert m.what_happened and m.impact and m.repair
            if m.status is not RepairStatus.NOT_YET_RAISED:
                assert m.acknowledgement and m.follow_up and m.impact.voice is Voice.CLIENT


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_feedback_is_collected_over_time(case: Case):
    """Has each case several dated feedback entries, in order, with scores on the 1-5 scale?"""
    assert len(case.feedback) >= 4
    days = [f.date for f in case.feedback]
    assert days == sorted(days) and all(FIRST_DAY <= d <= LAST_DAY for d in days)
    assert all(f.felt_understood and f.felt_respected and f.comments for f in case.feedback)
    assert len({f.felt_understood for f in case.feedback}) >= 2


def test_some_cases_have_supervision_notes_with_learning():
    """Do at least half the cases carry supervision notes, in the consultant's voice, with learning?"""
    noted = [case for case in EXAMPLES if case.supervision_notes]
    assert len(noted) >= len(EXAMPLES) // 2
    assert any(note.learning for case in noted for note in case.supervision_notes)


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_item_ids_are_stable_and_unique(case: Case):
    """Are list item ids fixed in the files (not random) and unique within a case?"""
    ids = [text for path, text in iter_strings(case) if path.endswith(".id")]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("c" + case.meta.case_id.split("-")[1]) for i in ids)
    again = load_example(case.meta.case_id)
    assert [t for p, t in iter_strings(again) if p.endswith(".id")] == ids


def test_no_entry_is_left_empty_except_where_the_model_allows_it():
    """Are entries filled in, apart from optional rating notes, follow-up not yet possible and the
    consent record's other branch (how the client was asked, or why asking was not needed)?"""
    for case in EXAMPLES:
        agreed = case.consultation_consent.status == ConsentStatus.CLIENT_AGREED
        unused = "consultation_consent.not_needed_because" if agreed else "consultation_consent.how_asked"
        for path, entry in iter_entries(case):
            if not entry and path != unused:
                assert isinstance(entry, Entry)
                assert path.endswith(("].note", "follow_up")), (case.meta.case_id, path)


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_every_example_may_go_to_its_peer_group(case: Case):
    """Does every example record consent to consultation that covers its peer group, so the main
    job's handouts are written?"""
    assert case.consultation_consent.status is not ConsentStatus.NOT_RECORDED
    assert case.consultation_consent.covers(ConsultationAudience.PEER_GROUP)


def test_supervisees_cases_show_meetings_and_a_learning_plan():
    """Do the supervision group's cases carry a meeting in both voices and learning items of more than
    one kind, one of them closed with dated updates?"""
    supervised = [case for case in EXAMPLES if case.supervision_meetings]
    assert {c.meta.case_id for c in supervised} >= {"CK-0103", "CK-0104"}
    meeting = supervised[0].supervision_meetings[0]
    assert meeting.supervisee_notes.voice is Voice.CLINICIAN
    assert meeting.supervisor_notes.voice is Voice.CONSULTANT
    items = [item for case in EXAMPLES for item in case.learning_plan]
    assert len({item.kind for item in items}) == 3
    assert any(item.status.value == "closed" and len(item.updates) >= 2 for item in items)
