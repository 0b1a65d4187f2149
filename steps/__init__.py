"""Step definitions, one module per domain concept, loaded through the root conftest.

Steps import only the harness (and these shared regex fragments), never each other. A step
that product owners read in Swedish or Finnish has those phrases stacked on the English
one (`@when(sv(...))`): one function, so the translations cannot drift apart, and the step
catalogue shows them side by side."""

from pytest_bdd import parsers

# The language of each phrase that is not English, by its pattern (for the catalogue).
LANGUAGE_OF: dict[str, str] = {}


def sv(pattern: str) -> parsers.re:
    """A step's Swedish phrase, for features written with `# language: sv`."""
    LANGUAGE_OF[pattern] = "sv"
    return parsers.re(pattern)


def fi(pattern: str) -> parsers.re:
    """A step's Finnish phrase, for features written with `# language: fi`."""
    LANGUAGE_OF[pattern] = "fi"
    return parsers.re(pattern)


NAME = r"(?P<name>[A-ZÅÄÖ][\w-]+)"
PRONOUN = r"(?:her|his|their)"


def named(group: str) -> str:
    """A second name in a step, captured as `group` ("owner", "guest" …)."""
    return rf"(?P<{group}>[A-ZÅÄÖ][\w-]+)"
