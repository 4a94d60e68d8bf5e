"""Profiles: named sets of the severities a check reports, read from data.

The profiles ship with the rules, in ``rules/profiles/profiles.yaml``; the
configuration's ``profile`` key and ``--profile`` name one (``config/settings.py``
applies it), and the file says which is the default. A finding whose severity
(as configured) the profile does not list is not reported.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from allylint.resources import builtin_profiles_file
from allylint.yamlfile import load_yaml


@dataclass(frozen=True)
class Profile:
    name: str
    summary: str
    reports: tuple[str, ...]  # the severities reported, most severe first


@dataclass(frozen=True)
class Profiles:
    default: str
    by_name: dict[str, Profile]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.by_name)

    def get(self, name: str | None) -> Profile:
        """The profile ``name`` (one of ``names``), or the default one for None."""
        return self.by_name[name or self.default]


@functools.cache
def builtin_profiles() -> Profiles:
    """The profiles that ship with allylint, read once per process (the test suite
    checks the file's shape; it is not user input)."""
    document = load_yaml(builtin_profiles_file())
    by_name = {
        name: Profile(name, " ".join(entry["summary"].split()), tuple(entry["reports"]))
        for name, entry in document["profiles"].items()
    }
    return Profiles(document["default"], by_name)
