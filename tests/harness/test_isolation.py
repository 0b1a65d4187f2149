"""No state of one scenario is visible to the next, in every cookie policy.

A probe page on its own origin writes every kind of browser state a scenario can leave:
cookies (HTTP and script), localStorage, sessionStorage, IndexedDB, Cache Storage, a
service worker, an HTTP-cached response, a granted permission and a route on the tab. The
next scenario in the same pooled profile must find none of it. Under `allow` the writes must
all have succeeded first, so the test cannot pass by writing nothing.
"""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from PIL import Image
from playwright.sync_api import Page, Playwright

from harness.browsers import BASE_ARGS, BrowserKey, BrowserPool, ScenarioBrowsers
from harness.browsers.tracing import Recording
from harness.config import HarnessConfig
from harness.cookie_policies import POLICIES, cookie_policy
from harness.devices import device
from harness.tools.chromium import find_chromium

from .offline_world import offline_pool

PAGE = b"""<!doctype html><html><head><title>probe</title></head><body>probe</body></html>"""
WORKER = b"self.addEventListener('fetch', () => {});"

FETCH_ROUTED = "() => fetch('/routed').then((r) => r.text())"
WRITE = """async (useSessionStorage) => {
  const done = {};
  const attempt = async (name, action) => {
    try { await action(); done[name] = true; } catch (e) { done[name] = String(e); }
  };
  await attempt('script_cookie', async () => { document.cookie = 'probe_js=1; max-age=3600'; });
  await attempt('local', async () => localStorage.setItem('probe', '1'));
  if (useSessionStorage) {
    await attempt('session', async () => sessionStorage.setItem('probe', '1'));
  }
  await attempt('idb', () => new Promise((ok, fail) => {
    const open = indexedDB.open('probe-db', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('s');
    open.onsuccess = () => { open.result.close(); ok(); };
    open.onerror = () => fail(open.error);
  }));
  await attempt('cache', async () => {
    const cache = await caches.open('probe-cache');
    await cache.put('/probe-entry', new Response('x'));
  });
  await attempt('worker', async () => {
    await navigator.serviceWorker.register('/sw.js');
    await navigator.serviceWorker.ready;
  });
  await attempt('http_cache', async () => {
    await fetch('/cacheable');
    await fetch('/cacheable');
  });
  return done;
}"""

READ = """async () => {
  const safely = async (action) => {
    try { return await action(); } catch (e) { return 'blocked'; }
  };
  return {
    cookie: document.cookie,
    local: await safely(async () => localStorage.length),
    session: await safely(async () => sessionStorage.length),
    idb: await safely(async () => (await indexedDB.databases()).map((d) => d.name)),
    caches: await safely(() => caches.keys()),
    workers: await safely(async () => (await navigator.serviceWorker.getRegistrations()).length),
    permission: (await navigator.permissions.query({ name: 'geolocation' })).state,
    history: history.length,
  };
}"""


class ProbeHandler(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}

    def do_GET(self) -> None:
        ProbeHandler.hits[self.path] = ProbeHandler.hits.get(self.path, 0) + 1
        body, kind, extra = PAGE, "text/html", {"Set-Cookie": "probe_http=1; Max-Age=3600"}
        if self.path == "/sw.js":
            body, kind, extra = WORKER, "text/javascript", {}
        elif self.path == "/cacheable":
            body, kind, extra = b"cached", "text/plain", {"Cache-Control": "max-age=3600"}
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def probe_origin() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ProbeHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # localhost is a secure context, so service workers and Cache Storage work over http.
    yield f"http://localhost:{server.server_port}"
    server.shutdown()


CASES = [(name, True) for name in sorted(POLICIES)] + [("allow", False)]


@pytest.mark.parametrize(
    ("policy_name", "uses_session_storage"),
    CASES,
    ids=[f"{name}{'' if uses else '-tab-reused'}" for name, uses in CASES],
)
def test_nothing_of_one_scenario_reaches_the_next(
    playwright_driver: Playwright,
    probe_origin: str,
    tmp_path: Path,
    policy_name: str,
    uses_session_storage: bool,
) -> None:
    pool = offline_pool(playwright_driver, tmp_path)
    assert_nothing_reaches_the_next(pool, probe_origin, tmp_path, policy_name, uses_session_storage)


