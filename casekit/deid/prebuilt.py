"""Tables de-identification derives from installed packages' data, prebuilt into small files.

Two tables are the same for every run of one installed version of their source, and slow to derive:

* the English word list (:func:`casekit.deid.lexicon.english_words`): the spaCy model's lemmatizer
  words, a msgpack file that takes srsly (and numpy) over a second to import and read. Prebuilt as
  ``data/english_words.txt.gz`` (about 270 KB), read in a few hundredths of a second.
* the look-alike letters (:func:`casekit.deid.normalize.latin_lookalike`): letters of other scripts
  that look like an ASCII letter, from confusable_homoglyphs' 900 KB Unicode confusables file, half a
  second to parse. Prebuilt as ``data/lookalikes.json`` (a few KB).

Each file's first line (or ``source`` field) names what it was written from: the model's folder and
the size of its tables, the confusables files' sizes. When the installed source differs (a new
version), the reader returns None and the table is derived as before. Rebuild both when a pin changes
(casekit's build runs it; tests/deid/test_prebuilt.py checks the files against the installed data)::

    python -m casekit.deid.prebuilt
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

DATA = Path(__file__).parent / "data"
#: The prebuilt English word list, shipped inside the package.
WORDS_FILE = DATA / "english_words.txt.gz"
#: The prebuilt look-alike letters, shipped inside the package.
LOOKALIKES_FILE = DATA / "lookalikes.json"
#: The line between the words that are only nouns and those also verbs, adjectives or adverbs.
SECTION = "#"


# ---- the English word list ---------------------------------------------------------------------------
def words_source(lookups: Path) -> str:
    """What a word list was written from: the model's folder name and the size of its tables file."""
    return f"# {lookups.parents[2].name} {lookups.stat().st_size}"


def read_words(lookups: Path, *, non_nouns: bool, path: Path | None = None) -> frozenset[str] | None:
    """The prebuilt words (all, or those also verbs/adjectives/adverbs), or None if missing or stale."""
    try:
        with gzip.open(path or WORDS_FILE, "rt", encoding="utf-8") as handle:
            if handle.readline().rstrip("\n") != words_source(lookups):
                return None
            text = handle.read()
    except (OSError, EOFError, UnicodeDecodeError):
        return None
    only_nouns, _, others = ("\n" + text).partition(f"\n{SECTION}\n")
    also_not_nouns = frozenset(others.split())
    return also_not_nouns if non_nouns else frozenset(only_nouns.split()) | also_not_nouns


def write_words(
    lookups: Path, words: frozenset[str], non_nouns: frozenset[str], path: Path = WORDS_FILE
) -> None:
    """Write a word list: its source, the words that are only nouns, :data:`SECTION`, then the others.

    Sorted and compressed reproducibly: the same words give the same bytes.
    """
    lines = [words_source(lookups), *sorted(words - non_nouns), SECTION, *sorted(non_nouns)]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))


# ---- the look-alike letters ------------------------------------------------------------------------------
def lookalikes_source() -> str:
    """What a look-alike table is written from: the sizes of confusable_homoglyphs' two data files."""
    from importlib import resources

    package = resources.files("confusable_homoglyphs")
    sizes = [len(package.joinpath(name).read_bytes()) for name in ("confusables.json", "categories.json")]
    return "confusable_homoglyphs " + " ".join(str(n) for n in sizes)


def read_lookalikes(path: Path | None = None, source: str | None = None) -> dict[str, str] | None:
    """The prebuilt look-alike letters, or None if missing, unreadable or written from other data."""
    try:
        held = json.loads((path or LOOKALIKES_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(held, dict) or held.get("source") != (source or lookalikes_source()):
        return None
    table = held.get("letters")
    return table if isinstance(table, dict) else None


def write_lookalikes(table: dict[str, str], path: Path = LOOKALIKES_FILE, source: str | None = None) -> None:
    """Write a look-alike table with its source (sorted: the same table gives the same bytes)."""
    held = {"source": source or lookalikes_source(), "letters": dict(sorted(table.items()))}
    path.write_text(json.dumps(held, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def build() -> list[Path]:
    """Write both tables from the installed sources (run at build time, and after changing a pin)."""
    from casekit.deid import lexicon, normalize

    lookups = lexicon.lookups_file()
    write_words(lookups, lexicon.lemma_words(None), lexicon.lemma_words(lexicon.NON_NOUNS))
    write_lookalikes(normalize.derive_lookalikes())
    return [WORDS_FILE, LOOKALIKES_FILE]


if __name__ == "__main__":
    build()
