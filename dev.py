#!/usr/bin/env python3
"""Set up casekit in a local virtual environment and run it: the two commands of the README.

    python3 dev.py example   # install, then run casekit on its bundled example cases
    python3 dev.py test      # install (with test and benchmark tools), then run the whole test suite
    python3 dev.py catalogues   # extract casekit's translatable text, update and check every catalogue

Only the Python standard library is used here, so it works on a fresh machine with Python 3.11+ and
access to the package registries. The environment lives in .venv/ and is reused while pyproject.toml
and constraints.txt are unchanged.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
#: pytest-xdist: two worker processes, whole files to each (CI has two cores).
WORKERS = ["-n", "2", "--dist", "loadfile"]
STAMP = VENV / ".casekit-installed"
AXE_DIR = ROOT / ".cache" / "npm"
AXE_VERSION = "4.11.0"


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def run(*args: str | os.PathLike[str], **kwargs) -> None:
    subprocess.run([str(a) for a in args], check=True, **kwargs)


def ensure_python() -> None:
    if sys.version_info < (3, 11):
        found = shutil.which("python3.11") or shutil.which("python3.12")
        if found:
            os.execv(found, [found, *sys.argv])
        sys.exit("dev.py: casekit needs Python 3.11 or newer; install it and run this again")


def install(extras: str) -> None:
    """Create .venv and install casekit (editable) with the given extras, pinned by constraints.txt."""
    files = [ROOT / "pyproject.toml", ROOT / "constraints.txt"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files if f.exists()) + extras.encode())
    if STAMP.exists() and STAMP.read_text() == digest.hexdigest() and PY.exists():
        return
    if not PY.exists():
        say("creating the virtual environment in .venv/")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say(f"installing casekit{extras} and its dependencies (a few minutes the first time)")
    pip = [PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run(*pip, "--upgrade", "pip")
    constraints = ["-c", ROOT / "constraints.txt"] if (ROOT / "constraints.txt").exists() else []
    run(*pip, *constraints, "-e", f"{ROOT}{extras}")
    STAMP.write_text(digest.hexdigest())


def install_axe() -> None:
    """axe-core (accessibility checks in browser tests) comes from the npm registry, when npm exists."""
    target = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if target.exists() or not shutil.which("npm"):
        return
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    say(f"installing axe-core {AXE_VERSION} from the npm registry")
    run(
        "npm",
        "install",
        "--silent",
        "--no-audit",
        "--no-fund",
        "--prefix",
        AXE_DIR,
        f"axe-core@{AXE_VERSION}",
    )


LOCALE = ROOT / "casekit" / "locale"
POT = LOCALE / "casekit.pot"


def catalogues() -> int:
    """Extract marked text into casekit/locale/casekit.pot, update each .po from it, and compile each
    one (to a throwaway folder) to check it. casekit compiles catalogues in memory when it runs, so no
    .mo file is kept. New msgids arrive empty: a translator fills them in (see the README)."""
    pybabel = [PY, "-m", "babel.messages.frontend"]
    extract = ["extract", "-F", ROOT / "babel.cfg", "-o", POT, "--no-location", "--sort-output"]
    run(
        *pybabel,
        *extract,
        "--project=casekit",
        "--copyright-holder=casekit",
        "-c",
        "TRANSLATORS:",
        "casekit",
        cwd=ROOT,
    )
    run(
        *pybabel,
        "update",
        "-i",
        POT,
        "-d",
        LOCALE,
        "-D",
        "casekit",
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )
    import tempfile

    with tempfile.TemporaryDirectory() as out:
        for po in sorted(LOCALE.glob("*/LC_MESSAGES/casekit.po")):
            mo = Path(out) / f"{po.parts[-3]}.mo"
            run(*pybabel, "compile", "-i", po, "-o", mo, "--statistics")
    return 0


def main(argv: list[str]) -> int:
    ensure_python()
    if argv and argv[0] == "catalogues":
        install("[test,bench]")
        return catalogues()
    if not argv or argv[0] not in {"example", "test"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if command == "example":
        install("")
        return subprocess.call([BIN / "casekit", "example", *rest], cwd=ROOT, env=env)
    install("[test,bench,hub]")
    install_axe()
    env.setdefault("CASEKIT_AXE_JS", str(AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"))
    # Two workers, each taking whole files (a file's module fixtures, such as a running Hub, start once);
    # give -n yourself (-n 0 for one process) to choose otherwise.
    workers = [] if any(a.startswith(("-n", "--numprocesses")) for a in rest) else WORKERS
    return subprocess.call([PY, "-m", "pytest", *workers, *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
