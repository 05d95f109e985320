"""People access (envelope encryption) beside today's shared-key store, side by side, in one run.

    python bench/bench_access.py [--revisions 100] [--exports 3]

For the same realistic fictional case (bench_store.realistic_case), in a SQLite store made in each
mode, prints median and p95 of:

* open: ``CaseStore.open`` of an existing store (shared-key: derive + check the workspace key;
  people: read the person's identity file and check their enrolment);
* save: ``CaseStore.save`` of a new revision (people: the whole body sealed with the case's data key,
  which is unwrapped with the person's age identity);
* load: ``CaseStore.load`` of a revision (people: the wrapped key is read every time, so a revocation
  takes effect at once; its unwrapping is remembered per process);
* export: load the case, its fingerprint secret, and ``casekit.export.api.export_case`` to Markdown
  (NER off in both, after one warm-up export, so the difference is the store's share);
* people only: rotate (re-seal every revision under a new key) and share (export + seal a snapshot).

Both modes keep the access log (:mod:`casekit.store.access_log`): a save writes its entry in the same
transaction and a load that decrypts writes one of its own, so the save and load rows include it.
Its own cost is printed as well: one entry appended (as each written export adds), and
``casekit log verify`` over the whole chain the run left.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_store import realistic_case  # noqa: E402

from casekit.access import actions  # noqa: E402
from casekit.access.keys import Holder, fingerprint  # noqa: E402
from casekit.export import api  # noqa: E402
from casekit.store import CaseStore, KeyFile, access_log, generate_key_file  # noqa: E402

CASE = "CK-0412"


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:8.2f} ms   p95 {p95 * 1000:8.2f} ms"


def _times(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def _run(opener: Callable[[], CaseStore], revisions: int, exports: int) -> dict[str, list[float]]:
    """Create the case, then time open, save, load and export on a store made by ``opener``."""
    case = realistic_case()
    results: dict[str, list[float]] = {}
    with opener() as store:
        record = store.create(case, author="Presenter A")
    results["open"] = _times(lambda: opener().close(), 20)
    with opener() as store:
        saves = []
        for n in range(revisions):
            case.consultation_question.text = f"question, draft {n}"
            start = time.perf_counter()
            record = store.save(case, based_on=record.revision, author="Presenter A")
            saves.append(time.perf_counter() - start)
        results["save"] = saves
        results["load"] = [
            t
            for revision in range(2, revisions + 2)
            for t in _times(lambda r=revision: store.load(CASE, r), 1)
        ]

        def export() -> None:
            loaded = store.load(CASE).case
            api.export_case(loaded, "md", use_ner=False, secret=store.fingerprint_secret(CASE))

        export()  # warm-up: the first export imports nbconvert and builds its templates
        results["export"] = _times(export, exports)
        results["log entry"] = _times(
            lambda: access_log.record(store, "exported", case_id=CASE, detail="format=md"), 20
        )
        results["log verify"] = _times(lambda: access_log.verify(store), 3)
        if store.access is not None:
            results["rotate"] = _times(lambda: actions.rotate_key(store, CASE), 3)
            results["share"] = _times(
                lambda: actions.share_case(
                    store, CASE, session="2026-03-16", recipients=["mia"], use_ner=False
                ),
                exports,
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revisions", type=int, default=100)
    parser.add_argument("--exports", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        key = KeyFile(generate_key_file(folder / "identifiers.key"))
        shared_url = f"sqlite:///{folder / 'shared.db'}"
        shared = _run(lambda: CaseStore.open(shared_url, key=key), args.revisions, args.exports)

        people_url = f"sqlite:///{folder / 'people.db'}"
        ana = Holder.from_file("ana", folder / "homes" / "ana" / "identity")
        mia = Holder.from_file("mia", folder / "homes" / "mia" / "identity")
        CaseStore.open(people_url, access="people", person=ana).close()
        CaseStore.open(people_url, person=mia).close()
        with CaseStore.open(people_url, person=ana) as lead:  # the privacy lead approves mia's key
            actions.decide_key(lead, "mia", fingerprint(mia.public_key), approve=True)
        people = _run(lambda: CaseStore.open(people_url, person=ana), args.revisions, args.exports)

    print(f"{args.revisions} revisions of a realistic case, SQLite (WAL, synchronous=FULL)")
    for what in ("open", "save", "load", "export", "log entry", "log verify"):
        print(f"  {what + ': shared key':<28} {_ms(shared[what])}")
        print(f"  {what + ': people (envelope)':<28} {_ms(people[what])}")
    notes = {"rotate": f"re-seals all {args.revisions + 1} revisions", "share": "export + sealed snapshot"}
    for what, note in notes.items():
        print(f"  {what + ': people (envelope)':<28} {_ms(people[what])}   ({note})")
    print("  (save and load include their access-log entries in both modes; 'log verify' walks the chain)")


if __name__ == "__main__":
    main()
