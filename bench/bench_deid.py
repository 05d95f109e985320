"""Benchmark: casekit.deid against stock Presidio and scrubadub, on two sets of fictional notes.

Run: ``python bench/bench_deid.py [--notes 40] [--seed 7]`` (under two minutes on an idle machine);
``--misses`` runs casekit alone and prints each labelled item it gets wrong, in context. Two note
sets, both generated here with a seeded random generator, each note with its case's private
identifiers and a label for every span it contains:

* **old** -- plain prose notes (:func:`make_note` below): known identifiers as typed, common Safe
  Harbor patterns, unlisted names and organisations, identity descriptors and filler;
* **new** -- the adversarial set of ``bench/deid_notes.py``: many cultures and writing styles (text
  messages, ALL CAPS, bullets, quotes); known identifiers disguised with invisible characters,
  letter-spacing, look-alike letters, full-width letters, phones in words and "name at domain dot
  com"; new Safe Harbor kinds (ages over 89 in prose, "on the 3rd", handles, IPv6, scheme-less URLs,
  rural routes, record and licence numbers); unlisted names in non-Latin scripts and word-names (Hope,
  Faith); and identity and cultural words that must stay (religions, scriptures, practices, roles,
  kinship titles and teknonyms, diaspora words, occupations, countries, states, languages).

Printed side by side, in one run, for each set and tool (targets for casekit in brackets):

* known-identifier leaks (0): a listed identifier still readable in the output once disguises are
  undone (:func:`deid_notes.normalise`),
* pattern recall (>= 99%): a pattern span counts as removed only if neither it nor its longest run of
  four or more digits is left (a date's year may stay: Safe Harbor keeps years),
* unlisted names and places recall (>= 90%): removed only if no capitalised (or non-Latin) word of
  it is left,
* identity and cultural words kept (>= 99%) and other words kept (>= 97%),
* throughput (characters per second once loaded) and process start-up (seconds from launching a
  fresh Python process to the tool being ready to scrub: interpreter, imports and models),
* memory: each tool runs in a fresh Python process of its own (the same notes, regenerated from the
  seed), which reports its RSS before loading the tool, after loading it and its peak RSS while
  scrubbing (sampled every 50 ms; see bench/_memory.py).

Presidio is given the same spaCy model explicitly (its default would try to download one) and its
email recogniser's tldextract is kept offline. Presidio and scrubadub come from the ``bench`` extra.
Everything here is fictional.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import deid_notes
from _memory import TreeSampler, rss_mb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's casekit, not an installed one

from casekit.deid.lexicon import MODEL_PACKAGE
from casekit.model import Address, HouseholdMember, PrivateIdentifiers

GIVEN = [
    "Mai",
    "Thảo",
    "Oluwaseun",
    "Hope",
    "Rose",
    "Grace",
    "Faith",
    "Xiadani",
    "Kekoa",
    "Siobhán",
    "Dmitri",
    "Priyanka",
    "Bao",
    "Ngozi",
    "Zeynep",
    "Amaru",
    "Leilani",
    "Thandiwe",
    "Anaïs",
    "Tomasz",
    "Yusra",
    "Joaquín",
    "Farida",
    "Chidi",
    "Ilse",
    "Rahel",
    "Sione",
    "Marisol",
    "Kwabena",
    "Hyun-woo",
]
FAMILY = [
    "Nguyễn",
    "Okafor",
    "Wiśniewska",
    "Nakamura-Reyes",
    "Young",
    "White",
    "Haddad",
    "Tran",
    "Castellanos",
    "Mbeki",
    "Kowalczyk",
    "Al-Sayed",
    "Lindqvist",
    "Begay",
    "Oyelaran",
    "Fonoti",
    "Quispe",
    "Rahimi",
    "Bergström",
    "Adeyemi-Cole",
    "Park",
    "Mwangi",
    "Halvorsen",
    "Tsosie",
]
SCRIPTS = ["Ольга", "محمد", "김민준", "प्रिया", "陳美玲", "Αθηνά", "ምሕረት"]
NICKNAMES = ["Bebe", "Lulu", "Kiki", "Tito", "Sunny", "Pip", "Didi", "Momo"]
CITIES = ["Tillamook", "Wapakoneta", "Ruidoso", "Oskaloosa", "Bemidji", "Yreka", "Sheboygan", "Natchitoches"]
EMPLOYERS = [
    "Tualatin Valley Logistics",
    "Brightwater Plumbing",
    "Kessler Fresh Foods",
    "Ardent Home Care",
    "Sunfield Packaging",
    "Marlow & Pike Tailoring",
]
SCHOOLS = [
    "Mt. Hood Community College",
    "Linnwood Adult School",
    "Cascadia Technical Institute",
    "Riverbend High School",
]
RELATIONS = ["mother", "father", "sister", "brother", "partner", "son", "daughter", "grandmother"]

PEOPLE = [
    "Oksana Petrenko",
    "Darnell Whitaker",
    "Ximena Alvarado",
    "Tuan Pham",
    "Giulia Ferraro",
    "Abebe Girma",
    "Soraya Haidari",
    "Liam O'Connell",
    "Ayesha Siddiqui",
    "Mateus Carvalho",
    "Keanu Kahananui",
    "Ingrid Solberg",
    "Kofi Boateng",
    "Yael Friedman",
    "Ramón Echeverría",
    "Hina Takahashi",
    "Babajide Okonjo",
    "Svetlana Morozova",
    "Esperanza Ruiz",
    "Dawit Tesfaye",
]
ORGS = [
    "Cedar Ridge Credit Union",
    "Bluewater Freight",
    "Harborview Tenants Association",
    "Northside Food Pantry",
    "Pinecrest Dental Group",
    "Kestrel Software",
    "Maple Grove Library",
    "Lighthouse Immigrant Services",
    "Evergreen Mutual Insurance",
    "Summit Ridge Staffing",
    "Juniper Youth Soccer League",
    "Oakhaven Pharmacy",
]
DESCRIPTORS = [
    "Vietnamese",
    "Muslim",
    "Black",
    "Deaf",
    "Latina",
    "queer",
    "Catholic",
    "Somali",
    "Korean",
    "Jewish",
    "Indigenous",
    "disabled",
    "bisexual",
    "transgender",
    "Haitian",
    "Buddhist",
    "Hmong",
    "Arab",
    "lesbian",
    "nonbinary",
    "immigrant",
    "refugee",
    "undocumented",
    "Sikh",
    "Punjabi",
    "Mexican",
    "Filipina",
    "autistic",
    "Christian",
    "Navajo",
    "Two-Spirit",
    "gay",
    "Hindu",
    "Ethiopian",
    "Cantonese",
    "white",
]
FILLER = [
    "We explored how stress at work affects her sleep and appetite.",
    "She named shame and family duty as barriers to asking for help.",
    "The group suggested asking about her support network before the next session.",
    "The presenter wondered whether her own assumptions shaped the first assessment.",
    "Progress on the first goal has been slow but steady according to the client.",
    "She said the interpreter made her feel respected for the first time.",
    "We agreed to revisit the treatment plan together in a month.",
    "The clinician noticed feeling protective and named it in supervision.",
    "She described her worry about being misunderstood by services.",
    "A repair conversation followed the misstep about prayer times.",
    "Her explanation of the problem centres on spiritual imbalance and grief.",
    "The consultation question is how to balance safety planning with autonomy.",
]


@dataclass
class Note:
    """One synthetic note with its identifiers and labelled spans."""

    text: str
    identifiers: PrivateIdentifiers
    known: list[str] = field(default_factory=list)
    pattern: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def make_note(rng: random.Random) -> Note:
    """A fictional note with its case identifiers and every inserted span labelled."""
    first, last = rng.choice(GIVEN), rng.choice(FAMILY)
    rel = rng.choice(RELATIONS)
    relative = f"{rng.choice([g for g in GIVEN if g != first])} {last}"
    dob = dt.date(rng.randint(1935, 2010), rng.randint(1, 12), rng.randint(1, 28))
    phone = f"({rng.randint(201, 989)}) 555-{rng.randint(1000, 9999):04d}"
    email = f"{_fold(first).lower()}.{_fold(last).lower().replace(' ', '')}{rng.randint(10, 99)}@example.org"
    ids = PrivateIdentifiers(
        legal_name=f"{first} {last}",
        other_names=[rng.choice(NICKNAMES)],
        names_in_other_scripts=[rng.choice(SCRIPTS)],
        household=[HouseholdMember(relation=rel, name=relative)],
        date_of_birth=dob,
        address=Address(city=rng.choice(CITIES), region="Oregon", postal_code=f"97{rng.randint(100, 999)}"),
        phones=[phone],
        emails=[email],
        employers=[rng.choice(EMPLOYERS)],
        schools=[rng.choice(SCHOOLS)],
    )
    note = Note("", ids)
    sentences: list[str] = []

    def known(template: str, *values: str) -> None:
        sentences.append(template.format(*values))
        note.known.extend(values)

    def pattern(template: str, value: str) -> None:
        sentences.append(template.format(value))
        note.pattern.append(value)

    def unlisted(template: str, value: str) -> None:
        sentences.append(template.format(value))
        note.unlisted.append(value)

    rel_first = relative.split()[0]
    known_choices: list[Callable[[], None]] = [
        lambda: known("{} attended the session with an interpreter.", f"{first} {last}"),
        lambda: known("Later {} said the week had been hard.", first),
        lambda: known("The intake form read {} in capitals.", f"{first} {last}".upper()),
        lambda: known("We discussed {} plan for the holidays.", f"{first}'s"),
        lambda: known("The letter was addressed to Ms. {}.", _fold(last)),
        lambda: known("Her " + rel + " {} joined the call.", rel_first),
        lambda: known("Friends call her {} at church.", ids.other_names[0]),
        lambda: known("She writes her name as {} at home.", ids.names_in_other_scripts[0]),
        lambda: known("She works at {} on weekends.", ids.employers[0]),
        lambda: known("She takes classes at {} in the evening.", ids.schools[0]),
        lambda: known("She moved to {} two years ago.", ids.address.city),
        lambda: known("Her ZIP code was noted as {}.", ids.address.postal_code),
        lambda: known("Her phone is {} for reminders.", phone.replace("(", "").replace(") ", "-")),
        lambda: known("She prefers email at {}.", email),
        lambda: known(
            "The record lists her birth date as {}.",
            rng.choice(
                [
                    dob.isoformat(),
                    dob.strftime("%m/%d/%Y"),
                    dob.strftime("%B %d, %Y"),
                    dob.strftime("%d %b %Y"),
                ]
            ),
        ),
    ]
    pattern_choices: list[Callable[[], None]] = [
        lambda: pattern(
            "The next appointment is on {}.",
            dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)).strftime(
                rng.choice(["%B %d, %Y", "%m/%d/%Y", "%Y-%m-%d", "%d %B %Y"])
            ),
        ),
        lambda: pattern("The clinic fax is {}.", f"{rng.randint(201, 989)}-555-{rng.randint(1000, 9999)}"),
        lambda: pattern(
            "Her caseworker writes from {}.", f"caseworker{rng.randint(1, 99)}@county-services.org"
        ),
        lambda: pattern(
            "She found the group at {}.",
            f"https://www.{rng.choice(['healing', 'kinship', 'roots'])}circle.org/join",
        ),
        lambda: pattern(
            "The portal logged her from {}.",
            f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
        ),
        lambda: pattern(
            "Her SSN {} was on the old form.",
            f"{rng.randint(100, 899)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
        ),
        lambda: pattern("The MRN {} was copied by mistake.", f"{rng.randint(10000000, 99999999)}"),
        lambda: pattern(
            "Her aunt lives at {}.",
            f"{rng.randint(10, 9999)} {rng.choice(['Juniper', 'Osprey', 'Larch'])} "
            f"{rng.choice(['Street', 'Avenue', 'Road', 'Lane'])}",
        ),
        lambda: pattern("The shelter's ZIP code is {}.", f"{rng.randint(10000, 99999)}"),
        lambda: pattern("Her grandfather is {} and lives with them.", f"{rng.randint(90, 104)} years old"),
    ]
    unlisted_choices: list[Callable[[], None]] = [
        lambda: unlisted("Her friend {} drove her to the session.", rng.choice(PEOPLE)),
        lambda: unlisted("She was referred by {}, a family doctor.", rng.choice(PEOPLE)),
        lambda: unlisted("{} offered to help with the rent.", rng.choice(ORGS)),
        lambda: unlisted("She volunteers with {} on Saturdays.", rng.choice(ORGS)),
    ]
    for make in (
        rng.sample(known_choices, 8) + rng.sample(pattern_choices, 5) + rng.sample(unlisted_choices, 3)
    ):
        make()
    for _ in range(3):
        d1, d2 = rng.sample(DESCRIPTORS, 2)
        sentences.append(f"She describes herself as {d1} and {d2}, and both matter in the work.")
        note.descriptors += [d1, d2]
    for _ in range(4):
        s = rng.choice(FILLER)
        sentences.append(s)
        note.other += re.findall(r"[A-Za-z]+", s)
    rng.shuffle(sentences)
    note.text = " ".join(sentences)
    return note


@dataclass
@dataclass
class Memory:
    """One tool's memory in its own process, in MB of RSS."""

    before: float = 0.0  # before loading the tool
    loaded: float = 0.0  # after loading it (start-up done)
    peak: float = 0.0  # peak while scrubbing the notes


