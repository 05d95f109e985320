"""Re-identification risk: the quasi-identifiers that remain after the Safe Harbor kinds are removed.

Removing names, dates and numbers is not enough when a summary still says "a Somali taxi driver of
eleven years" and "the local Somali community is small": together those details can point to one
person. None of them is an identifier on its own, and each is clinical content (culture, work,
faith), so nothing here removes anything. It *lists* them by kind, warns when several kinds come
together in one case, and lets the presenter generalise one phrase in place ("a driver"), recorded
as a de-identification decision like the others.

Kinds (:data:`KINDS`): occupation, origin, year of arrival, rare language, small community, age,
title or role, religion. Detection is deliberately simple: a small curated word list per kind and a
few patterns (see the module constants). It over-counts rather than under-counts; it is a prompt for
the presenter's judgement, not a verdict.

**The combination warning.** When at least :data:`COMBINATION_THRESHOLD` (three) different kinds
occur in one case's export, :func:`assess` sets ``warn``: any one detail is shared by many people,
three together often by few. Religion and origin are named in most case formulations and matter
clinically; the warning asks whether the *specifics* (the exact job, the year, the size of the
community) are needed, not whether culture is.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from casekit.errors import DeidentificationError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from casekit.model.case import Case

#: The kinds of quasi-identifier, in the order they are reported.
KINDS = ("occupation", "origin", "arrival", "language", "community", "age", "role", "religion")
#: Plain words for each kind (clinician-facing text).
KIND_WORDS = {
    "occupation": "occupation",
    "origin": "country or people of origin",
    "arrival": "year or length of time since arriving",
    "language": "less common language",
    "community": "small or close community",
    "age": "age",
    "role": "title or role",
    "religion": "religion",
}
#: Distinct kinds in one case's export from which the combination warning is raised.
COMBINATION_THRESHOLD = 3
#: Prefix of the category under which a generalisation is recorded in ``Case.deid_decisions``.
DECISION_PREFIX = "generalised_"

_OCCUPATIONS = (
    "taxi driver|cab driver|bus driver|truck driver|lorry driver|delivery driver|rideshare driver|driver|"
    "nurse|midwife|doctor|physician|surgeon|dentist|pharmacist|paramedic|engineer|lawyer|attorney|judge|"
    "teacher|professor|lecturer|librarian|accountant|banker|cashier|shopkeeper|store owner|grocer|"
    "butcher|baker|chef|cook|waiter|waitress|cleaner|janitor|housekeeper|nanny|caregiver|home health aide|"
    "farmer|farmworker|fisherman|fisher|mechanic|electrician|plumber|carpenter|welder|mason|roofer|"
    "construction worker|factory worker|warehouse worker|security guard|police officer|firefighter|soldier|"
    "veteran|interpreter|translator|journalist|tailor|seamstress|barber|hairdresser|nail technician|"
    "social worker|software developer|programmer|architect|pilot|musician|artist|athlete|"
    "meatpacker|poultry worker|dishwasher|landscaper|day laborer|street vendor|street trader"
)
_ORIGINS = (
    "Somali|Somalia|Eritrean|Eritrea|Ethiopian|Ethiopia|Sudanese|Sudan|South Sudanese|Congolese|Congo|"
    "Burundian|Rwandan|Liberian|Sierra Leonean|Nigerian|Ghanaian|Senegalese|Malian|Kenyan|Ugandan|"
    "Afghan|Afghanistan|Syrian|Syria|Iraqi|Iraq|Yemeni|Yemen|Iranian|Iran|Kurdish|Palestinian|Lebanese|"
    "Burmese|Myanmar|Karen|Rohingya|Hmong|Lao|Laotian|Cambodian|Khmer|Vietnamese|Vietnam|Bhutanese|"
    "Nepali|Nepalese|Tibetan|Uyghur|Chechen|Ukrainian|Bosnian|Albanian|Roma|"
    "Haitian|Haiti|Guatemalan|Guatemala|Honduran|Honduras|Salvadoran|El Salvador|Nicaraguan|Mexican|"
    "Mexico|Venezuelan|Colombian|Cuban|Dominican|Puerto Rican|Peruvian|Bolivian|Ecuadorian|"
    "Tongan|Samoan|Marshallese|Chuukese|Micronesian|Fijian|Filipino|Filipina|Korean|Punjabi|Tamil|"
    "Bangladeshi|Pakistani|Sri Lankan"
)
_LANGUAGES = (
    "Tigrinya|Amharic|Oromo|Afaan Oromo|Somali|Kinyarwanda|Kirundi|Swahili|Lingala|Dinka|Nuer|Wolof|"
    "Fula|Fulani|Mandinka|Twi|Ewe|Yoruba|Igbo|Hausa|Dari|Pashto|Farsi|Kurmanji|Sorani|Tigre|Hmong|"
    "Karen|Karenni|Chin|Burmese|Khmer|Lao|Nepali|Dzongkha|Tibetan|Uyghur|Chechen|Romani|"
    "Haitian Creole|Kreyòl|Cape Verdean Creole|Mam|K'iche'|Q'anjob'al|Ixil|Mixtec|Zapotec|Triqui|"
    "Nahuatl|Quechua|Aymara|Guarani|Marshallese|Chuukese|Tongan|Samoan|Ilocano|Cebuano|Tamil|Punjabi|"
    "ASL|American Sign Language|sign language|Yiddish|Ladino"
)
_ROLES = (
    "Elder|Imam|Sheikh|Pastor|Reverend|Rev\\.|Priest|Father|Deacon|Bishop|Rabbi|Cantor|Monk|Nun|Sister|"
    "Swami|Pandit|Granthi|Lama|curandera|curandero|shaman|medicine man|healer|traditional healer|"
    "hilot|babalawo|santera|santero|houngan|mambo|chief|tribal chief|council member|councillor|mayor|"
    "choir director|church treasurer|board member|headteacher|head teacher|principal|coach|"
    "community leader|union steward|president of|chair of"
)
_RELIGIONS = (
    "Muslim|Islam|Islamic|Christian|Catholic|Protestant|Orthodox|Coptic|Pentecostal|Evangelical|Baptist|"
    "Methodist|Lutheran|Adventist|Seventh-day Adventist|Mennonite|Amish|Quaker|Mormon|Latter-day Saint|"
    "Jehovah's Witness|Jewish|Judaism|Hasidic|Hindu|Buddhist|Sikh|Jain|Baha'i|Bahá'í|Zoroastrian|"
    "Rastafarian|Santería|Santeria|Vodou|Voodoo|Candomblé|Druze|Yazidi|Ahmadi|Ahmadiyya|Shia|Sunni|Sufi"
)
_NUMBER = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
)


def _words(alternatives: str, *, cased: bool = False) -> re.Pattern[str]:
    flags = 0 if cased else re.IGNORECASE
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", flags)


#: Each kind's patterns. A match is one quasi-identifier of that kind.
PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "occupation": (
        re.compile(
            rf"(?<![\w-])(?:{_OCCUPATIONS})(?:s)?(?:\s+(?:of|for)\s+{_NUMBER}\s+years)?(?![\w-])",
            re.IGNORECASE,
        ),
    ),
    "origin": (_words(_ORIGINS, cased=True),),
    "arrival": (
        re.compile(
            r"\b(?:arrived|came|moved|immigrated|emigrated|resettled|fled|settled)\b[^.;\n]{0,40}?"
            r"\b(?:in|since)\s+(?:19|20)\d{2}\b",
            re.IGNORECASE,
        ),
        re.compile(
            rf"\b(?:in (?:the (?:US|U\.S\.|UK|country|States)|this country|[A-Z][a-z]+)|here)\s+"
            rf"(?:for\s+)?{_NUMBER}\s+years\b"
        ),
        re.compile(r"\b(?:since|after) (?:arriving|arrival|resettlement)\b", re.IGNORECASE),
    ),
    "language": (
        re.compile(
            rf"(?:\b(?:speaks?|speaking|spoke|in|fluent in|interpreter for|only)\s+)"
            rf"(?:{_LANGUAGES})(?![\w'’-])"
            rf"|(?<![\w'’-])(?:{_LANGUAGES})(?:[- ](?:speaking|speaker|speakers|interpreter|language))\b"
        ),
    ),
    "community": (
        re.compile(
            r"\b(?:small|tiny|little|tight-knit|close-knit|tightly knit)\s+(?:[\w'’-]+\s+){0,3}?"
            r"(?:community|communities|congregation|parish|mosque|temple|church|gurdwara|synagogue|town|"
            r"village|diaspora|population)\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(?:community|congregation|population|diaspora)\s+(?:here\s+|there\s+)?(?:is|are)\s+"
            r"(?:very\s+|so\s+|quite\s+)?(?:small|tiny|tight-knit|close-knit)\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\bthe only\s+(?:[\w'’-]+\s+){0,3}?(?:family|families|person|woman|man|one|client|student|"
            r"member|household)\b",
            re.IGNORECASE,
        ),
        re.compile(r"\beveryone (?:there |here )?knows\b", re.IGNORECASE),
    ),
    "age": (
        re.compile(rf"\b{_NUMBER}[- ]year[- ]old\b", re.IGNORECASE),
        re.compile(rf"\b(?:aged?|age of)\s+{_NUMBER}\b", re.IGNORECASE),
        re.compile(rf"\b{_NUMBER}\s+years\s+(?:old|of age)\b", re.IGNORECASE),
        re.compile(
            r"\bin (?:his|her|their) (?:early |mid-?|late )?(?:teens|twenties|thirties|forties|fifties|"
            r"sixties|seventies|eighties|nineties)\b",
            re.IGNORECASE,
        ),
    ),
    "role": (_words(_ROLES),),
    "religion": (_words(_RELIGIONS, cased=True),),
}
# Roles that are also everyday words count only capitalised mid-sentence ("Sister Mary", not "her sister").
_CASED_ROLES = frozenset({"father", "sister", "elder", "chief", "principal", "coach", "mason"})


@dataclass(frozen=True)
class QuasiIdentifier:
    """One quasi-identifying phrase found in a case's text.

    Attributes
    ----------
    number
        1-based position in the case's list (used to generalise it).
    kind
        One of :data:`KINDS`.
    where
        Field path of the text (``identity.self_description``).
    start, end
        Offsets of the phrase in that text.
    phrase
        The phrase itself: for the presenter's own screen only; never written to a receipt or export.
    """

    number: int
    kind: str
    where: str
    start: int
    end: int
    phrase: str = field(default="", repr=False, compare=False)


@dataclass(frozen=True)
class Assessment:
    """Which quasi-identifier kinds remain in a text or case, and whether they combine.

    ``counts`` maps each kind found to how many times; ``warn`` is set when at least
    :data:`COMBINATION_THRESHOLD` kinds are present.
    """

    counts: dict[str, int]
    warn: bool

    @property
    def kinds(self) -> list[str]:
        """The kinds present, in :data:`KINDS` order."""
        return [k for k in KINDS if self.counts.get(k)]

    def message(self) -> str:
        """One plain sentence for the presenter (empty when nothing combines)."""
        if not self.warn:
            return ""
        listed = ", ".join(KIND_WORDS[k] for k in self.kinds)
        return (
            f"Several details that could point to one person appear together ({listed}). "
            f"Consider making one of them more general, such as 'a driver' instead of the exact job."
        )


def find_in_text(text: str, *, where: str = "") -> list[QuasiIdentifier]:
    """Every quasi-identifying phrase in ``text``, in order, overlaps resolved to the longest.

    Parameters
    ----------
    text
        Free text (case text, or the visible text of an export).
    where
        The field path recorded with each phrase.
    """
    spans: list[tuple[int, int, str]] = []
    for kind, patterns in PATTERNS.items():
        for pattern in patterns:
            for m in pattern.finditer(text):
                if kind == "role" and not _role_counts(text, m):
                    continue
                start, end = _trim(text, m.start(), m.end(), kind)
                spans.append((start, end, kind))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        if any(start < e and s < end and k == kind for s, e, k in kept):
            continue
        kept.append((start, end, kind))
    # A language named as spoken ("speaks Somali") is a language, not also an origin.
    spoken = [(s, e) for s, e, k in kept if k == "language"]
    kept = [(s, e, k) for s, e, k in kept if k != "origin" or not any(s < le and ls < e for ls, le in spoken)]
    return [QuasiIdentifier(0, kind, where, s, e, text[s:e]) for s, e, kind in kept]


def _trim(text: str, start: int, end: int, kind: str) -> tuple[int, int]:
    """Drop a leading cue word ("speaks ", "in ") from a language match so the phrase is the language."""
    if kind == "language":
        cue = re.match(r"(?:speaks?|speaking|spoke|in|fluent in|interpreter for|only)\s+", text[start:end])
        if cue:
            start += cue.end()
    return start, end


def _role_counts(text: str, m: re.Match[str]) -> bool:
    word = m.group(0)
    if word.lower() not in _CASED_ROLES:
        return True
    if not word[0].isupper():
        return False
    titled = re.match(r"\s+[A-Z]", text[m.end() :]) is not None  # "Sister Mary", "Elder Hassan"
    return titled or not _sentence_start(text, m.start())


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \"'“‘([")
    return not before or before[-1] in ".!?\n:"


def find_in_case(case: Case) -> list[QuasiIdentifier]:
    """Every quasi-identifying phrase in the case's free text (identifiers excluded), numbered from 1."""
    from casekit.deid.casewalk import case_texts

    found: list[QuasiIdentifier] = []
    for where, text in case_texts(case):
        found += find_in_text(text, where=where)
    return [
        QuasiIdentifier(i, q.kind, q.where, q.start, q.end, q.phrase) for i, q in enumerate(found, start=1)
    ]


