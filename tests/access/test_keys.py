"""Each person's own key: made private on first use, kept, and never taken from a damaged file."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from casekit.access import keys
from casekit.errors import ConfigError, EncryptionKeyError


def test_a_personal_key_is_made_owner_only_on_first_use_and_kept(tmp_path: Path):
    """Is the identity file made on first use with mode 0600, and does a second use read the same key
    instead of making a new one?"""
    path = tmp_path / "home" / ".casekit" / "identity"
    first = keys.Holder.from_file("ana", path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = keys.Holder.from_file("ana", path)
    assert again.public_key == first.public_key and first.public_key.startswith("age1")
    secret = b"a case key"
    assert keys.unwrap(keys.wrap(secret, [first.public_key]), again.identity) == secret


def test_the_identity_path_comes_from_the_environment_or_the_home(tmp_path: Path):
    """Is $CASEKIT_IDENTITY used when set, and ~/.casekit/identity otherwise?"""
    assert keys.identity_path({"CASEKIT_IDENTITY": str(tmp_path / "id")}) == tmp_path / "id"
    assert keys.identity_path({}) == Path.home() / ".casekit" / "identity"


def test_a_damaged_identity_or_a_bad_public_key_is_refused_in_one_line(tmp_path: Path):
    """Is a file that holds no age identity refused (never silently replaced), and a public key that is
    not an age key refused, each in one line?"""
    path = tmp_path / "identity"
    path.write_text("not a key\n", encoding="ascii")
    with pytest.raises(EncryptionKeyError, match="not an age identity file") as err:
        keys.load_identity(path)
    assert "\n" not in err.value.message and path.read_text(encoding="ascii") == "not a key\n"
    with pytest.raises(EncryptionKeyError, match="no personal key here"):
        keys.load_identity(tmp_path / "missing", create=False)
    with pytest.raises(ConfigError, match="not an age public key"):
        keys.check_public_key("ssh-ed25519 AAAA")