def _count(value: str, text: str) -> int:
    return len(re.findall(rf"(?<!\w){re.escape(value)}(?!\w)", text))


_MONTH_NAME = r"(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)"
_DATE = re.compile(
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_NAME}\s+\d{{4}}|{_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d\d-\d\d|\d\d?[/.]\d\d?[/.]\d{4}"
)


def _digit_runs(value: str) -> list[str]:
    """Runs of four or more digits that would still point to ``value``.

    Safe Harbor removes every element of a date *but the year*, so a date's year may stay
    ("[Date] 2025"); only the date itself left whole counts against it.
    """
    if _DATE.fullmatch(value):
        return []
    return [run for run in re.findall(r"\d+", value) if len(run) >= 4]


def _name_parts(value: str) -> list[str]:
    """Words of a name or place that would still point to it: capitalised, or in a non-Latin script."""
    return [
        p
        for p in re.findall(r"[\w'’]+", value)
        if len(p) > 1 and (p[0].isupper() or not p.isascii()) and not p.isdigit()
    ]


def score(notes: list, outputs: list[str]) -> dict[str, float]:
    """Leaks, recalls and retention for one tool's outputs on one note set.

    ``notes`` are :class:`Note` (the old set; its identity words are ``descriptors``) or
    :class:`deid_notes.Note` (the new set; ``cultural``). Known identifiers are compared after
    :func:`deid_notes.normalise` has undone the disguises, in the note and in the output alike.
    """
    norm = deid_notes.normalise
    leaks = known_total = 0
    pattern_hit = pattern_total = unlisted_hit = unlisted_total = 0
    kept_c = total_c = other_kept = other_total = 0
    for note, out in zip(notes, outputs, strict=True):
        text_n, out_n = norm(note.text), norm(out)
        for value in {norm(v) for v in note.known}:
            n_in = _count(value, text_n)
            known_total += n_in
            leaks += min(n_in, _count(value, out_n))
        for value in set(note.pattern):
            n_in = _count(value, note.text)
            pattern_total += n_in
            left = max([_count(value, out), *(_count(run, out) for run in _digit_runs(value))])
            pattern_hit += n_in - min(n_in, left)
        for value in set(note.unlisted):
            n_in = _count(value, note.text)
            unlisted_total += n_in
            left = max((_count(p, out) for p in _name_parts(value)), default=0)
            unlisted_hit += n_in - min(n_in, left)
        cultural = getattr(note, "cultural", None) or note.descriptors
        for word in Counter(cultural):
            n_in = _count(word, note.text)
            total_c += n_in
            kept_c += min(n_in, _count(word, out))
        for word, n_in in Counter(note.other).items():
            other_total += n_in
            other_kept += min(n_in, _count(word, out))
    return {
        "notes withheld (residual)": sum(1 for o in outputs if not o),
        "known identifiers inserted": known_total,
        "known identifiers leaked": leaks,
        "pattern recall": pattern_hit / pattern_total,
        "unlisted names/places recall": unlisted_hit / unlisted_total,
        "identity/cultural words kept": kept_c / total_c,
        "other words kept": other_kept / other_total,
    }


