"""Pattern detectors for the HIPAA Safe Harbor kinds that have a shape.

Dates (all but the year, and a day of the month on its own: "since the 21st"), phone and fax numbers
(also read out in words), emails (also spelt "name at domain dot com"), URLs (with or without a
scheme), social-media handles, IPv4 and IPv6 addresses, SSNs, record, account, insurance, licence and
device numbers (also spaced: "policy no. XJ 4471 993"), street addresses (also rural routes, county
roads and PO boxes), ZIP codes, ages over 89 (in digits or words, "she is 94", "turned ninety-one",
"in her nineties"), people named with a title and organisations named with an organisation word
("... Community College"). Names that only context shows (initials, a name in lower case before a
quoted message, a name that is also a word, writing in other scripts) are in
:mod:`casekit.deid.cues`. Compiled once, on first use.

Ages: Safe Harbor asks that every age over 89 be folded into one "90 or older" group, so a decade
("in her nineties") is replaced too — it says more than "90 or older" does. Decades below 90 stay.

Linear time: every pattern that starts with an unbounded run of characters is anchored with a
lookbehind that forbids starting inside such a run, so no input makes a pattern retry from every
position (tests/deid/test_pattern_speed.py feeds each one 100,000 characters without a space).
"""

from __future__ import annotations

import functools
import ipaddress
import itertools
import re
from collections.abc import Iterator

from casekit.deid import lexicon
from casekit.deid.cues import find_cues
from casekit.deid.lexicon import _split
from casekit.deid.spans import PATTERN, Span
from casekit.deid.text import fold

