"""Benchmark: casekit.deid against stock Presidio and scrubadub on synthetic consultation notes.

Run: ``python bench/bench_deid.py [--notes 300] [--seed 7]``. Everything is fictional and generated
here with a seeded random generator; each note comes with the case's private identifiers and labels
for every span it contains. Printed side by side, in one run:

* leaks of known identifiers (listed in the case; any variant inserted into the note),
* recall on pattern identifiers (dates, phones, emails, URLs, IPs, SSNs, record numbers, street
  addresses, ZIP codes, ages over 89),
* recall on unlisted names and organisations,
* retention of identity descriptors and of other words,
* throughput (characters per second, after start-up) and start-up time,
* memory: each tool runs in a fresh Python process of its own (the same notes, regenerated from the
  seed), which reports its RSS before loading the tool, after loading it (casekit's scrubber with its
  spaCy model; Presidio's analyzer and anonymiser with the same model; scrubadub) and its peak RSS
  while scrubbing the notes (sampled every 50 ms; see bench/_memory.py).

Presidio is given the same spaCy model explicitly (its default would try to download one) and its
email recogniser's tldextract is kept offline. Presidio and scrubadub come from the ``bench`` extra.
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
class Memory:
    """One tool's memory in its own process, in MB of RSS."""

    before: float = 0.0  # before loading the tool
    loaded: float = 0.0  # after loading it (start-up done)
    peak: float = 0.0  # peak while scrubbing the notes


def _count(value: str, text: str) -> int:
    return len(re.findall(rf"(?<!\w){re.escape(value)}(?!\w)", text))


def score(notes: list[Note], outputs: list[str]) -> dict[str, float]:
    """Leaks, recalls and retention for one tool's outputs."""
    leaks = known_total = 0
    pattern_hit = pattern_total = unlisted_hit = unlisted_total = 0
    desc_kept = desc_total = other_kept = other_total = 0
    for note, out in zip(notes, outputs, strict=True):
        for value in set(note.known):
            n_in = _count(value, note.text)
            known_total += n_in
            leaks += min(n_in, _count(value, out))
        for value in set(note.pattern):
            n_in = _count(value, note.text)
            pattern_total += n_in
            pattern_hit += n_in - min(n_in, _count(value, out))
        for value in set(note.unlisted):
            n_in = _count(value, note.text)
            unlisted_total += n_in
            # Counted as removed only if no word of the name is left behind.
            parts = [p for p in re.findall(r"[\w'’]+", value) if len(p) > 2 and p[0].isupper()]
            left = max((_count(p, out) for p in parts), default=0)
            unlisted_hit += n_in - min(n_in, left)
        for word in Counter(note.descriptors):
            n_in = _count(word, note.text)
            desc_total += n_in
            desc_kept += min(n_in, _count(word, out))
        for word, n_in in Counter(note.other).items():
            other_total += n_in
            other_kept += min(n_in, _count(word, out))
    return {
        "notes withheld (residual)": sum(1 for o in outputs if not o),
        "known identifiers inserted": known_total,
        "known identifiers leaked": leaks,
        "pattern recall": pattern_hit / pattern_total,
        "unlisted names/orgs recall": unlisted_hit / unlisted_total,
        "identity descriptors kept": desc_kept / desc_total,
        "other words kept": other_kept / other_total,
    }


def run_casekit(notes: list[Note], memory: Memory) -> tuple[list[str], float, float]:
    """casekit with each note's own identifiers and NER."""
    from casekit.deid import Scrubber
    from casekit.deid.ner import pipeline
    from casekit.errors import ResidualIdentifierError

    t0 = time.perf_counter()
    pipeline()
    startup = time.perf_counter() - t0
    memory.loaded = rss_mb()
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
    memory.peak = tree.peak_mb
    return outputs, startup, elapsed


