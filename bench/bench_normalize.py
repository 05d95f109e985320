"""Matching form and known-identifier search on long unbroken text: is the time linear?

    python bench/bench_normalize.py [--size 100000] [--repeat 3]

For texts of ``size`` characters with no space (plain letters, a name broken by soft hyphens, letters
split by zero-width spaces in full width) and one letter-spaced run of the whole size, prints the
best of ``repeat`` runs, in seconds, of:

* ``matching_form`` and ``collapse_spacing`` (casekit.deid.normalize) alone;
* ``KnownMatcher.find`` for a fictional case (every exact, look-alike, letter-spaced and one-typo
  search the scrubber and the export gate make);
* ``Scrubber.scrub`` without NER (every detector; patterns included), only when ``--scrub`` is given.

Each is also run at a tenth of the size; a linear step takes about ten times as long at full size.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from casekit.deid import Scrubber
from casekit.deid.known import KnownMatcher
from casekit.deid.normalize import collapse_spacing, matching_form
from casekit.model import PrivateIdentifiers


def _texts(size: int) -> dict[str, str]:
    return {
        "letters": "x" * size,
        "soft-hyphenated name": ("Zeb\u00adulon" * size)[:size],
        "full width + zero-width": ("\uff3a\u200b" * size)[:size],
        "letter-spaced run": ("a " * size)[:size],
    }


def _best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scrub", action="store_true", help="also time the whole scrub")
    args = parser.parse_args()
    ids = PrivateIdentifiers(legal_name="Zebulon Harrowgate", name_used="Zeb", phones=["555-0199"])
    matcher = KnownMatcher(Scrubber(ids, use_ner=False).matcher.forms)
    scrubber = Scrubber(ids, use_ner=False)
    steps: dict[str, Callable[[str], object]] = {
        "normalise": lambda t: collapse_spacing(matching_form(t)),
        "find": matcher.find,
    }
    if args.scrub:
        steps["scrub"] = scrubber.scrub
    print(f"{'text':<26}{'step':<11}{'size/10 (s)':>12}{'size (s)':>10}")
    for name, text in _texts(args.size).items():
        for step, fn in steps.items():
            small = _best(lambda fn=fn, text=text: fn(text[: len(text) // 10]), args.repeat)
            full = _best(lambda fn=fn, text=text: fn(text), args.repeat)
            print(f"{name:<26}{step:<11}{small:>12.3f}{full:>10.3f}")


if __name__ == "__main__":
    main()
