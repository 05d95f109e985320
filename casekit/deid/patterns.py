"""Pattern detectors for the HIPAA Safe Harbor kinds that have a shape.

Dates (all but the year), phone and fax numbers, emails, URLs, IP addresses, SSNs, record, account,
licence and device numbers, street addresses, ZIP codes, ages over 89, people named with a title and
organisations named with an organisation word ("... Community College"). Compiled once, on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from casekit.deid import lexicon
from casekit.deid.lexicon import _split
from casekit.deid.spans import PATTERN, Span

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


@functools.cache
def _compiled() -> list[tuple[str, re.Pattern[str], int]]:
    """(category, pattern, priority) in the order they are tried; lower priority wins overlaps."""
    titles = "|".join(sorted((re.escape(t) for t in lexicon.TITLES), key=len, reverse=True))
    cap = r"[A-Z\u00C0-\u024F][\w'’\-]*"
    org_end = "|".join(
        sorted((re.escape(w.title()) for w in lexicon.ORG_ENDINGS if w.isalpha()), key=len, reverse=True)
    )
    table: list[tuple[str, str, int]] = [
        (EMAIL, r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+", 10),
        (URL, r"\b(?:https?://|www\.)[^\s<>\"'\])]+", 10),
        (
            URL,
            r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|io|us|info|biz|app|dev)\b(?:/[^\s<>\"'\])]*)?",
            11,
        ),
        (IP_ADDRESS, r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b", 10),
        (IP_ADDRESS, r"(?i)\b(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?::[0-9a-f]{1,4})*\b", 12),
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
        (DATE, rf"\b{_MONTH_ANY},?\s+{_YEAR}\b", 22),
        (AGE, r"(?i)\b(?:9\d|1[01]\d)\s*(?:-\s*)?(?:years?|yrs?)(?:\s*-\s*|\s+)old\b", 15),
        (AGE, r"(?i)\b(?:9\d|1[01]\d)(?:\s*y/?o|\s*yo)\b", 15),
        (AGE, r"(?i:\b(?:aged?|age of|turned|turning)\s+)(?P<v>9\d|1[01]\d)\b", 15),
        (STREET, r"(?i:\bP\.?\s?O\.?\s+Box\s+)\d+", 25),
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
            r"\b(?=[A-Za-z-]*\d(?:[A-Za-z-]*\d){3})(?=[\d-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\b",
            36,
        ),
        (POSTAL_CODE, r"(?<![$€£\d.,])\b\d{5}(?:-\d{4})?\b(?![.,]\d)", 37),
        (ID_NUMBER, r"(?<![$€£\d.,])\b\d{6,}\b", 38),
        (PERSON, rf"(?i:\b(?:{titles}))\s+(?P<v>{cap}(?:\s+{cap})?)", 40),
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
    """Yield a :class:`Span` for every pattern identifier in ``text`` (overlaps are left in)."""
    for category, pattern, priority in _compiled():
        for m in pattern.finditer(text):
            start, end = m.span("v") if "v" in pattern.groupindex else m.span()
            if start == end:
                continue
            span = _refine(category, text, m, start, end, priority)
            if span is not None:
                yield span


def _refine(category: str, text: str, m: re.Match[str], start: int, end: int, prio: int) -> Span | None:
    value = text[start:end]
    label: str | None = None
    extra: dict[str, str] = {}
    if category == URL:
        value = value.rstrip(".,;:!?")
        end = start + len(value)
        label = "[URL]"
    elif category == EMAIL:
        label = "[Email]"
    elif category == IP_ADDRESS:
        if ":" in value and not (re.search(r"[a-fA-F]", value) or "::" in value or value.count(":") >= 4):
            return None  # a time such as 10:30:15
        label = "[IP address]"
    elif category == SSN:
        label = "[SSN]"
    elif category == DATE:
        year = m.groupdict().get("year")
        label = f"[Date] {year}" if year and len(year) == 4 else "[Date]"
        if year and len(year) == 4:
            extra["year"] = year
    elif category == AGE:
        hyphen = "-" in value and "old" in value.lower() and not re.search(r"\s", value)
        label = "90-or-older" if hyphen else "90 or older"
    elif category == STREET:
        label = "[Street address]"
    elif category == PHONE:
        digits = re.sub(r"\D", "", value)
        if not 7 <= len(digits) <= 15:
            return None
        label = "[Phone]"
    elif category == ID_NUMBER:
        if re.fullmatch(r"(?:19|20)\d\d", value):
            return None
        label = "[ID number]"
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
        value = (
            text[start:end].rstrip(".") if ending not in ("inc.", "ltd.", "co.", "corp.") else text[start:end]
        )
        end = start + len(value)
    return Span(start, end, category, PATTERN, label=label, priority=prio, key=value.casefold(), extra=extra)
