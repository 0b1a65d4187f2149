"""Step definitions, one module per domain concept, loaded through the root conftest."""

NAME = r"(?P<name>[A-ZÅÄÖ][\w-]+)"
PRONOUN = r"(?:her|his|their)"
