"""`casekit deid scrub` on files and standard input."""

from __future__ import annotations

import json

from click.testing import CliRunner

from casekit.cli import cli


def test_scrub_reads_stdin_and_prints_the_report_without_originals():
    """Does `deid scrub --report -` print scrubbed text, and a JSON report free of originals?"""
    runner = CliRunner()
    result = runner.invoke(
        cli, ["deid", "scrub", "--no-ner", "--report", "-"], input="Call 503-555-0147 today.\n"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "Call [Phone] today.\n"
    report = json.loads(result.stderr)
    assert report["counts"] == {"phone": 1}
    assert "555" not in result.stderr


def test_scrub_uses_a_deny_file(tmp_path):
    """Does a deny file's term (one per line) get removed from the input file?"""
    (tmp_path / "deny.txt").write_text("Kettle Cove\n\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("She sings at Kettle Cove.", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["deid", "scrub", "--no-ner", "--deny-file", str(tmp_path / "deny.txt"), str(tmp_path / "note.txt")],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "She sings at [Redacted].\n"


def test_scrub_refuses_missing_and_non_utf8_files_in_one_line(tmp_path):
    """Does bad input give a one-line error and a non-zero exit?"""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    for path in (str(tmp_path / "missing.txt"), str(bad)):
        result = CliRunner().invoke(cli, ["deid", "scrub", "--no-ner", path])
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("casekit: error: ")