def run_casekit(notes: list, memory: Memory) -> tuple[list[str], float]:
    """casekit with each note's own identifiers and NER; returns outputs and seconds scrubbing."""
    from casekit.deid import Scrubber
    from casekit.errors import ResidualIdentifierError

    outputs: list[str] = []
    with TreeSampler() as tree:
        t0 = time.perf_counter()
        for note in notes:
            try:
                scrubber = Scrubber(note.identifiers, secret=b"bench")
                outputs.append(scrubber.scrub(note.text, where="note").text)
            except ResidualIdentifierError:
                outputs.append("")  # withheld: nothing leaks, nothing is kept
        elapsed = time.perf_counter() - t0
    memory.peak = max(memory.peak, tree.peak_mb)
    return outputs, elapsed


def load_casekit() -> Callable[[list, Memory], tuple[list[str], float]]:
    """Load casekit's scrubber and its NER model; the scrubbing function."""
    from casekit.deid.ner import pipeline

    pipeline()
    return run_casekit


def load_presidio() -> Callable[[list, Memory], tuple[list[str], float]]:
    """Stock Presidio: default recognisers, the same spaCy model, default anonymiser."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    tldextract.extract = offline  # Presidio's email recogniser calls the module-level function
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": MODEL_PACKAGE}],
        }
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    anonymizer = AnonymizerEngine()
    analyzer.analyze("warm up", language="en")

    def run(notes: list, memory: Memory) -> tuple[list[str], float]:
        outputs: list[str] = []
        with TreeSampler() as tree:
            t0 = time.perf_counter()
            for note in notes:
                results = analyzer.analyze(note.text, language="en")
                outputs.append(anonymizer.anonymize(text=note.text, analyzer_results=results).text)
            elapsed = time.perf_counter() - t0
        memory.peak = max(memory.peak, tree.peak_mb)
        return outputs, elapsed

    return run


def load_scrubadub() -> Callable[[list, Memory], tuple[list[str], float]]:
    """scrubadub with its default detectors."""
    import scrubadub

    scrubber = scrubadub.Scrubber()
    scrubber.clean("warm up")

    def run(notes: list, memory: Memory) -> tuple[list[str], float]:
        with TreeSampler() as tree:
            t0 = time.perf_counter()
            outputs = [scrubber.clean(note.text) for note in notes]
            elapsed = time.perf_counter() - t0
        memory.peak = max(memory.peak, tree.peak_mb)
        return outputs, elapsed

    return run


TOOLS = {"casekit": load_casekit, "presidio": load_presidio, "scrubadub": load_scrubadub}
SETS = ("old", "new")


def note_sets(count: int, seed: int) -> dict[str, list]:
    """The old (plain) and new (adversarial) note sets, ``count`` notes each, from ``seed``."""
    rng = random.Random(seed)
    return {"old": [make_note(rng) for _ in range(count)], "new": deid_notes.make_notes(count, seed)}


def run_alone(name: str, args: argparse.Namespace) -> dict:
    """Run one tool in a fresh Python process (this script with ``--child``); its results."""
    with tempfile.TemporaryDirectory(prefix="ck-bench-deid-") as tmp:
        out = Path(tmp) / f"{name}.json"
        cmd = [sys.executable, __file__, "--notes", str(args.notes), "--seed", str(args.seed)]
        cmd += ["--child", name, "--out", str(out), "--launched", repr(time.time())]
        subprocess.run(cmd, check=True)
        return json.loads(out.read_text(encoding="utf-8"))


def child(name: str, args: argparse.Namespace) -> None:
    """In the fresh process: load one tool, scrub both sets, write outputs, times and memory."""
    memory = Memory(before=rss_mb())
    t0 = time.perf_counter()
    run = TOOLS[name]()
    loading = time.perf_counter() - t0
    startup = time.time() - args.launched  # interpreter, imports and models, up to ready to scrub
    memory.loaded = rss_mb()
    sets = note_sets(args.notes, args.seed)
    got: dict = {"startup": startup, "loading": loading, "outputs": {}, "elapsed": {}}
    for label, notes in sets.items():
        got["outputs"][label], got["elapsed"][label] = run(notes, memory)
    got["memory"] = asdict(memory)
    args.out.write_text(json.dumps(got), encoding="utf-8")


def _context(text: str, value: str, width: int = 40) -> str:
    """``value``'s first place in ``text`` with ``width`` characters either side, on one line."""
    at = text.find(value)
    if at < 0:
        return "(not found)"
    snippet = text[max(0, at - width) : at + len(value) + width]
    return snippet.replace("\n", " / ")