def assert_nothing_reaches_the_next(
    pool: BrowserPool,
    probe_origin: str,
    tmp_path: Path,
    policy_name: str,
    uses_session_storage: bool,
) -> None:
    """Two scenarios in one pooled profile, the first writing everything; a local pool or
    one on a Selenium Grid (tests/grid)."""
    key = BrowserKey("samsung-s24-internet-29", policy_name)
    profile, policy = device(key.device), cookie_policy(policy_name)
    try:
        first = ScenarioBrowsers(pool, tmp_path / "artifacts", "first")
        page = first.page(key, profile, policy)
        page.context.grant_permissions(["geolocation"], origin=probe_origin)
        page.goto(f"{probe_origin}/")
        page.goto(f"{probe_origin}/?second-page")
        hits_at_start = ProbeHandler.hits.get("/cacheable", 0)
        written = page.evaluate(WRITE, uses_session_storage)
        first_tab = page
        if policy_name == "allow":
            failed = {k: v for k, v in written.items() if v is not True}
            assert not failed, f"The probe could not write everything under allow: {failed}"
            hits = ProbeHandler.hits.get("/cacheable", 0) - hits_at_start
            assert hits == 1, "the second fetch was not served from the HTTP cache"
        # A step's own route on the tab, which the next scenario must not inherit (set last:
        # while a tab routes requests, Playwright turns its HTTP cache off).
        page.route(f"{probe_origin}/routed", lambda r: r.fulfill(body="the first's route"))
        routed = page.evaluate(FETCH_ROUTED)
        assert routed == "the first's route", f"the first scenario's route did not work: {routed}"
        first.finish(failed=False)

        hits_before = ProbeHandler.hits.get("/cacheable", 0)
        second = ScenarioBrowsers(pool, tmp_path / "artifacts", "second")
        page = second.page(key, profile, policy)
        assert pool.launches == 1, "the second scenario must reuse the pooled browser"
        # The warm tab is reused unless the first scenario managed to write sessionStorage
        # (a browser that blocks all cookies refuses the write itself).
        wrote_session = written.get("session") is True
        assert (page == first_tab) is not wrote_session, f"tab reuse wrong; wrote: {written}"
        page.goto(f"{probe_origin}/")
        seen = page.evaluate(READ)
        routed = page.evaluate(FETCH_ROUTED)
        page.evaluate("() => fetch('/cacheable')")
        second.finish(failed=False)
    finally:
        pool.close()

    # The page load itself may set the HTTP cookie again; only the script cookie is stale.
    assert "probe_js" not in seen["cookie"], f"cookie leaked under {policy_name}: {seen}"
    assert seen["local"] in (0, "blocked"), f"localStorage leaked: {seen}"
    assert seen["session"] in (0, "blocked"), f"sessionStorage leaked: {seen}"
    assert seen["idb"] in ([], "blocked"), f"IndexedDB leaked: {seen}"
    assert seen["caches"] in ([], "blocked"), f"Cache Storage leaked: {seen}"
    assert seen["workers"] in (0, "blocked"), f"a service worker survived: {seen}"
    assert seen["permission"] == "prompt", f"the permission survived: {seen}"
    assert routed != "the first's route", "the first scenario's route answered the second"
    assert ProbeHandler.hits.get("/cacheable", 0) == hits_before + 1, "HTTP cache leaked"
    # A reused tab must not let "back" return to the previous scenario's pages.
    assert seen["history"] <= 2, f"the tab kept the previous scenario's history: {seen}"


