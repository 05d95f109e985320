"""Benchmark the case store against plain tools, side by side, in one run.

    python bench/bench_store.py [--revisions 200]

Prints:

* ``import casekit`` / ``import casekit.store`` time (fresh interpreter, median of several runs) next to
  a bare interpreter start;
* save and load latency per revision of a realistic case in a SQLite store (median and p95), next to
  the ``sqlite3`` module writing and reading the same JSON with the same durability (WAL,
  synchronous=FULL) and no validation or encryption.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casekit.model import (  # noqa: E402
    Case,
    CaseMeta,
    ConsentStatus,
    ConsultationAudience,
    ConsultationConsent,
    Entry,
    Goal,
    PowerDynamic,
    PrivateIdentifiers,
    Voice,
    case_to_json,
)
from casekit.store import CaseStore, KeyFile, generate_key_file  # noqa: E402


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms"


def _process_time(code: str, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        out.append(time.perf_counter() - start)
    return out


def realistic_case() -> Case:
    """A fictional case of typical size: a dozen entries per section, about 30 KB of JSON."""
    para = (
        "We talked about what family means in the client's words and how the clinic's forms felt to "
        "them; the clinician wonders whether the fee conversation repeated an older experience. "
    )
    case = Case(
        meta=CaseMeta(case_id="CK-0412", clinician_alias="Presenter A", group="north-team"),
        identifiers=PrivateIdentifiers(
            legal_name="Oriane Vasquez-Thibodeaux",
            other_names=["Ree"],
            phones=["+353 87 555 0199"],
            employers=["Halvorsen Glassworks"],
        ),
    )
    case.identity.self_description.text = para * 4
    case.identity.meaning_of_healing.text = para * 2
    case.positionality.shaping_perception.text = para * 3
    for n in range(12):
        case.goals.append(
            Goal(
                client_words=Entry(text=f"goal {n}: " + para, voice=Voice.CLIENT),
                agreed_wording=Entry(text=f"agreed {n}", voice=Voice.CLIENT),
            )
        )
        case.power.append(PowerDynamic(kind="fees", description=Entry(text=para, voice=Voice.CLINICIAN)))
    case.consultation_consent = ConsultationConsent(
        status=ConsentStatus.CLIENT_AGREED,
        scope=[ConsultationAudience.SUPERVISION, ConsultationAudience.PEER_GROUP],
    )
    return case


def bench_store(folder: Path, revisions: int) -> tuple[list[float], list[float], int]:
    """Save ``revisions`` revisions with casekit's store, then load each one."""
    key = KeyFile(generate_key_file(folder / "identifiers.key"))
    case = realistic_case()
    saves, loads = [], []
    with CaseStore.open(f"sqlite:///{folder / 'cases.db'}", key=key) as store:
        record = store.create(case, author="Presenter A")
        for n in range(revisions):
            case.consultation_question.text = f"question, draft {n}"
            start = time.perf_counter()
            record = store.save(case, based_on=record.revision, author="Presenter A")
            saves.append(time.perf_counter() - start)
        for revision in range(2, revisions + 2):
            start = time.perf_counter()
            store.load("CK-0412", revision)
            loads.append(time.perf_counter() - start)
    return saves, loads, len(case_to_json(case).encode())


def bench_sqlite3(folder: Path, revisions: int) -> tuple[list[float], list[float]]:
    """The same revisions as plain JSON rows with the sqlite3 module (no validation, no encryption)."""
    case = realistic_case()
    conn = sqlite3.connect(folder / "plain.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(
        "CREATE TABLE revisions (case_id TEXT, revision INTEGER, content TEXT, "
        "PRIMARY KEY (case_id, revision))"
    )
    saves, loads = [], []
    for n in range(revisions):
        case.consultation_question.text = f"question, draft {n}"
        start = time.perf_counter()
        payload = case_to_json(case, include_identifiers=True)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO revisions VALUES (?, ?, ?)", ("CK-0412", n + 2, payload))
        conn.execute("COMMIT")
        saves.append(time.perf_counter() - start)
    for revision in range(2, revisions + 2):
        start = time.perf_counter()
        row = conn.execute(
            "SELECT content FROM revisions WHERE case_id = ? AND revision = ?", ("CK-0412", revision)
        ).fetchone()
        json.loads(row[0])
        loads.append(time.perf_counter() - start)
    conn.close()
    return saves, loads


def _timed(label: str, fn: Callable[[], list[float]]) -> None:
    print(f"  {label:<40} {_ms(fn())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revisions", type=int, default=200)
    parser.add_argument("--import-runs", type=int, default=7)
    args = parser.parse_args()

    print(f"import time (fresh interpreter, {args.import_runs} runs)")
    for label, code in [
        ("python -c pass", "pass"),
        ("python -c 'import casekit'", "import casekit"),
        ("python -c 'import casekit.model'", "import casekit.model"),
        ("python -c 'import sqlalchemy'", "import sqlalchemy"),
        ("python -c 'import casekit.store'", "import casekit.store"),
        ("python -c 'import sqlite3, json'", "import sqlite3, json"),
    ]:
        _timed(label, lambda code=code: _process_time(code, args.import_runs))

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        saves, loads, size = bench_store(folder, args.revisions)
        plain_saves, plain_loads = bench_sqlite3(folder, args.revisions)
    print(f"\n{args.revisions} revisions of a {size / 1024:.0f} KB case, SQLite (WAL, synchronous=FULL)")
    print(f"  {'save: casekit CaseStore.save':<40} {_ms(saves)}")
    print(f"  {'save: sqlite3 INSERT of the same JSON':<40} {_ms(plain_saves)}")
    print(f"  {'load: casekit CaseStore.load':<40} {_ms(loads)}")
    print(f"  {'load: sqlite3 SELECT + json.loads':<40} {_ms(plain_loads)}")
    print("  (casekit also validates, migrates and encrypts/decrypts the identifiers on every revision)")


if __name__ == "__main__":
    main()
