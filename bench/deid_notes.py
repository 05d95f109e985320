"""An adversarial, labelled set of fictional consultation notes for bench/bench_deid.py.

Every note, name, number and place here is invented. Each note comes with its case's private
identifiers and a label for every span it contains, in five groups:

* ``known`` -- the case's own identifiers, as written in the note, often disguised: invisible
  characters (zero-width space, soft hyphen, word joiner), letter-spacing ("M a i"), look-alike
  letters from other scripts (Cyrillic "а" for Latin "a"), full-width letters, ALL CAPS, no accents,
  possessives, phone digits regrouped or spelled out, "name at domain dot com";
* ``pattern`` -- Safe Harbor kinds the case does not list: dates (including "on the 3rd"), ages over
  89 in prose, phones (also in words), emails (also spelled out), URLs with and without a scheme,
  handles, IPv4 and IPv6, SSNs, record, plan and licence numbers, rural and street addresses,
  ZIP codes;
* ``unlisted`` -- names and places the case does not list: Latin and non-Latin scripts, names that
  are also words (Hope, Faith, Joy), towns smaller than a state;
* ``cultural`` -- identity and culture that must stay: religions, scriptures, practices, roles
  (Elder, Imam, curandera), kinship titles and teknonyms, diaspora words, occupations, countries,
  states, languages;
* ``other`` -- the ordinary words of the notes.

Notes come in several writing styles: prose, text messages, ALL-CAPS intake lines, bullet notes and
quoted speech. :func:`make_notes` is deterministic for a seed. A generated note is checked before it
is kept (:func:`_consistent`): no word of a span to remove appears elsewhere in the note by chance,
so a count in the output means what the label says.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from casekit.model import Address, HouseholdMember, PrivateIdentifiers

STYLES = ("prose", "sms", "caps", "bullets", "quotes")

GIVEN = [
    "Mai",
    "Oluwaseun",
    "Hope",
    "Faith",
    "Xiadani",
    "Kekoa",
    "Siobhán",
    "Zeynep",
    "Amaru",
    "Thandiwe",
    "Joaquín",
    "Farida",
    "Sione",
    "Kwabena",
    "Hyun-woo",
    "Nasra",
    "Tenzin",
    "Lucía",
    "Ayaan",
    "Mercy",
]
FAMILY = [
    "Nguyễn",
    "Okafor",
    "Wiśniewska",
    "Haddad",
    "Castellanos",
    "Begay",
    "Quispe",
    "Rahimi",
    "Bergström",
    "Adeyemi-Cole",
    "Mwangi",
    "Tsosie",
    "Warsame",
    "Dorjee",
    "Fonoti",
    "Yilmaz",
]
SCRIPTS = ["Ольга", "محمد", "김민준", "प्रिया", "陳美玲", "Αθηνά", "ምሕረት", "ນາງ ແກ້ວ", "שׁוֹשַׁנָּה"]
NICKNAMES = ["Bebe", "Lulu", "Kiki", "Tito", "Pip", "Didi", "Momo", "Nunu"]
CITIES = ["Tillamook", "Wapakoneta", "Ruidoso", "Oskaloosa", "Bemidji", "Yreka", "Sheboygan", "Natchitoches"]
EMPLOYERS = ["Tualatin Valley Logistics", "Brightwater Plumbing", "Kessler Fresh Foods", "Sunfield Packaging"]
SCHOOLS = ["Linnwood Adult School", "Cascadia Technical Institute", "Riverbend High School"]

UNLISTED_PEOPLE = [
    "Darnell Whitaker",
    "Ximena Alvarado",
    "Abebe Girma",
    "Soraya Haidari",
    "Liam O'Connell",
    "Keanu Kahananui",
    "Ingrid Solberg",
    "Yael Friedman",
    "Dawit Tesfaye",
    "Esperanza Ruiz",
]
UNLISTED_SCRIPTS = ["Светлана", "فاطمة", "박지훈", "अनिल", "王建国", "Δημήτρης", "ሰላም", "ထက်ထက်"]
WORD_NAMES = ["Hope", "Faith", "Joy", "Patience", "Precious", "Blessing", "Sunny", "Charity"]
UNLISTED_PLACES = ["Kettle Falls", "Oxbow Junction", "Millbrae", "Tonasket", "Wrangell", "Hood River"]

#: Identity and cultural words and phrases that must survive, by template.
CULTURAL = {
    "She keeps {} and it steadies her.": ["Ramadan", "Shabbat", "Lent", "a novena", "puja at dawn", "salat"],
    "She reads the {} each night.": [
        "Qur'an",
        "Bible",
        "Psalms",
        "Torah",
        "Bhagavad Gita",
        "Guru Granth Sahib",
    ],
    "She is {} and proud of it.": [
        "Muslim",
        "Sikh",
        "Orthodox Tewahedo",
        "Catholic",
        "Buddhist",
        "Jewish",
        "Hindu",
        "Pentecostal",
        "Two-Spirit",
        "Deaf",
        "queer",
        "Black",
        "Hmong",
    ],
    "The {} at her community gave advice.": [
        "Elder",
        "Imam",
        "curandera",
        "Rabbi",
        "granthi",
        "Pastor",
        "aunties",
        "medicine man",
    ],
    "She calls her grandmother {} with respect.": ["Abuela", "Lola", "Bibi", "Amma", "Nani", "Halmoni"],
    # Forms that name a parent by their children without naming a child (Arabic, Swahili); a form with a
    # child's name in it ("Umm Ayaan") is not culture to keep but a name to remove, so it is not here.
    "Neighbours call her by her teknonym, {}.": ["Umm al-Banat", "Mama Kubwa", "Mama wa Watoto"],
    "She sends {} home every month.": ["remittances", "money through hawala", "a balikbayan box"],
    "The {} community keeps her busy.": ["diaspora", "Habesha", "desi", "Nikkei"],
    "Back home she worked as a {}.": ["taxi driver", "nurse", "farmworker", "seamstress", "schoolteacher"],
    "Her family came from {} long ago.": ["Somalia", "Eritrea", "Oaxaca", "Punjab", "Guatemala", "Ethiopia"],
    "She has lived in {} since childhood.": ["Minnesota", "Oregon", "Texas", "Ontario"],
    "She prefers to speak {} in sessions.": ["Tigrinya", "Amharic", "Tagalog", "K'iche'", "Somali", "ASL"],
}

FILLER = [
    "We explored how stress at work affects her sleep and appetite.",
    "She named shame and family duty as barriers to asking for help.",
    "The group suggested asking about her support network before the next session.",
    "Progress on the first goal has been slow but steady according to the client.",
    "She said the interpreter made her feel respected for the first time.",
    "We agreed to revisit the treatment plan together in a month.",
    "A repair conversation followed the misstep about prayer times.",
    "The consultation question is how to balance safety planning with autonomy.",
    "She laughed when describing her garden and the tomatoes that never ripen.",
    "Worry about money keeps coming up when we talk about rest.",
]
SMS = {" you ": " u ", " please ": " pls ", " tomorrow": " tmrw", " because ": " bc "}

# Look-alike letters from other scripts (Cyrillic and Greek) for Latin ones.
_LOOKALIKE = {
    "a": "а",
    "e": "е",
    "o": "о",
    "c": "с",
    "p": "р",
    "i": "і",
    "A": "А",
    "E": "Е",
    "O": "Ο",
    "K": "К",
}
_INVISIBLE = ["\u200b", "\u00ad", "\u2060", "\u200c"]
_DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@dataclass
class Note:
    """One note with its identifiers and labelled spans (as they appear in ``text``)."""

    text: str
    identifiers: PrivateIdentifiers
    style: str = "prose"
    known: list[str] = field(default_factory=list)
    pattern: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)
    cultural: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)


# ---- disguises --------------------------------------------------------------------------------------
def invisible(rng: random.Random, word: str) -> str:
    """``word`` with an invisible character inside it."""
    at = rng.randint(1, max(1, len(word) - 1))
    return word[:at] + rng.choice(_INVISIBLE) + word[at:]


def spaced(word: str) -> str:
    """``word`` letter-spaced ("M a i")."""
    return " ".join(word)


def lookalike(rng: random.Random, word: str) -> str:
    """``word`` with one Latin letter swapped for a look-alike from another script."""
    spots = [i for i, ch in enumerate(word) if ch in _LOOKALIKE]
    if not spots:
        return invisible(rng, word)
    i = rng.choice(spots)
    return word[:i] + _LOOKALIKE[word[i]] + word[i + 1 :]


def fullwidth(word: str) -> str:
    """``word`` in full-width letters."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)