def test_on_first_retry_traces_only_the_retry(
    playwright_driver: Playwright, probe_origin: str, tmp_path: Path
) -> None:
    """A first attempt costs no trace under on-first-retry; its rerun keeps one, passed
    or failed (a pass on retry is flaky, and its trace shows why)."""
    pool = offline_pool(playwright_driver, tmp_path, tracing="on-first-retry")
    key = BrowserKey("desktop-chrome", "allow")
    profile, policy = device(key.device), cookie_policy("allow")
    artifacts = tmp_path / "artifacts"
    recording = Recording(tracing="on-first-retry")
    try:
        first = ScenarioBrowsers(pool, artifacts, "flaky", recording=recording)
        first.page(key, profile, policy).goto(f"{probe_origin}/")
        assert not pool.get(key, profile, policy).tracing.running
        saved = first.finish(failed=True)
        assert [f.path.suffix for f in saved] == [".png"], saved

        retry = ScenarioBrowsers(pool, artifacts, "flaky", recording=recording, attempt=1)
        retry.page(key, profile, policy).goto(f"{probe_origin}/")
        saved = retry.finish(failed=False)
        assert [f.path.suffix for f in saved] == [".zip"], saved
        assert all(f.path.stat().st_size > 0 for f in saved)
        assert not (artifacts / "flaky" / "attempt-2" / f"{key.slug}.png").exists()
        assert (artifacts / "flaky" / "attempt-1" / f"{key.slug}.png").exists()

        after = ScenarioBrowsers(pool, artifacts, "next scenario", recording=recording)
        after.page(key, profile, policy).goto(f"{probe_origin}/")
        assert not pool.get(key, profile, policy).tracing.running, (
            "tracing must stop after the retry"
        )
        after.finish(failed=False)
    finally:
        pool.close()


def test_tracing_on_keeps_a_passing_scenarios_trace(
    playwright_driver: Playwright, probe_origin: str, tmp_path: Path
) -> None:
    pool = offline_pool(playwright_driver, tmp_path, tracing="on")
    key = BrowserKey("desktop-chrome", "allow")
    try:
        scenario = ScenarioBrowsers(
            pool, tmp_path / "artifacts", "passes", recording=Recording("on")
        )
        scenario.page(key, device(key.device), cookie_policy("allow")).goto(f"{probe_origin}/")
        saved = scenario.finish(failed=False)
        assert [(f.kind, f.path.suffix) for f in saved] == [("trace", ".zip")]
    finally:
        pool.close()


def test_a_profile_closed_for_room_comes_back_clean(
    playwright_driver: Playwright, probe_origin: str, tmp_path: Path
) -> None:
    """With a bound of one open profile, a second device closes the first; when the first
    is needed again it is launched afresh, and nothing its earlier scenario wrote is left."""
    pool = offline_pool(playwright_driver, tmp_path, max_open=1)
    phone = BrowserKey("samsung-s24-internet-29", "allow")
    desktop = BrowserKey("desktop-chrome", "allow")
    policy = cookie_policy("allow")
    try:
        first = ScenarioBrowsers(pool, tmp_path / "artifacts", "first")
        page = first.page(phone, device(phone.device), policy)
        page.goto(f"{probe_origin}/")
        written = page.evaluate(WRITE, False)
        assert written.get("local") is True, f"the probe wrote nothing: {written}"
        first.finish(failed=False)

        second = ScenarioBrowsers(pool, tmp_path / "artifacts", "second")
        second.page(desktop, device(desktop.device), policy).goto(f"{probe_origin}/")
        assert pool.open_keys == [desktop], "the idle phone profile must close for room"
        second.finish(failed=False)

        third = ScenarioBrowsers(pool, tmp_path / "artifacts", "third")
        page = third.page(phone, device(phone.device), policy)
        page.goto(f"{probe_origin}/")
        seen = page.evaluate(READ)
        third.finish(failed=False)
        assert (pool.launches, pool.evictions) == (3, 2)
    finally:
        pool.close()
    assert "probe_js" not in seen["cookie"], f"a cookie survived the relaunch: {seen}"
    assert seen["local"] == 0, f"localStorage survived the relaunch: {seen}"
    assert seen["idb"] == [], f"IndexedDB survived the relaunch: {seen}"