DATE = "date"
PHONE = "phone"
EMAIL = "email"
URL = "url"
IP_ADDRESS = "ip_address"
SSN = "ssn"
ID_NUMBER = "id_number"
STREET = "street_address"
POSTAL_CODE = "postal_code"
AGE = "age_over_89"
PERSON = "person"
ORGANISATION = "organisation"
SCHOOL = "school"
HANDLE = "social_handle"

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_ANY = (
    rf"(?:{_MONTH}|(?i:january|february|march|april|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec))\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_STREET_TYPES = (
    r"(?i:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|"
    r"terrace|ter|crescent|cres|close|highway|hwy|parkway|pkwy|circle|cir|square|sq|trail|trl|"
    r"row|walk|loop|alley|pike|grove|gardens|heights|mews)"
)
_DIGIT_WORDS = {
    "zero": 0,
    "oh": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_SPOKEN_DIGIT = rf"(?:(?:double|triple)\s+)?{_DIGIT_WORD}"
_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
#: An age over 89, in digits (90-119) or words ("ninety-one", "a hundred and two").
_OLD_AGE = (
    rf"(?:9\d|1[01]\d|ninety(?:[- ]{_UNIT_WORD})?|(?:a|one)[- ]hundred(?:(?:[- ]and)?[- ](?:{_UNIT_WORD}|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)"
)
#: Relatives and others whose age a note gives ("her grandmother is 94").
_KIN = (
    r"(?:mother|father|mom|mum|dad|grandmother|grandfather|grandma|grandpa|nana|aunt|uncle|husband|wife|"
    r"partner|neighbou?r|patient|client|friend|sister|brother)"
)
#: Words after a number that say it is not an age ("she is 94 percent sure", "was 95 minutes late").
_NOT_AN_AGE = (
    r"(?!\s*(?:%|percent|per\b|minutes?|mins?|hours?|hrs?|seconds?|days?|weeks?|months?|kg|kilos?|lbs?|"
    r"pounds|mg|ml|degrees|points?|cm|mm|inches|feet|ft|miles?|km|dollars|cents|times|pages|people|"
    r"th\b|st\b|nd\b|rd\b|"
    r"[.,]\d|/|:))"
)
_DAY_ORDINAL = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
_ORDINAL_WORD = (
    r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|"
    r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
    r"fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
)
#: Nouns an ordinal counts ("the 3rd session", "the 21st century"): then it is not a day of the month.
_ORDINAL_NOUNS = (
    r"(?!\s*-?\s*(?:floor|century|centuries|time|times|session|sessions|visit|visits|appointment|grade|"
    r"attempt|try|round|place|week|weeks|day|days|year|years|month|months|birthday|anniversary|street|"
    r"st|avenue|ave|child|baby|kid|son|daughter|pregnancy|trimester|dose|cycle|step|steps|stage|wave|"
    r"generation|edition|amendment|precinct|district|ward|period|quarter|semester|term|chapter|page|"
    r"line|item|question|one|ones|person|thing|things|part|half|class|game|job|marriage|husband|wife|"
    r"partner|language|draft|option|choice|level|phase|meeting|call|group|of\s+(?:the|her|his|their|my|"
    r"our|your|these|those|them|us|every|each|all)\b|and\s+(?:final|last)|to\s+last)\b)"
)
#: What follows an ordinal written as a word when it is a day of the month ("on the first.", "on the
#: first of May", "on the first, at noon"); any other word makes it a count ("on the first goal").
_ENDS_A_DAY = (
    r"(?=\s*(?:[.,;:!?)\"'”’]|$)|\s+of\s+(?:the\s+month|this\s+month|next\s+month|"
    rf"{_MONTH_ANY})|\s+(?i:at|and|or|but|when|so|then|if|she|he|they|we|i)\b)"
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thur?s?|fri|sat|sun)"
_TLDS = (
    r"(?:com|org|net|edu|gov|mil|int|io|us|uk|ca|au|nz|ie|co|info|biz|app|dev|me|tv|ai|ly|gg|online|site|"
    r"xyz|store|shop|blog|art|health|church|community|social|page|link|life|world|live|club)"
)
_AT = r"(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+)"
_DOT = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+)"
#: Words that go with "at" in ordinary prose ("works at example dot com" is not an address).
_NOT_A_MAILBOX = frozenset(
    _split(
        "work works worked working is was be been are were look looks looked looking stay stays stayed "
        "live lives lived living met meet meets job volunteer volunteers volunteered it that this "
        "arrived arrives here there them him her me us you"
    )
)
_ID_KEYWORDS = (
    r"(?:mrn|medical\s+record|record|chart|account|acct|policy|member|subscriber|insurance|group|claim|"
    r"medicaid|medicare|passport|licen[cs]e|id)"
)
_TIME_OR_NUMBER = re.compile(r"\d{1,2}(?:[:.]\d\d)?(?:am|pm|h)?|\d+", re.IGNORECASE)
_ABBREVIATIONS = frozenset(_split("e.g i.e a.m p.m u.s u.k n.b p.s etc vs"))


