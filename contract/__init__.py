"""The harness/stub contract: the names both sides must agree on; only the standard library."""