def fold(text: str) -> str:
    """``text`` without accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def in_words(digits: str) -> str:
    """A phone number read out digit by digit ("five oh three ...")."""
    return " ".join("oh" if d == "0" else _DIGIT_WORDS[int(d)] for d in digits if d.isdigit())


_UNLOOK = {v: k for k, v in _LOOKALIKE.items()}
_SPACED = re.compile(r"(?<!\w)(?:\w )+\w(?!\w)")


def normalise(text: str) -> str:
    """Undo the disguises: NFKC, no invisible characters, look-alikes mapped back, letter-spacing closed.

    Used by the scorer to see a known identifier through its disguise, in the note and in the output.
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(_UNLOOK.get(c, c) for c in text if unicodedata.category(c) != "Cf")
    return _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


# ---- the generator ----------------------------------------------------------------------------------
def _identifiers(rng: random.Random) -> tuple[PrivateIdentifiers, dict[str, str]]:
    first, last = rng.choice(GIVEN), rng.choice(FAMILY)
    relative = rng.choice([g for g in GIVEN if g != first])
    dob = dt.date(rng.randint(1935, 2008), rng.randint(1, 12), rng.randint(1, 28))
    area, line = rng.randint(201, 989), rng.randint(1000, 9999)
    user = (
        f"{fold(first).lower().replace('-', '')}.{fold(last).lower().replace('-', '')}{rng.randint(10, 99)}"
    )
    ids = PrivateIdentifiers(
        legal_name=f"{first} {last}",
        other_names=[rng.choice(NICKNAMES)],
        names_in_other_scripts=[rng.choice(SCRIPTS)],
        household=[
            HouseholdMember(relation=rng.choice(["sister", "son", "partner"]), name=f"{relative} {last}")
        ],
        date_of_birth=dob,
        address=Address(
            street=f"{rng.randint(10, 999)} {rng.choice(['Juniper', 'Osprey', 'Larch'])} Street",
            city=rng.choice(CITIES),
            region="Oregon",
            postal_code=f"97{rng.randint(100, 999)}",
        ),
        phones=[f"({area}) 555-{line:04d}"],
        emails=[f"{user}@example.org"],
        employers=[rng.choice(EMPLOYERS)],
        schools=[rng.choice(SCHOOLS)],
    )
    parts = {
        "first": first,
        "last": last,
        "relative": relative,
        "user": user,
        "area": str(area),
        "line": f"{line:04d}",
        "dob": dob.isoformat(),
    }
    return ids, parts


