"""Every searchable form of a case's private identifiers.

A name is searched as a whole and part by part (hyphen parts too); an address part by itself and with
the usual abbreviations; a phone number by its digits whatever the separators; a date of birth in every
common way of writing it; an email in full, by its local part and by an uncommon domain.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from casekit.deid import lexicon
from casekit.deid.text import fold, is_non_latin
from casekit.model.case import PrivateIdentifiers

#: Categories of known identifiers, as they appear in reports.
CLIENT_NAME = "client_name"
HOUSEHOLD_NAME = "household_name"
EMPLOYER = "employer"
SCHOOL = "school"
STREET = "street_address"
CITY = "city"
COUNTY = "county"
POSTAL_CODE = "postal_code"
PHONE = "phone"
EMAIL = "email"
DATE_OF_BIRTH = "date_of_birth"
OTHER = "other_identifier"
EXTRA = "extra_term"

_NAME_SPLIT = re.compile(r"[\s\-‐‑–—]+")
_STREET_ABBREVIATIONS = {
    "street": "st",
    "avenue": "ave",
    "road": "rd",
    "boulevard": "blvd",
    "lane": "ln",
    "drive": "dr",
    "court": "ct",
    "place": "pl",
    "terrace": "ter",
    "highway": "hwy",
    "parkway": "pkwy",
    "circle": "cir",
    "square": "sq",
    "crescent": "cres",
    "apartment": "apt",
    "suite": "ste",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "mount": "mt",
    "saint": "st",
}
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class KnownForm:
    """One searchable form of a known identifier.

    Attributes
    ----------
    text
        The form as it may be written (matching ignores case and accents).
    category
        What kind of identifier it is (``client_name``, ``phone``, ...).
    key
        Which identifier it belongs to (``client``, ``household:0``, ``employer:1``, ...), so every
        form of one person or place gets the same label.
    wordlike
        A single word that is also an ordinary English word or very short ("Hope", "Le"): it is an
        identifier only where context says it is a name.
    whole
        The form is the identifier in full (not one part of it).
    """

    text: str
    category: str
    key: str
    wordlike: bool = False
    whole: bool = False


def _is_wordlike(token: str) -> bool:
    t = fold(token)
    if is_non_latin(token):
        return False
    return len(t) <= 2 or t in lexicon.english_words() or lexicon.is_kept_word(t)


def name_forms(name: str) -> list[tuple[str, bool]]:
    """The whole name, its spelling without hyphens, and each part: ``[(form, whole), ...]``."""
    name = " ".join(name.split())
    if not name:
        return []
    out: list[tuple[str, bool]] = [(name, True)]
    parts = [p for p in _NAME_SPLIT.split(name) if p]
    if len(parts) > 1:
        out.append((" ".join(parts), True))
    for token in name.split():
        if "-" in token:
            out += [(token.replace("-", ""), False), (token, False)]
    for part in parts:
        part = part.strip('.,()"')
        if len(parts) > 1 and lexicon.keep_lexicon().is_form_of_address(part):
            continue  # "Mrs.", "Eomma", "Hooyo": how someone is addressed, not a name by itself
        if len(part) >= 2 or is_non_latin(part):
            out.append((part, False))
            if "'" in part or "’" in part:
                out.append((re.sub(r"['’]", "", part), False))
    return list(dict.fromkeys(out))


def org_forms(name: str) -> list[tuple[str, bool]]:
    """An organisation's name in full, without a leading "The", its distinctive words and acronym."""
    name = " ".join(name.split())
    if not name:
        return []
    out: list[tuple[str, bool]] = [(name, True)]
    if name.casefold().startswith("the "):
        out.append((name[4:], True))
    # A note in brackets ("(student job)", "(retired)") describes the tie, not the organisation.
    core = " ".join(re.sub(r"\([^)]*\)", " ", name).split())
    if core and core != name:
        out.append((core, True))
    tokens = [t.strip(".,()'\"") for t in core.split()]
    distinctive = [
        t
        for t in tokens
        if fold(t) not in lexicon.ORG_GENERIC
        and len(t) >= 3
        and not lexicon.is_kept_word(re.sub(r"['’]s$", "", t))
    ]
    if len(tokens) > 1:
        out += [(t, False) for t in distinctive if not t.isdigit()]
        if len(distinctive) > 1:
            out.append((" ".join(distinctive), False))
        initials = "".join(t[0] for t in tokens if t and t[0].isupper())
        if len(initials) >= 3:
            out.append((initials, False))
    return list(dict.fromkeys(out))