def test_a_running_scenario_never_loses_a_browser_to_the_bound(
    playwright_driver: Playwright, probe_origin: str, tmp_path: Path
) -> None:
    """Two personas on two devices with a bound of one: both stay open while the scenario
    runs, and a browser restart (C20) keeps its profile; afterwards the bound applies."""
    pool = offline_pool(playwright_driver, tmp_path, max_open=1)
    sara = BrowserKey("samsung-s24-internet-29", "session-only")
    elias = BrowserKey("desktop-chrome", "allow", slot=1)
    try:
        scenario = ScenarioBrowsers(pool, tmp_path / "artifacts", "two personas")
        sara_page = scenario.page(sara, device(sara.device), cookie_policy(sara.policy))
        sara_page.goto(f"{probe_origin}/")
        elias_page = scenario.page(elias, device(elias.device), cookie_policy(elias.policy))
        elias_page.goto(f"{probe_origin}/")
        assert set(pool.open_keys) == {sara, elias}, "a held browser was closed for room"
        restarted = scenario.restart(sara)
        assert set(pool.open_keys) == {sara, elias}
        assert restarted.url.startswith(probe_origin), "the restarted tab did not come back"
        assert not elias_page.is_closed(), "the other persona's browser was closed"
        scenario.finish(failed=False)

        nxt = ScenarioBrowsers(pool, tmp_path / "artifacts", "next")
        nxt.page(elias, device(elias.device), cookie_policy(elias.policy))
        assert pool.open_keys == [elias], "once released, the bound applies again"
        nxt.finish(failed=False)
    finally:
        pool.close()


LINKS = (
    "<style>body{margin:0} a{color:rgb(0,0,255)} a:visited{color:rgb(255,0,0)}"
    " a{display:block;font:200px/1 sans-serif;text-decoration:none}</style>"
    "<a href='/visited-target'>&#9608;&#9608;&#9608;</a>"
)


def open_links(page: Page, origin: str) -> None:
    page.route(f"{origin}/links", lambda r: r.fulfill(body=LINKS, content_type="text/html"))
    page.goto(f"{origin}/links")
    page.unroute(f"{origin}/links")


def link_colour(page: Page, origin: str) -> tuple[int, int, int]:
    """The colour a link to /visited-target is drawn in: red once visited, else blue. Only
    a picture tells: scripts always read a link's unvisited style."""
    open_links(page, origin)
    box = page.locator("a").bounding_box()
    assert box is not None
    shot = page.screenshot(clip={"x": box["x"] + 20, "y": box["y"] + 60, "width": 4, "height": 4})
    with Image.open(io.BytesIO(shot)) as picture:
        pixel = picture.convert("RGB").getpixel((2, 2))
    assert isinstance(pixel, tuple)
    return (int(pixel[0]), int(pixel[1]), int(pixel[2]))


def follow_link(page: Page, origin: str) -> None:
    """Follow the link from the site's own page, as a customer does (Chromium keeps visited
    links per site that linked to them)."""
    open_links(page, origin)
    page.locator("a").click()
    page.wait_for_url("**/visited-target")


def test_a_page_one_scenario_visited_is_not_a_visited_link_in_the_next(
    playwright_driver: Playwright, probe_origin: str, tmp_path: Path
) -> None:
    """Pooled profiles keep no history (a page visited in one scenario would be drawn as a
    visited link in the next, and no clean-up command clears history), so no link is drawn
    as visited there at all. A profile of Chromium's defaults shows that the picture can
    tell."""
    chromium = find_chromium(HarnessConfig.from_env().chromium_path)
    plain = playwright_driver.chromium.launch_persistent_context(
        tmp_path / "plain", executable_path=chromium.path, args=list(BASE_ARGS)
    )
    try:
        page = plain.pages[0] if plain.pages else plain.new_page()
        follow_link(page, probe_origin)
        visited = link_colour(page, probe_origin)
    finally:
        plain.close()
    assert visited[0] > 200, f"no visited-link colour to tell by: {visited}"
    pool = offline_pool(playwright_driver, tmp_path)
    key = BrowserKey("desktop-chrome", "allow")
    profile, policy = device(key.device), cookie_policy("allow")
    try:
        first = ScenarioBrowsers(pool, tmp_path / "artifacts", "first")
        follow_link(first.page(key, profile, policy), probe_origin)
        first.finish(failed=False)
        second = ScenarioBrowsers(pool, tmp_path / "artifacts", "second")
        seen = link_colour(second.page(key, profile, policy), probe_origin)
        second.finish(failed=False)
    finally:
        pool.close()
    assert seen[0] < 60, f"the first scenario's visit shows in the next: {seen}"