def _known_choices(
    rng: random.Random, ids: PrivateIdentifiers, p: dict[str, str]
) -> list[Callable[[], tuple[str, str]]]:
    first, last = p["first"], p["last"]
    dob = ids.date_of_birth
    assert dob is not None and ids.address is not None
    return [
        lambda: ("{} came in early today.", f"{first} {last}"),
        lambda: ("Later {} said the week had been hard.", invisible(rng, first)),
        lambda: ("The form was signed {}.", spaced(fold(first))),
        lambda: ("The letter was addressed to Ms. {}.", lookalike(rng, fold(last))),
        lambda: ("Her name appears as {} on the portal.", fullwidth(fold(first))),
        lambda: ("INTAKE NAME: {}.", fold(f"{first} {last}").upper()),
        lambda: ("We discussed {} plan for the holidays.", f"{first}'s"),
        lambda: ("Her " + ids.household[0].relation + " {} joined the call.", p["relative"]),
        lambda: ("Friends call her {} at church.", ids.other_names[0]),
        lambda: ("She writes her name as {} at home.", ids.names_in_other_scripts[0]),
        lambda: ("She works at {} on weekends.", ids.employers[0]),
        lambda: ("She moved to {} two years ago.", ids.address.city),
        lambda: ("Her phone is {} for reminders.", f"{p['area']}.555.{p['line']}"),
        lambda: ("Text her at {} after six.", f"+1 {p['area']} 555 {p['line']}"),
        lambda: ("She left her number as {}.", in_words(p["area"] + "555" + p["line"])),
        lambda: ("She prefers email at {}.", ids.emails[0]),
        lambda: ("Write to {} if she misses a session.", f"{p['user']} at example dot org"),
        lambda: ("She still lives at {}.", ids.address.street),
        lambda: (
            "Her birth date is {}.",
            rng.choice(
                [
                    dob.isoformat(),
                    dob.strftime("%m/%d/%Y"),
                    dob.strftime("%B %d, %Y"),
                    dob.strftime("%d.%m.%Y"),
                ]
            ),
        ),
    ]