def street_forms(street: str) -> list[tuple[str, bool]]:
    """A street address, with and without its number, with street words spelt out and abbreviated."""
    street = " ".join(street.split()).strip(",")
    if not street:
        return []
    variants = {street}
    words = street.split()
    for i, w in enumerate(words):
        low = fold(w).rstrip(".")
        for full, short in _STREET_ABBREVIATIONS.items():
            if low == full:
                variants.add(" ".join([*words[:i], short.title(), *words[i + 1 :]]))
                variants.add(" ".join([*words[:i], short.title() + ".", *words[i + 1 :]]))
            elif low == short:
                variants.add(" ".join([*words[:i], full.title(), *words[i + 1 :]]))
    out: list[tuple[str, bool]] = [(v, True) for v in sorted(variants)]
    for v in sorted(variants):
        parts = v.split()
        if len(parts) > 1 and any(ch.isdigit() for ch in parts[0]):
            rest = " ".join(parts[1:])
            if len(parts) > 2:
                out.append((rest, False))
    return list(dict.fromkeys(out))


def unit_forms(unit: str) -> list[tuple[str, bool]]:
    """An apartment or unit: ``Apt 4B``, ``Unit 4B``, ``#4B`` (and ``4B`` alone when long enough)."""
    unit = " ".join(unit.split())
    if not unit:
        return []
    code = unit.split()[-1].lstrip("#")
    # A bare "3" would match every 3 in the text: alone, only a code like "3B" or "104" counts.
    out = [(unit, True)] if unit != code or _distinct_code(code) else []
    for word in ("Apt", "Apt.", "Apartment", "Unit", "Suite", "Flat", "#", "No.", "Room"):
        out.append((f"{word} {code}" if word != "#" else f"#{code}", True))
    if _distinct_code(code) and (code, True) not in out:
        out.append((code, False))
    return list(dict.fromkeys(out))


def _distinct_code(code: str) -> bool:
    return any(c.isdigit() for c in code) and (len(code) >= 3 or any(c.isalpha() for c in code))