def assess(found: Iterable[QuasiIdentifier]) -> Assessment:
    """Count ``found`` by kind and decide whether to warn (see :data:`COMBINATION_THRESHOLD`)."""
    counts = Counter(q.kind for q in found)
    ordered = {k: counts[k] for k in KINDS if counts.get(k)}
    return Assessment(ordered, len(ordered) >= COMBINATION_THRESHOLD)


def assess_text(text: str) -> Assessment:
    """:func:`assess` the quasi-identifiers of one text (an export's visible text)."""
    return assess(find_in_text(text))


def review_lines(case: Case) -> list[str]:
    """The presenter's local list: one line per phrase ("3. identity.self_description (occupation): …").

    Ends with the combination warning when it applies. Shows the phrases themselves, so it is for the
    presenter's own screen only (like :class:`casekit.deid.review.ReviewItem`).
    """
    found = find_in_case(case)
    lines = [f"{q.number}. {q.where} ({KIND_WORDS[q.kind]}): [[{q.phrase}]]" for q in found]
    message = assess(found).message()
    return [*lines, message] if message else lines


def generalise(case: Case, number: int, replacement: str, *, secret: bytes) -> Case:
    """A copy of ``case`` with quasi-identifier ``number`` replaced by ``replacement`` in its text.

    The change is recorded in ``deid_decisions`` like a review decision: a keyed fingerprint of the
    phrase (never its text), the category ``generalised_KIND`` and the decision ``redact``.

    Parameters
    ----------
    case
        The case (with its identifiers).
    number
        The phrase's number in :func:`find_in_case` / :func:`review_lines`.
    replacement
        The more general wording ("a driver"); one line of plain text.
    secret
        The case's fingerprint key (``CaseStore.fingerprint_secret``).

    Raises
    ------
    DeidentificationError
        If ``number`` is not in the list or ``replacement`` is empty, too long or spans lines.
    """
    from casekit.deid.casewalk import case_texts
    from casekit.deid.text import fingerprint
    from casekit.model.case import DeidDecision, ReviewDecision
    from casekit.model.walk import replace_texts

    found = find_in_case(case)
    chosen = next((q for q in found if q.number == number), None)
    if chosen is None:
        raise DeidentificationError(
            f"detail {number} is not in the list (1 to {len(found)}); list them with "
            f"`casekit deid review {case.meta.case_id} --risks`"
        )
    replacement = replacement.strip()
    if not replacement or len(replacement) > 80 or "\n" in replacement:
        raise DeidentificationError(
            "the more general wording must be one line of 1 to 80 characters, such as 'a driver'"
        )
    text = dict(case_texts(case))[chosen.where]
    new_text = text[: chosen.start] + replacement + text[chosen.end :]
    decision = DeidDecision(
        fingerprint=fingerprint(secret, chosen.phrase),
        category=f"{DECISION_PREFIX}{chosen.kind}",
        decision=ReviewDecision.REDACT,
    )
    updated = replace_texts(case, {chosen.where: new_text})
    return updated.model_copy(update={"deid_decisions": [*updated.deid_decisions, decision]})