def _pattern_choices(rng: random.Random) -> list[Callable[[], tuple[str, str]]]:
    r = rng.randint
    month = rng.choice(["January", "March", "June", "September", "November"])
    return [
        lambda: (
            "The next appointment is on {}.",
            dt.date(2025, r(1, 12), r(1, 28)).strftime(rng.choice(["%B %d, %Y", "%m/%d/%Y", "%Y-%m-%d"])),
        ),
        lambda: ("She was discharged on the {}.", rng.choice(["3rd", "14th", "21st", "2nd"])),
        lambda: ("The hearing is {}.", f"{month} {rng.choice(['3rd', '14th', '22nd'])}"),
        lambda: (
            "Her grandmother {} and still cooks.",
            f"turned {rng.choice(['ninety-three', 'ninety-one', '97', '102'])}",
        ),
        lambda: ("The neighbour is {} and lives alone.", f"{r(90, 104)} years old"),
        lambda: ("The clinic fax is {}.", f"{r(201, 989)}-555-{r(1000, 9999)}"),
        lambda: ("Call the shelter on {}.", in_words(f"{r(201, 989)}555{r(1000, 9999)}")),
        lambda: ("Her caseworker writes from {}.", f"caseworker{r(1, 99)}@county-services.org"),
        lambda: ("The advocate is {}.", f"j{r(10, 99)}.rivera at legalaid dot org"),
        lambda: (
            "She found the group at {}.",
            f"https://www.{rng.choice(['healing', 'kinship', 'roots'])}circle.org/join",
        ),
        lambda: (
            "The flyer points to {}.",
            f"{rng.choice(['www.', ''])}{rng.choice(['sunrise', 'harbor', 'maple'])}mutualaid.net/signup",
        ),
        lambda: ("She posts as {} online.", f"@{rng.choice(['moonlit', 'river', 'cedar'])}_{r(100, 999)}"),
        lambda: ("The portal logged her from {}.", f"10.{r(0, 255)}.{r(0, 255)}.{r(1, 254)}"),
        lambda: ("The router showed {}.", f"2001:db8:{r(1, 9999):x}::{r(1, 9999):x}:{r(1, 9999):x}"),
        lambda: ("Her SSN {} was on the old form.", f"{r(100, 899)}-{r(10, 99)}-{r(1000, 9999)}"),
        lambda: ("The MRN {} was copied by mistake.", f"{r(10000000, 99999999)}"),
        lambda: ("Her Medicaid ID is {}.", f"XZ{r(1000000, 9999999)}"),
        lambda: ("The court case is {}.", f"No. 24-CV-{r(10000, 99999)}"),
        lambda: ("Her car plate is {}.", f"{r(1, 9)}KQX{r(100, 999)}"),
        lambda: ("Her aunt lives at {}.", f"{r(10, 9999)} County Road {r(1, 40)}"),
        lambda: (
            "The food bank is at {}.",
            f"{r(10, 9999)} {rng.choice(['Juniper', 'Larch'])} {rng.choice(['Avenue', 'Lane'])}",
        ),
        lambda: ("The shelter's ZIP code is {}.", f"{r(10000, 99999)}"),
    ]


