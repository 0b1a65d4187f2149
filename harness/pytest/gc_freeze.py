"""Keeps Python's cyclic garbage collector off the objects every run keeps (issue 19).

A run imports ~750 modules and collects its scenarios before the first one starts; those
objects live until the process ends, yet each full collection walks them all again, and
at the end pytest asks for several full collections in a row (its check for unraisable
exceptions) and the interpreter one more. `gc.freeze()` moves every object alive at that
moment out of the collector's sight: after collection (what imports and collection made),
and again when the session finishes (what the run made). Objects created later are
collected as usual; nothing is freed later than it would be, since the frozen objects were
alive anyway. Measured on a one-scenario run: ~0.2 s less after the last scenario.
"""

from __future__ import annotations

import gc

import pytest


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.freeze()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    gc.collect()  # what the run left as garbage goes now, before the rest is frozen
    gc.freeze()
