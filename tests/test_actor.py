"""Who is recorded as acting."""

from __future__ import annotations

import getpass

import pytest

from casekit.actor import current_person
from casekit.errors import ConfigError


def test_hub_user_is_the_person_under_jupyterhub():
    """Does a single-user server started by the Hub record the Hub's user name?"""
    person = current_person({"JUPYTERHUB_USER": "presenter1", "JUPYTERHUB_API_TOKEN": "t"})
    assert (person.username, person.source) == ("presenter1", "hub")
    assert str(person) == "presenter1"


def test_a_typed_hub_user_without_the_hub_is_ignored():
    """Can someone outside the Hub claim another name by setting JUPYTERHUB_USER alone?"""
    person = current_person({"JUPYTERHUB_USER": "someone-else"})
    assert person.source == "os"
    assert person.username == getpass.getuser()


def test_a_strange_hub_user_name_is_refused():
    """Is a user name with control characters refused with a message naming where it came from?"""
    with pytest.raises(ConfigError, match="JUPYTERHUB_USER"):
        current_person({"JUPYTERHUB_USER": "bad\nname", "JUPYTERHUB_API_TOKEN": "t"})


def test_the_server_is_recorded():
    """Is the host recorded, so the audit trail can say from which server?"""
    assert current_person({}).server
