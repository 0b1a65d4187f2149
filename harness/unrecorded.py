"""Playwright calls that are the harness's own bookkeeping, kept out of traces.

Playwright's trace records every API call a test makes and, for most of them, takes DOM
snapshots of the page before and after (a `Page.evaluate`, a `Locator.count`, a
`Page.screenshot`). A step screenshot, the look for page changes or a password-field
count are the harness watching, not the scenario acting: traced, they would each cost
two snapshots and show in the trace viewer among the scenario's actions. Inside
`unrecorded()` calls go to the driver as Playwright's own internal calls do (metadata
`internal`): no trace entry, no snapshots, no `pw:api` log line.

Python has no public switch for this; it uses the zone that Playwright's client keeps in
a context variable (playwright/_impl/utils/zones.py), as its own internal calls do. That
private part is pinned by requirements.lock and checked by
tests/harness/test_unrecorded.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright._impl.channel_owner import ApiZone
from playwright._impl.utils.zones import _async_local_storage, current_zone


@contextmanager
def unrecorded() -> Iterator[None]:
    """Playwright calls made inside this block are not traced and take no snapshots."""
    zone = current_zone().with_(
        "apiZone", ApiZone(api_name="harness", frames=[], title=None, internal=True)
    )
    token = _async_local_storage.set(zone)
    try:
        yield
    finally:
        _async_local_storage.reset(token)
