"""Wiping a pooled profile between scenarios over the DevTools protocol, keeping its tab."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from playwright.sync_api import Page

from harness.browsers.pending import together
from harness.browsers.pool import PooledBrowser

# Every kind of storage a page can write, as Storage.clearDataForOrigin names them. Not
# "all": that adds cookies, cleared for every site at once below, and the GPU shader
# cache, which no page can read, and costs three times as long.
STORAGE_TYPES = ",".join(
    (
        "local_storage",
        "indexeddb",
        "cache_storage",
        "service_workers",
        "file_systems",
        "websql",
        "storage_buckets",
        "shared_storage",
        "interest_groups",
    )
)


# How long a clearing command may take before the profile counts as broken (the pool then
# drops it and launches it again); they take a few milliseconds.
CDP_TIMEOUT_MS = 10_000


def clean(pooled: PooledBrowser, page: Page, origins: Iterable[str]) -> None:
    """Leave the profile as the next scenario must find it: nothing of this one left.

    `origins` are those the scenario's pages loaded: storage is written only by pages,
    and every origin a page loaded went past a cookie recorder. A Grid session's profile
    is cleaned the same way, over the Grid's CDP proxy.
    """
    context = pooled.context
    warm = pooled.warm if pooled.warm is not None and pooled.warm.page == page else None
    # The warm tab's own DevTools session (its cookie recorder's) when there is one.
    own = warm.recorder.session if warm is not None else None
    session = own or context.new_cdp_session(page)
    # The tab stays for the next scenario: leave its pages, history and handlers behind.
    page.goto("about:blank")
    # Sent together and answered together: the page has gone, and none of these depends
    # on another. Cookies go for every site at once rather than origin by origin.
    commands: list[tuple[str, dict[str, str]]] = [
        ("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": STORAGE_TYPES})
        for origin in sorted(set(origins))
    ]
    commands += [("Page.resetNavigationHistory", {}), ("Network.clearBrowserCache", {})]
    # With a deadline: a DevTools command on its own waits for ever.
    calls: list[Callable[[], object]] = [
        partial(session.send, method, params, timeout=CDP_TIMEOUT_MS) for method, params in commands
    ]
    calls += [
        context.clear_cookies,
        context.clear_permissions,
        partial(page.unroute_all, behavior="ignoreErrors"),
    ]
    together(session, calls, others=(context, page))
    if own is None:
        session.detach()
    # sessionStorage lives in the tab and no CDP call above reaches it: a tab whose
    # scenario wrote any is closed, and the next scenario gets a new one.
    dirty = pooled.warm is not None and pooled.warm.recorder.used_session_storage
    if dirty:
        pooled.warm = None
    for open_page in list(context.pages):
        if dirty or open_page != page:
            open_page.close()