@functools.cache
def _compiled() -> list[tuple[str, re.Pattern[str], int]]:
    """(category, pattern, priority) in the order they are tried; lower priority wins overlaps.

    Patterns that begin with an unbounded character class forbid starting inside a run of that class
    (``(?<![...])``), so each run is scanned once: linear time on any input.

    Over 80 lines because it is one table: the priorities only make sense read side by side.
    """
    titles = "|".join(sorted((re.escape(t) for t in lexicon.TITLES), key=len, reverse=True))
    cap = r"[A-Z\u00C0-\u024F][\w'’\-]*"
    org_end = "|".join(
        sorted((re.escape(w.title()) for w in lexicon.ORG_ENDINGS if w.isalpha()), key=len, reverse=True)
    )
    table: list[tuple[str, str, int]] = [
        (EMAIL, r"(?<![\w.+%-])[\w.+%-]+@[\w-]+(?:\.[\w-]+)+", 10),
        (
            EMAIL,
            rf"(?i)(?<![\w.+-])(?P<local>[\w.+-]+){_AT}[\w-]+(?:(?:{_DOT}|\.)[\w-]+)*(?:{_DOT}|\.){_TLDS}\b",
            10,
        ),
        (HANDLE, r"(?<![\w@.])@(?=[\w.]{0,40}[A-Za-z_])[A-Za-z0-9_](?:[\w.]{0,38}\w)?(?![\w@])", 10),
        (URL, r"\b(?:https?://|www\.)[^\s<>\"'\])]+", 10),
        (
            URL,
            rf"(?<![\w.@/-])[\w-]+(?:\.[\w-]+)*\.(?:(?:{_TLDS}|{_TLDS.upper()})\b(?:/[^\s<>\"'\])]*)?|[A-Za-z]{{2,24}}/[^\s<>\"'\])]*)",
            11,
        ),
        (IP_ADDRESS, r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b", 10),
        (IP_ADDRESS, r"(?<![\w:.%])[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[\w.]+)?(?![\w:])", 12),
        (ID_NUMBER, r"(?<![\w:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![\w:-])", 11),
        (SSN, r"\b\d{3}([- ])\d{2}\1\d{4}\b", 10),
        (
            SSN,
            r"(?i:\b(?:ssn|social security(?: number)?|ss#)[\s:#]*)(?P<v>\d{9}|\d{3}[- ]?\d{2}[- ]?\d{4})\b",
            10,
        ),
        (DATE, rf"\b{_MONTH_ANY}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", 20),
        (DATE, rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH_ANY}(?:,?\s+{_YEAR}\b)?", 20),
        (DATE, rf"\b{_DAY}-{_MONTH_ANY}-(?:{_YEAR}|\d\d)\b", 20),
        (DATE, rf"\b{_YEAR}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])\b", 20),
        (DATE, r"\b(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|[12]\d|3[01])[/.-](?P<year>(?:19|20)?\d\d)\b", 20),
        (
            DATE,
            r"(?i:\b(?:on|by|since|from|until|till|before|after|due)\s+)(?P<v>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))\b(?!/)",
            21,
        ),
        (
            DATE,
            rf"(?i:\b(?:on|by|since|from|until|till|before|after|due|around|about|through|thru|starting|"
            rf"ending|{_WEEKDAY},?)\s+(?:the\s+)?)(?P<v>{_DAY_ORDINAL})\b{_ORDINAL_NOUNS}",
            21,
        ),
        (
            DATE,
            rf"(?i:\b(?:on|{_WEEKDAY},?)\s+the\s+)(?P<v>{_ORDINAL_WORD})\b{_ORDINAL_NOUNS}{_ENDS_A_DAY}",
            21,
        ),
        (DATE, rf"\b{_MONTH_ANY},?\s+{_YEAR}\b", 22),
        (AGE, rf"(?i)\b{_OLD_AGE}\s*(?:-\s*)?(?:years?|yrs?)(?:\s*-\s*|\s+)old\b", 15),
        (AGE, r"(?i)\b(?:9\d|1[01]\d)(?:\s*y/?o|\s*yo)\b", 15),
        (AGE, rf"(?i:\b(?:aged?|age of|turned|turning|turns|turn)\s+)(?P<v>{_OLD_AGE})\b{_NOT_AN_AGE}", 15),
        (
            AGE,
            rf"(?i:\b(?:she|he|i|they|who|you|we|she's|he's|i'm|they're|you're|we're|{_KIN})\s+"
            rf"(?:(?:is|was|am|are|were|will\s+be|would\s+be|has\s+been|had\s+been|just|now|almost|nearly|"
            rf"about|over|only)\s+){{0,3}})(?P<v>{_OLD_AGE})\b{_NOT_AN_AGE}",
            15,
        ),
        (AGE, r"(?<=[A-Za-z]),\s*(?P<v>9\d|1[01]\d),", 16),
        (AGE, r"(?i)\b(?:super)?(?:nonagenarian|centenarian)s?\b", 15),
        (
            AGE,
            r"(?i)\bin\s+(?:her|his|their|my|your|our)\s+(?:(?:early|mid|late)[\s-]+)?(?:nineties|90s|90['’]s)\b",
            15,
        ),
        (STREET, r"(?i:\b(?:P\.?\s?O\.?\s*|post\s+office\s+)Box\s*#?\s*)\d+", 25),
        (
            STREET,
            r"(?i)\b(?:rural\s+route|r\.\s?r\.|rr|star\s+route)\s*#?\s*\d+(?:\s*,?\s*box\s*#?\s*\d+[a-z]?)?\b"
            r"|\bhc\s*#?\s*\d+\s*,?\s*box\s*#?\s*\d+[a-z]?\b",
            24,
        ),
        (
            STREET,
            r"(?i)\b\d{1,6}[a-z]?\s+(?:(?:county|state|farm|township|forest|ranch)(?:\s+to\s+market)?\s+"
            r"(?:road|rd|route|rte|highway|hwy|line)|highway|hwy|route|rte|us|interstate|i-|sr|fm|cr)"
            r"\s*-?\s*#?\d+[a-z]?\b",
            24,
        ),
        (
            STREET,
            rf"\b\d{{1,6}}[A-Za-z]?\s+(?:[NSEW]\.?\s+)?(?:{cap}\s+){{0,3}}{_STREET_TYPES}\b\.?"
            rf"(?:,?\s+(?i:apt|apartment|unit|suite|ste|flat)\.?\s*#?\s*[\w-]+|,?\s*#\s*[\w-]+)?",
            25,
        ),
        (STREET, r"(?i)\b(?:apt|apartment|suite|ste|flat)\.?\s*#?\s*\d+[a-z]?\b", 26),
        (
            PHONE,
            r"(?<![\w+])(?:\+\d{1,3}[\s.-]?|1[\s.-])?(?:\(\d{2,4}\)\s?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}(?:\s*(?i:x|ext\.?)\s*\d{1,5})?(?!\w)",
            30,
        ),
        (PHONE, r"(?<![\w+])\+\d[\d\s.-]{7,16}\d(?!\w)", 30),
        (PHONE, r"(?<![\w.-])\d{3}[-.]\d{4}(?![\w-])", 31),
        (PHONE, r"(?<![\w.-])(?:1)?\d{10}(?!\w)", 31),
        (PHONE, rf"(?i)\b{_SPOKEN_DIGIT}(?:[\s,.-]+{_SPOKEN_DIGIT}){{5,14}}\b", 31),
        (
            ID_NUMBER,
            rf"(?i:\b{_ID_KEYWORDS}\s*(?:id|number|no\.?|num|nr|#)?\s*[:#]?\s*)"
            r"(?P<v>(?:[A-Z]{1,4}[ -])?[A-Za-z]*\d[A-Za-z0-9]*(?:[-./ ][A-Za-z]*\d[A-Za-z0-9]*)*"
            r"(?:-[A-Za-z]{1,4}\b)?)",
            29,
        ),
        (
            ID_NUMBER,
            r"(?i:\b(?:mrn|medical record|record|chart|account|acct|policy|member|member id|licen[cs]e|"
            r"licen[cs]e plate|plate|passport|a-number|alien number|case|claim|serial|device|imei|vin|"
            r"badge|employee|student|patient|client)\s*(?:id|number|no\.?|num|#)?\s*[:#]?\s*)"
            r"(?P<v>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{3,})",
            35,
        ),
        (
            ID_NUMBER,
            r"(?<![\w-])(?=[A-Za-z-]*\d(?:[A-Za-z-]*\d){3})(?=[\d-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\b",
            36,
        ),
        (POSTAL_CODE, r"(?<![$€£\d.,])\b\d{5}(?:-\d{4})?\b(?![.,]\d)", 37),
        (ID_NUMBER, r"(?<![$€£\d.,])\b\d{6,}\b", 38),
        # A name never spans a line break ("Dr. Tesfaye\nShe said" is Dr. Tesfaye, then "She").
        (PERSON, rf"(?i:\b(?:{titles}))[^\S\n]+(?P<v>{cap}(?:[^\S\n]+{cap})?)", 40),
        (
            ORGANISATION,
            rf"\b(?:{cap}\.?\s+(?:(?:of|the|de|&)\s+)?){{1,4}}(?:{org_end})\b\.?"
            rf"|\b(?:University|College|Bank|Church|Hospital|Temple|Mosque|Academy|School|Museum)"
            rf"\s+of\s+(?:the\s+)?{cap}(?:\s+{cap}){{0,2}}",
            45,
        ),
    ]
    return [(cat, re.compile(rx), prio) for cat, rx, prio in table]


_LEAD_WORDS = frozenset(
    _split(
        "the a an at in on to from with for by of and but or our my his her their its this that "
        "when while after before since until during"
    )
)


def find_patterns(text: str) -> Iterator[Span]:
    """Yield a :class:`Span` for every pattern identifier in ``text`` (overlaps are left in).

    Names that only context reveals (:func:`casekit.deid.cues.find_cues`) are included.
    """
    for category, pattern, priority in _compiled():
        for m in pattern.finditer(text):
            start, end = m.span("v") if "v" in pattern.groupindex else m.span()
            if start == end:
                continue
            span = _refine(category, text, m, start, end, priority)
            if span is not None:
                yield span
    yield from find_cues(text)


def _refine(category: str, text: str, m: re.Match[str], start: int, end: int, prio: int) -> Span | None:
    """Check a match and give it its label; None when it turns out not to be an identifier."""
    value = text[start:end]
    label: str | None = None
    extra: dict[str, str] = {}
    if category == URL:
        value = value.rstrip(".,;:!?")
        end = start + len(value)
        if fold(value) in _ABBREVIATIONS:
            return None
        label = "[URL]"
    elif category == EMAIL:
        local = m.groupdict().get("local")
        if local is not None and not _spelt_email(value, local):
            return None
        label = "[Email]"
    elif category == HANDLE:
        if _TIME_OR_NUMBER.fullmatch(value[1:]):
            return None  # "meet @5pm", "@ 3"
        label = "[Social media handle]"
    elif category == IP_ADDRESS:
        value = value.rstrip(".")
        end = start + len(value)
        if ":" in value and not _is_ipv6(value):
            return None  # a time such as 10:30:15, or "::" on its own
        label = "[IP address]"
    elif category == SSN:
        label = "[SSN]"
    elif category == DATE:
        year = m.groupdict().get("year")
        label = f"[Date] {year}" if year and len(year) == 4 else "[Date]"
        if year and len(year) == 4:
            extra["year"] = year
    elif category == AGE:
        return _age(text, start, end, prio)
    elif category == STREET:
        label = "[Street address]"
    elif category == PHONE:
        digits = _phone_digits(value)
        if digits is None:
            return None
        label = "[Phone]"
    elif category == ID_NUMBER:
        return _id_number(value, start, end, prio)
    elif category == POSTAL_CODE:
        label = "[ZIP]"
    elif category == PERSON:
        words = value.split()
        if re.fullmatch(r"(?i)(?:i(?:['’](?:ve|m|d|ll))?|we|you|he|she|they|it)", words[0]):
            return None  # "An Elder I've known": a title followed by a pronoun, not a name
        while words and (
            words[-1].casefold() in lexicon.CLINICAL_WORDS or words[-1].casefold() in lexicon.TITLES
        ):
            words.pop()
        if not words:
            return None
        end = start + len(" ".join(words))
        value = text[start:end]
    elif category == ORGANISATION:
        return _organisation(text, start, end, prio)
    return Span(start, end, category, PATTERN, label=label, priority=prio, key=value.casefold(), extra=extra)


def _age(text: str, start: int, end: int, prio: int) -> Span:
    """An age over 89 becomes "90 or older" (or "90-or-older" inside a hyphenated adjective)."""
    value = text[start:end]
    lowered = value.lower()
    if "arian" in lowered:
        # "a centenarian" -> "a person aged 90 or older"
        label = "people aged 90 or older" if lowered.endswith("s") else "person aged 90 or older"
    elif lowered.startswith("in "):
        # "in her late nineties" -> "aged 90 or older"
        label = "aged 90 or older"
    else:
        hyphen = "-" in value and "old" in lowered and not re.search(r"\s", value)
        label = "90-or-older" if hyphen else "90 or older"
    return Span(start, end, AGE, PATTERN, label=label, priority=prio, key=lowered)


def _id_number(value: str, start: int, end: int, prio: int) -> Span | None:
    """A record, account or insurance number: at least three digits, and not a year on its own."""
    value = value.rstrip(".-/ ")
    end = start + len(value)
    if re.fullmatch(r"(?:19|20)\d\d", value):
        return None
    if sum(c.isdigit() for c in value) < 3 or len(re.sub(r"\W", "", value)) < 4:
        return None
    return Span(start, end, ID_NUMBER, PATTERN, label="[ID number]", priority=prio, key=value.casefold())


def _organisation(text: str, start: int, end: int, prio: int) -> Span | None:
    """An organisation named with an organisation word, without leading articles or titles."""
    value = text[start:end]
    category = ORGANISATION
    words = value.split()
    while words and (words[0].casefold() in _LEAD_WORDS or words[0].casefold() in lexicon.TITLES):
        start += len(words[0])
        words = words[1:]
        while start < end and text[start].isspace():
            start += 1
    if len(words) < 2:
        return None
    core = [w for w in words if w.casefold().strip(".") not in lexicon.ORG_GENERIC]
    if not core or all(lexicon.is_kept_word(w) for w in core):
        return None
    ending = words[-1].casefold().strip(".")
    if (ending in lexicon.ORG_ENDINGS and lexicon.ORG_ENDINGS[ending] == "[School]") or any(
        w.casefold() in ("university", "college", "academy", "school") for w in words
    ):
        category = SCHOOL
    value = text[start:end].rstrip(".") if ending not in ("inc.", "ltd.", "co.", "corp.") else text[start:end]
    end = start + len(value)
    return Span(start, end, category, PATTERN, priority=prio, key=value.casefold())


def _spelt_email(value: str, local: str) -> bool:
    """Whether "x at y dot com" is an address: bracketed [at], or a spelt-out "dot", and not "works at"."""
    lowered = value.lower()
    bracketed = bool(re.search(r"[\[({<]\s*at\s*[\])}>]", lowered))
    if bracketed:
        return True
    return bool(re.search(r"\bdot\b", lowered)) and fold(local) not in _NOT_A_MAILBOX


def _is_ipv6(value: str) -> bool:
    """Whether ``value`` is an IPv6 address with at least two groups written out (not "::" or a time)."""
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return len(re.findall(r"[0-9A-Fa-f]+", value.split("%")[0])) >= 2


def _phone_digits(value: str) -> str | None:
    """The digits of a phone number (spoken digits read as digits), or None when it is not one.

    Counting aloud ("one, two, three, four, five, six, seven") is not a number.
    """
    if not re.match(r"[A-Za-z]", value):
        digits = re.sub(r"\D", "", re.sub(r"(?i)\s*(?:x|ext\.?)\s*\d+$", "", value))
    else:
        out: list[str] = []
        repeat = 1
        for word in re.findall(r"[A-Za-z]+", value.lower()):
            if word in ("double", "triple"):
                repeat = 2 if word == "double" else 3
                continue
            out.append(str(_DIGIT_WORDS[word]) * repeat)
            repeat = 1
        digits = "".join(out)
        steps = {int(b) - int(a) for a, b in itertools.pairwise(digits)}
        if steps in ({1}, {-1}):
            return None
    return digits if 7 <= len(digits) <= 15 else None