def _unlisted_choices(rng: random.Random) -> list[Callable[[], tuple[str, str]]]:
    return [
        lambda: ("Her friend {} drove her to the session.", rng.choice(UNLISTED_PEOPLE)),
        lambda: ("She was referred by Dr. {}.", rng.choice(UNLISTED_PEOPLE).split()[-1]),
        lambda: ("Her cousin {} sends voice notes.", rng.choice(UNLISTED_SCRIPTS)),
        lambda: ("{} from the choir brought soup.", rng.choice(WORD_NAMES)),
        lambda: ("She texted {} about the rent.", rng.choice(WORD_NAMES)),
        lambda: ("She grew up near {} before moving.", rng.choice(UNLISTED_PLACES)),
    ]


def _styled(style: str, sentence: str, rng: random.Random) -> str:
    if style == "caps":
        return sentence.upper()
    if style == "sms":
        for a, b in SMS.items():
            sentence = sentence.replace(a, b)
        return sentence.rstrip(".") + rng.choice(["", " lol", " 🙏", " !!"])
    if style == "bullets":
        return "- " + sentence.rstrip(".")
    if style == "quotes":
        return rng.choice(['"{}" she said.', "“{}” he wrote.", "'{}', in her words."]).format(
            sentence.rstrip(".")
        )
    return sentence


def make_note(rng: random.Random) -> Note:
    """One consistent note (retried until :func:`_consistent`)."""
    while True:
        note = _draft(rng)
        if _consistent(note):
            return note


def _draft(rng: random.Random) -> Note:
    ids, parts = _identifiers(rng)
    style = rng.choice(STYLES)
    note = Note("", ids, style)
    sentences: list[str] = []
    up = (lambda s: s.upper()) if style == "caps" else (lambda s: s)

    def add(group: list[str], template: str, value: str) -> None:
        sentences.append(_styled(style, template.format(value), rng))
        group.append(up(value))

    for make in rng.sample(_known_choices(rng, ids, parts), 7):
        add(note.known, *make())
    for make in rng.sample(_pattern_choices(rng), 6):
        add(note.pattern, *make())
    for make in rng.sample(_unlisted_choices(rng), 3):
        add(note.unlisted, *make())
    for template in rng.sample(sorted(CULTURAL), 4):
        add(note.cultural, template, rng.choice(CULTURAL[template]))
    for sentence in rng.sample(FILLER, 3):
        styled = _styled(style, sentence, rng)
        sentences.append(styled)
        note.other += re.findall(r"[A-Za-z]+", styled.lstrip("- "))
    rng.shuffle(sentences)
    note.text = ("\n" if style in ("bullets", "sms") else " ").join(sentences)
    return note


def _consistent(note: Note) -> bool:
    """Whether no word of a span to remove occurs outside the spans labelled with it, and no span to
    keep lies inside one to remove (so counts in the output mean what the labels say)."""
    known_words = {w for v in note.known for w in re.findall(r"[^\W\d_]{3,}", normalise(v).casefold())}
    if any(w.casefold() in known_words for v in note.unlisted for w in re.findall(r"[^\W\d_]{3,}", v)):
        return False  # an unlisted name that is also the client's (Faith and Faith) is not "unlisted"
    rest = normalise(note.text)
    for value in sorted(note.known + note.pattern + note.unlisted, key=len, reverse=True):
        rest = rest.replace(normalise(value), " ", 1)  # only the occurrence this label stands for
    to_remove = [w for v in note.known + note.unlisted for w in re.findall(r"[^\W\d_]{3,}", normalise(v))]
    if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", rest) for w in to_remove):
        return False
    removed = " ".join(normalise(v) for v in note.known + note.pattern + note.unlisted)
    return not any(re.search(rf"(?<!\w){re.escape(normalise(c))}(?!\w)", removed) for c in note.cultural)


def make_notes(count: int, seed: int) -> list[Note]:
    """``count`` notes, the same for the same seed."""
    rng = random.Random(seed)
    return [make_note(rng) for _ in range(count)]
