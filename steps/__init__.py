"""Step definitions, one module per domain concept, loaded through the root conftest.

Steps import only the harness (and these shared regex fragments), never each other."""

NAME = r"(?P<name>[A-ZÅÄÖ][\w-]+)"
PRONOUN = r"(?:her|his|their)"


def named(group: str) -> str:
    """A second name in a step, captured as `group` ("owner", "guest" …)."""
    return rf"(?P<{group}>[A-ZÅÄÖ][\w-]+)"