def misses(notes: list, outputs: list[str], out=sys.stdout) -> None:
    """Print, for one set, every labelled item casekit got wrong, with its input and output context.

    Leaked known identifiers, patterns and unlisted names left readable (as :func:`score` counts them),
    identity and cultural words removed, and other words removed.
    """
    norm = deid_notes.normalise
    for i, (note, got) in enumerate(zip(notes, outputs, strict=True)):
        lines: list[str] = []
        got_n = norm(got)
        for value in sorted({norm(v) for v in note.known}):
            if _count(value, norm(note.text)) and _count(value, got_n):
                lines.append(f"  LEAK     {value!r}: {_context(got_n, value)!r}")
        for value in sorted(set(note.pattern)):
            left = max([_count(value, got), *(_count(run, got) for run in _digit_runs(value))])
            if _count(value, note.text) and left:
                lines.append(f"  PATTERN  {value!r}: in {_context(note.text, value)!r}")
        for value in sorted(set(note.unlisted)):
            left = [p for p in _name_parts(value) if _count(p, got)]
            if _count(value, note.text) and left:
                lines.append(f"  UNLISTED {value!r} (left {left}): in {_context(note.text, value)!r}")
        for word in sorted(set(getattr(note, "cultural", None) or note.descriptors)):
            if _count(word, got) < _count(word, note.text):
                lines.append(f"  CULTURE  {word!r}: {_context(note.text, word)!r}")
        for word, n_in in sorted(Counter(note.other).items()):
            if _count(word, got) < n_in:
                lines.append(f"  OTHER    {word!r}: {_context(note.text, word)!r}")
        if lines:
            style = getattr(note, "style", "prose")
            print(f"note {i} ({style}):", *lines, f"  OUTPUT   {got!r}", sep="\n", file=out)