def run_presidio(notes: list[Note], memory: Memory) -> tuple[list[str], float, float]:
    """Stock Presidio: default recognisers, the same spaCy model, default anonymiser."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    tldextract.extract = offline  # Presidio's email recogniser calls the module-level function
    t0 = time.perf_counter()
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": MODEL_PACKAGE}],
        }
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    anonymizer = AnonymizerEngine()
    analyzer.analyze("warm up", language="en")
    startup = time.perf_counter() - t0
    memory.loaded = rss_mb()
    outputs: list[str] = []
    with TreeSampler() as tree:
        t0 = time.perf_counter()
        for note in notes:
            results = analyzer.analyze(note.text, language="en")
            outputs.append(anonymizer.anonymize(text=note.text, analyzer_results=results).text)
        elapsed = time.perf_counter() - t0
    memory.peak = tree.peak_mb
    return outputs, startup, elapsed


def run_scrubadub(notes: list[Note], memory: Memory) -> tuple[list[str], float, float]:
    """scrubadub with its default detectors."""
    t0 = time.perf_counter()
    import scrubadub

    scrubber = scrubadub.Scrubber()
    scrubber.clean("warm up")
    startup = time.perf_counter() - t0
    memory.loaded = rss_mb()
    with TreeSampler() as tree:
        t0 = time.perf_counter()
        outputs = [scrubber.clean(note.text) for note in notes]
        elapsed = time.perf_counter() - t0
    memory.peak = tree.peak_mb
    return outputs, startup, elapsed


TOOLS = {"casekit": run_casekit, "presidio": run_presidio, "scrubadub": run_scrubadub}


def run_alone(name: str, args: argparse.Namespace) -> tuple[list[str], float, float, Memory]:
    """Run one tool in a fresh Python process (this script with ``--child``); its results."""
    with tempfile.TemporaryDirectory(prefix="ck-bench-deid-") as tmp:
        out = Path(tmp) / f"{name}.json"
        cmd = [sys.executable, __file__, "--notes", str(args.notes), "--seed", str(args.seed)]
        subprocess.run([*cmd, "--child", name, "--out", str(out)], check=True)
        got = json.loads(out.read_text(encoding="utf-8"))
    return got["outputs"], got["startup"], got["elapsed"], Memory(**got["memory"])


def child(name: str, notes: list[Note], out: Path) -> None:
    """In the fresh process: run one tool and write its outputs, times and memory to ``out``."""
    memory = Memory(before=rss_mb())
    outputs, startup, elapsed = TOOLS[name](notes, memory)
    got = {"outputs": outputs, "startup": startup, "elapsed": elapsed, "memory": asdict(memory)}
    out.write_text(json.dumps(got), encoding="utf-8")


def main() -> None:
    """Generate notes, run the three tools and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", choices=sorted(TOOLS), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    notes = [make_note(rng) for _ in range(args.notes)]
    if args.child:
        child(args.child, notes, args.out)
        return
    chars = sum(len(n.text) for n in notes)
    print(f"{len(notes)} synthetic notes, {chars / 1000:.0f} kB, seed {args.seed}, model {MODEL_PACKAGE}")
    columns: dict[str, dict[str, float]] = {}
    for name in TOOLS:
        outputs, startup, elapsed, memory = run_alone(name, args)
        row = score(notes, outputs)
        row["start-up (s)"] = startup
        row["throughput (kB/s)"] = chars / 1000 / elapsed
        row["RSS before loading (MB)"] = memory.before
        row["RSS after loading (MB)"] = memory.loaded
        row["peak RSS scrubbing (MB)"] = memory.peak
        columns[name] = row
    names = list(columns)
    print(f"{'':30}" + "".join(f"{n:>12}" for n in names))
    for metric in columns[names[0]]:
        cells = []
        for n in names:
            v = columns[n][metric]
            cells.append(
                f"{v:>12.1%}"
                if isinstance(v, float) and v <= 1 and "(" not in metric
                else f"{v:>12.1f}"
                if isinstance(v, float)
                else f"{v:>12}"
            )
        print(f"{metric:30}" + "".join(cells))
    targets = columns["casekit"]
    print(
        "casekit targets: leaks 0 -> {}, pattern >= 99% -> {:.1%}, unlisted >= 90% -> {:.1%}, "
        "descriptors >= 99% -> {:.1%}, other words >= 95% -> {:.1%}, faster than Presidio -> {}".format(
            targets["known identifiers leaked"],
            targets["pattern recall"],
            targets["unlisted names/orgs recall"],
            targets["identity descriptors kept"],
            targets["other words kept"],
            targets["throughput (kB/s)"] > columns["presidio"]["throughput (kB/s)"],
        )
    )


if __name__ == "__main__":
    main()
