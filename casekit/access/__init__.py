"""Least access below the user interface: per-person keys and per-case envelope encryption.

A store made in *people access* mode (:mod:`casekit.access.mode`) seals each revision's whole case
body with the case's own data key (:mod:`casekit.access.envelope`), wraps that key for the case's
owner and supervisor only (:mod:`casekit.access.grants`, with each person's age key pair from
:mod:`casekit.access.keys`), and gives group members de-identified snapshots shared for a session
(:mod:`casekit.access.snapshots`) instead of keys. The privacy lead manages people and reads the
audit trail, never a case body.

Nothing here does I/O at import time.
"""