def _cell(metric: str, v: float) -> str:
    if isinstance(v, float) and v <= 1 and "(" not in metric:
        return f"{v:>12.1%}"
    return f"{v:>12.1f}" if isinstance(v, float) else f"{v:>12}"


def main() -> None:
    """Generate both note sets, run the three tools and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=40, help="notes in each set")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--misses", action="store_true", help="casekit only: print each labelled item it gets wrong"
    )
    parser.add_argument("--child", choices=sorted(TOOLS), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args)
        return
    sets = note_sets(args.notes, args.seed)
    if args.misses:
        run = load_casekit()
        for label, notes in sets.items():
            outputs, _ = run(notes, Memory())
            print(f"== {label} set: casekit misses ==")
            misses(notes, outputs)
            row = score(notes, outputs)
            print(", ".join(f"{k} {_cell(k, v).strip()}" for k, v in row.items()))
        return
    chars = {label: sum(len(n.text) for n in notes) for label, notes in sets.items()}
    print(
        f"{args.notes} notes per set (old {chars['old'] / 1000:.0f} kB, new {chars['new'] / 1000:.0f} kB), "
        f"seed {args.seed}, model {MODEL_PACKAGE}"
    )
    results = {name: run_alone(name, args) for name in TOOLS}
    columns: dict[str, dict[str, float]] = {}
    for label in SETS:
        for name, got in results.items():
            row = score(sets[label], got["outputs"][label])
            row["throughput (kB/s)"] = chars[label] / 1000 / got["elapsed"][label]
            row["process start-up (s)"] = got["startup"]
            row["loading the tool (s)"] = got["loading"]
            row["RSS before loading (MB)"] = got["memory"]["before"]
            row["RSS after loading (MB)"] = got["memory"]["loaded"]
            row["peak RSS scrubbing (MB)"] = got["memory"]["peak"]
            columns[f"{name}/{label}"] = row
    names = list(columns)
    print(f"{'':30}" + "".join(f"{n:>16}" for n in names))
    for metric in columns[names[0]]:
        print(f"{metric:30}" + "".join(f"{_cell(metric, columns[n][metric]):>16}" for n in names))
    for label in SETS:
        t = columns[f"casekit/{label}"]
        faster = t["throughput (kB/s)"] > columns[f"presidio/{label}"]["throughput (kB/s)"]
        print(
            f"casekit targets ({label} notes): leaks 0 -> {t['known identifiers leaked']}, "
            f"pattern >= 99% -> {t['pattern recall']:.1%}, "
            f"unlisted >= 90% -> {t['unlisted names/places recall']:.1%}, "
            f"identity/cultural >= 99% -> {t['identity/cultural words kept']:.1%}, "
            f"other words >= 97% -> {t['other words kept']:.1%}, "
            f"faster than Presidio -> {faster}"
        )


if __name__ == "__main__":
    main()
