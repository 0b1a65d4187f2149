"""Unit and contract tests of the stub services (not of the BDD harness)."""