def phone_digits(phone: str) -> str:
    """The digits of a phone number without a leading North American ``1`` or ``+``/``00`` country
    prefix guess (the national number is what identifies)."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("1"):
        return digits[1:]
    if phone.strip().startswith(("+", "00")) and len(digits) > 10:
        return digits[-10:] if not phone.strip().startswith("+44") else digits[2:]
    return digits


def phone_forms(phone: str) -> list[tuple[str, bool]]:
    """A phone number as written, as bare digits and in the usual groupings."""
    d = phone_digits(phone)
    out = [(" ".join(phone.split()), True)]
    if len(d) >= 7:
        out.append((d, True))
    if len(d) == 10:
        a, b, c = d[:3], d[3:6], d[6:]
        out += [
            (f"{a}-{b}-{c}", True),
            (f"({a}) {b}-{c}", True),
            (f"{a}.{b}.{c}", True),
            (f"{a} {b} {c}", True),
            (f"+1 {a} {b} {c}", True),
            (f"+1-{a}-{b}-{c}", True),
            (f"1-{a}-{b}-{c}", True),
            (f"({a}){b}-{c}", True),
            (f"{b}-{c}", False),
        ]
    return list(dict.fromkeys(out))


def email_forms(email: str) -> list[tuple[str, bool]]:
    """An email in full, its local part, and its domain when the domain is not a common provider."""
    email = email.strip()
    out = [(email, True)]
    local, _, domain = email.partition("@")
    if len(local) >= 3:
        out.append((local, False))
    if domain and fold(domain) not in lexicon.COMMON_EMAIL_DOMAINS:
        out.append((domain, False))
    return out


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def date_forms(day: dt.date, *, with_year_only: bool = False) -> list[str]:
    """A date in the usual ways of writing it: ISO, US and European numbers, month names, ordinals.

    Parameters
    ----------
    day
        The date.
    with_year_only
        Leave out the forms without a year (a birthday written as "March 7").
    """
    y, m, d = day.year, day.month, day.day
    yy = f"{y % 100:02d}"
    month, mon = _MONTHS[m - 1], _MONTHS[m - 1][:3]
    out: list[str] = [day.isoformat(), f"{y}/{m:02d}/{d:02d}", f"{y}{m:02d}{d:02d}", f"{y}.{m:02d}.{d:02d}"]
    for sep in "/-.":
        for mm, dd in ((f"{m:02d}", f"{d:02d}"), (str(m), str(d))):
            for year in (str(y), yy):
                out += [f"{mm}{sep}{dd}{sep}{year}", f"{dd}{sep}{mm}{sep}{year}"]
    for name in (month, mon, mon + "."):
        for dn in (str(d), _ordinal(d), f"{d:02d}"):
            out += [f"{name} {dn}, {y}", f"{name} {dn} {y}", f"{dn} {name} {y}", f"{dn} of {name} {y}"]
            out += [f"{dn} {name}, {y}", f"{dn}-{name}-{y}", f"{dn}-{name}-{yy}"]
            if not with_year_only:
                out += [f"{name} {dn}", f"{dn} {name}", f"{dn} of {name}"]
    return list(dict.fromkeys(out))


def known_forms(ids: PrivateIdentifiers, extra_terms: Iterable[str] = ()) -> list[KnownForm]:
    """Every searchable form of every identifier in ``ids`` (and of ``extra_terms``).

    Longer forms come first, so a full name wins over its parts where both match.
    """
    out: list[KnownForm] = []

    def add(pairs: Iterable[tuple[str, bool]], category: str, key: str, *, words: bool = True) -> None:
        for text, whole in pairs:
            text = text.strip()
            if not text:
                continue
            single = len(text.split()) == 1
            wordlike = words and single and not text.isdigit() and _is_wordlike(text)
            out.append(KnownForm(text, category, key, wordlike=wordlike, whole=whole))

    client_names = [ids.legal_name, ids.name_used, *ids.other_names, *ids.names_in_other_scripts]
    for name in client_names:
        add(name_forms(name), CLIENT_NAME, "client")
    for i, member in enumerate(ids.household):
        for name in (member.name, *member.other_names):
            add(name_forms(name), HOUSEHOLD_NAME, f"household:{i}")
    for i, employer in enumerate(ids.employers):
        add(org_forms(employer), EMPLOYER, f"employer:{i}")
    for i, school in enumerate(ids.schools):
        add(org_forms(school), SCHOOL, f"school:{i}")
    a = ids.address
    add(street_forms(a.street), STREET, "street")
    add(unit_forms(a.unit), STREET, "street")
    if a.city:
        add(org_forms(a.city), CITY, "city")
    if a.county:
        county = re.sub(r"(?i)\s+(county|parish|borough)$", "", a.county.strip())
        add([(a.county, True), (f"{county} County", True), (county, False)], COUNTY, "county")
    if a.postal_code:
        code = a.postal_code.strip()
        pairs = [(code, True)]
        if re.fullmatch(r"\d{5}-\d{4}", code):
            pairs.append((code[:5], True))
        add(pairs, POSTAL_CODE, "postal_code", words=False)
    for i, phone in enumerate(ids.phones):
        add(phone_forms(phone), PHONE, f"phone:{i}", words=False)
    for i, email in enumerate(ids.emails):
        add(email_forms(email), EMAIL, f"email:{i}")
    if ids.date_of_birth:
        add([(f, True) for f in date_forms(ids.date_of_birth)], DATE_OF_BIRTH, "dob", words=False)
    for i, other in enumerate(ids.other):
        pairs = [(other.value, True)]
        digits = re.sub(r"\D", "", other.value)
        if len(digits) >= 4 and digits != other.value:
            pairs.append((digits, True))
        add(pairs, OTHER, f"other:{i}")
    for i, term in enumerate(extra_terms):
        add(org_forms(term), EXTRA, f"extra:{i}")
    # Drop the parts that merely repeat something kept (a city called "Hope" is still a name).
    seen: dict[tuple[str, str], KnownForm] = {}
    for form in out:
        k = (fold(form.text), form.key)
        if k not in seen or (form.whole and not seen[k].whole):
            seen[k] = form
    return sorted(seen.values(), key=lambda f: (-len(f.text), f.text))


def identifier_forms(ids: PrivateIdentifiers, extra_terms: Iterable[str] = ()) -> list[str]:
    """Every searchable variant of the identifiers, each as written and accent-folded.

    For byte scans in tests and in the export gate; search case-insensitively. Short forms and names
    that are also ordinary words are included: :func:`casekit.deid.scan_for_identifiers` applies the
    context rules that keep "she felt hope" from counting as a leak of a client called Hope.
    """
    seen: dict[str, None] = {}
    for form in known_forms(ids, extra_terms):
        for variant in _spellings(form.text):
            seen.setdefault(variant, None)
    return list(seen)


def _spellings(text: str) -> Iterator[str]:
    yield text
    folded = fold(text)
    if folded != text.lower():
        yield folded
