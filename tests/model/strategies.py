"""Hypothesis strategies that build valid cases part by part, following the model's own constraints."""

from __future__ import annotations

import datetime as dt

from hypothesis import reject
from hypothesis import strategies as st
from pydantic import ValidationError

from casekit.model import (
    Adaptation,
    Address,
    Case,
    CaseMeta,
    ClientIdentity,
    ClinicianIdentity,
    ClinicianPositionality,
    DeidDecision,
    Domain,
    Entry,
    FeedbackEntry,
    Goal,
    GoalStatus,
    HouseholdMember,
    LanguageUse,
    Misstep,
    NamedIdentity,
    OtherIdentifier,
    PowerDynamic,
    PowerLevel,
    PrivateIdentifiers,
    ProgressRating,
    RepairStatus,
    ReviewDecision,
    Salience,
    Standing,
    SupervisionNote,
    SupervisionTopic,
    Voice,
)

# Any text a clinician could type or paste, in any script, except NUL (refused by the model) and
# lone surrogates (not encodable as UTF-8, so not something a file can hold).
_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
text = st.text(_chars, max_size=40)
short = st.text(_chars, max_size=30)
item_id = st.from_regex(r"[a-z0-9]{4,12}", fullmatch=True)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
datetimes = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)
case_ids = st.from_regex(r"[A-Z]{2}-[0-9]{2,6}", fullmatch=True)
aliases = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,20}", fullmatch=True).map(str.strip)


def entries(voice: Voice | None = None) -> st.SearchStrategy[Entry]:
    """Entries in the given voice, or any voice."""
    voices = st.just(voice) if voice else st.sampled_from(Voice)
    return st.builds(Entry, text=text, voice=voices)


def small_lists(strategy: st.SearchStrategy, max_size: int = 3) -> st.SearchStrategy[list]:
    return st.lists(strategy, max_size=max_size)


identifiers = st.builds(
    PrivateIdentifiers,
    legal_name=short,
    name_used=short,
    other_names=small_lists(short),
    names_in_other_scripts=small_lists(short),
    household=small_lists(
        st.builds(HouseholdMember, relation=short, name=short, other_names=small_lists(short))
    ),
    date_of_birth=st.none() | dates,
    address=st.builds(
        Address,
        street=short,
        unit=short,
        city=short,
        county=short,
        region=short,
        postal_code=short,
        country=short,
    ),
    phones=small_lists(short),
    emails=small_lists(short),
    employers=small_lists(short),
    schools=small_lists(short),
    other=small_lists(st.builds(OtherIdentifier, kind=short, value=short)),
)

identity = st.builds(
    ClientIdentity,
    self_description=entries(),
    naming=entries(),
    pronouns=short,
    languages=small_lists(
        st.builds(
            LanguageUse, id=item_id, language=short, context=short, preferred_for_sessions=st.booleans()
        )
    ),
    identities=small_lists(
        st.builds(
            NamedIdentity,
            id=item_id,
            words=entries(),
            salience=st.sampled_from(Salience),
            domain=st.none() | st.sampled_from(Domain),
        )
    ),
    intersections=entries(),
    meaning_of_culture=entries(),
    meaning_of_healing=entries(),
    meaning_of_wellbeing=entries(),
    meaning_of_help=entries(),
    explanation_of_problem=entries(),
    supports=small_lists(entries()),
    past_help_seeking=small_lists(entries()),
    barriers_to_help=small_lists(entries()),
)

positionality = st.builds(
    ClinicianPositionality,
    identities=small_lists(
        st.builds(
            ClinicianIdentity,
            id=item_id,
            domain=st.none() | st.sampled_from(Domain),
            words=entries(),
            standing=st.sampled_from(Standing),
        )
    ),
    shaping_perception=entries(),
    how_client_may_see_me=entries(),
    assumptions_to_check=small_lists(entries()),
    countertransference=entries(),
)

power = st.builds(
    PowerDynamic,
    id=item_id,
    level=st.sampled_from(PowerLevel),
    kind=short,
    description=entries(),
    effect=entries(),
    response=entries(),
)

goals = st.builds(
    Goal,
    id=item_id,
    client_words=entries(),
    clinician_framing=entries(),
    agreed_wording=entries(),
    values_served=entries(),
    progress_signs=entries(),
    ratings=small_lists(
        st.builds(
            ProgressRating,
            id=item_id,
            date=dates,
            score=st.integers(0, 10),
            note=entries(),
        ),
        max_size=4,
    ),
    status=st.sampled_from(GoalStatus),
)

missteps = st.builds(
    Misstep,
    id=item_id,
    date=st.none() | dates,
    what_happened=entries(),
    impact=entries(),
    acknowledgement=entries(),
    repair=entries(),
    follow_up=entries(),
    status=st.sampled_from(RepairStatus),
)

feedback = st.builds(
    FeedbackEntry,
    id=item_id,
    date=dates,
    felt_understood=st.none() | st.integers(1, 5),
    felt_respected=st.none() | st.integers(1, 5),
    comments=entries(),
    instrument_scores=st.dictionaries(
        short, st.floats(allow_nan=False, allow_infinity=False, width=64), max_size=2
    ),
)

supervision = st.builds(
    SupervisionNote,
    id=item_id,
    date=st.none() | dates,
    topic=st.sampled_from(SupervisionTopic),
    note=entries(),
    learning=small_lists(entries()),
)

deid_decisions = st.builds(
    DeidDecision,
    fingerprint=st.from_regex(r"[0-9a-f]{16,64}", fullmatch=True),
    category=short,
    decision=st.sampled_from(ReviewDecision),
    decided=datetimes,
)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A whole valid case. Draws where a generated name happens to match an alias are rejected."""
    meta = draw(
        st.builds(
            CaseMeta,
            case_id=case_ids,
            clinician_alias=aliases,
            group=st.none() | aliases,
            client_alias=aliases,
            created=datetimes,
            updated=datetimes,
        )
    )
    try:
        return Case(
            meta=meta,
            identifiers=draw(identifiers),
            identity=draw(identity),
            positionality=draw(positionality),
            power=draw(small_lists(power)),
            goals=draw(small_lists(goals)),
            adaptations=draw(
                small_lists(
                    st.builds(
                        Adaptation, id=item_id, what=entries(), why=entries(), client_response=entries()
                    )
                )
            ),
            missteps=draw(small_lists(missteps)),
            feedback=draw(small_lists(feedback)),
            consultation_question=draw(entries()),
            supervision_notes=draw(small_lists(supervision)),
            deid_decisions=draw(small_lists(deid_decisions)),
        )
    except ValidationError:
        # The only whole-case rule: no name part in the case id or aliases. Rare with random text.
        reject()
