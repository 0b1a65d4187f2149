"""Tests of the bank broker stub: its OIDC provider, its bank pages and its scripting."""
