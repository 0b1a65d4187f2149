"""Load benchmark: N concurrent complete sign-ins over HTTP against the stub world.

Each sign-in is its own "browser without a screen": an httpx client with its own cookie
jar and connections that reaches the sites under their public https names (the connection
goes to the stub's loopback port, while SNI, Host and cookies keep the public name). It
follows S-Etukortti's "Skapa S-inloggning" link to the sign-in service, submits a unique
address, reads the code from the real Mailpit, submits it, skips card linking and ends on
"Mina uppgifter", which must show its own address. One shared watcher lists Mailpit's new
messages and hands each code to the sign-in waiting for that exact address, so Mailpit
sees a steady trickle of requests however large N is.

At the end every address must hold exactly one message. It prints throughput, p50/p95/p99
of the complete sign-in and of email latency (address submitted → code readable), and
errors by kind; writes reports/bench/load.json; exits 1 if any sign-in failed or any mail
was lost or duplicated.

Run: .venv/bin/python -m benchmarks.load [--n 200] [--concurrency N] [--timeout S]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import ssl
import time
import typing
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from benchmarks.world import shared_world
from harness.clients.inbox import one_time_code
from harness.config import PROJECT_ROOT
from harness.environment import Environment

OUT = PROJECT_ROOT / "reports" / "bench"
SKIP_LINK = "Hoppa över"  # the card-linking offer's "skip" link, as a user reads it
STEPS = (
    "opening the Skapa S-inloggning link",  # S-Etukortti → /authorize → the register page
    "submitting the address",  # POST, then the code page
    "waiting for the code email",  # after the code page is shown
    "submitting the code",  # POST, then the card-linking offer
    "skipping card linking",  # → /callback (token, ID token) → Mina uppgifter
)
MAILPIT_PAGE = 100


# --- figures ----------------------------------------------------------------------------


def percentile(values: Iterable[float], share: float) -> float:
    """The `share` quantile (0–1), interpolating linearly between the two nearest ranks
    (numpy's default), so p99 of 200 samples is not simply the second largest."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"share {share} is not between 0 and 1")
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def spread_ms(values: list[float]) -> dict[str, float]:
    """p50/p95/p99 and max of durations in seconds, as milliseconds (empty when no values)."""
    if not values:
        return {}
    shares = {"p50": 0.5, "p95": 0.95, "p99": 0.99, "max": 1.0}
    return {name: round(percentile(values, share) * 1000, 1) for name, share in shares.items()}


# --- reaching public host names on loopback ports ----------------------------------------


class MappedBackend(httpcore.AsyncNetworkBackend):
    """Opens TCP connections to mapped (host, port) pairs instead of resolving the name.

    Only the TCP connect is redirected: httpcore still starts TLS with the URL's host as
    server name, and httpx still sends it as Host, so the stubs see their public origin.
    The same trick as Chromium's --host-resolver-rules.
    """

    def __init__(
        self,
        routes: Mapping[tuple[str, int], tuple[str, int]],
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self.routes = dict(routes)
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        host, port = self.routes.get((host, port), (host, port))
        return await self.inner.connect_tcp(
            host, port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return await self.inner.connect_unix_socket(path, timeout, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class MappedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport over a connection pool that connects through MappedBackend."""

    def __init__(
        self, routes: Mapping[tuple[str, int], tuple[str, int]], ssl_context: ssl.SSLContext
    ) -> None:
        super().__init__(verify=ssl_context)
        # httpx has no public way to hand its pool a network backend; the pool it built
        # above is replaced before any connection is opened.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context, network_backend=MappedBackend(routes)
        )


def site_routes(environment: Environment) -> dict[tuple[str, int], tuple[str, int]]:
    """Public (host, 443) → the loopback (host, port) each stub site listens on."""
    routes: dict[tuple[str, int], tuple[str, int]] = {}
    for site in (*environment.sites, *environment.shops.values()):
        public, control = urlsplit(site.public_url), urlsplit(site.control_url or "")
        if public.hostname and control.hostname and control.port:
            routes[(public.hostname, public.port or 443)] = (control.hostname, control.port)
    return routes


# --- reading pages ------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class Page:
    """What a user would act on: forms, links by their text, and the dt/dd pairs shown."""

    url: str
    status: int
    forms: list[Form] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)
    heading: str = ""

    def form_with(self, field_name: str) -> Form:
        for form in self.forms:
            if field_name in form.fields:
                return form
        raise SignInFailed(f"no form with a {field_name!r} field", self.where())

    def where(self) -> str:
        return f"{self.status} {self.url}"


class _PageParser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.text: list[str] | None = None  # text being collected for the open element
        self.href = ""
        self.term = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.page.forms.append(Form(urljoin(self.page.url, attr.get("action", ""))))
        elif tag == "input" and self.page.forms and attr.get("name"):
            self.page.forms[-1].fields[attr["name"]] = attr.get("value", "")
        elif tag in {"a", "h1", "dt", "dd"}:
            self.text, self.href = [], urljoin(self.page.url, attr.get("href", ""))

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.text is None or tag not in {"a", "h1", "dt", "dd"}:
            return
        text, self.text = " ".join("".join(self.text).split()), None
        if tag == "a":
            self.page.links.setdefault(text, self.href)
        elif tag == "h1":
            self.page.heading = text
        elif tag == "dt":
            self.term = text
        else:
            self.page.details.setdefault(self.term, text)


def read_page(response: httpx.Response) -> Page:
    page = Page(str(response.url), response.status_code)
    _PageParser(page).feed(response.text)
    return page


# --- one shared inbox watcher ------------------------------------------------------------


class CodeWatcher:
    """Lists Mailpit's new messages while anyone waits, and hands each code to the sign-in
    that waits for that exact address. Counts every message per recipient."""

    def __init__(self, mailpit: httpx.AsyncClient, *, interval_s: float = 0.05) -> None:
        self.mailpit = mailpit
        self.interval_s = interval_s
        self.delivered: Counter[str] = Counter()
        self.requests = 0
        self.poll_errors: Counter[str] = Counter()
        self._seen: set[str] = set()
        self._waiting: dict[str, asyncio.Future[str]] = {}
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()

    def expect(self, address: str) -> asyncio.Future[str]:
        """Register before submitting the address, so no message can slip past."""
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._waiting[address.lower()] = future
        self._wake.set()
        return future

    def forget(self, address: str) -> None:
        self._waiting.pop(address.lower(), None)

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    async def run(self) -> None:
        while not self._stopping.is_set():
            if not self._waiting:
                self._wake.clear()
                await self._wake.wait()
                continue
            try:
                await self.poll()
            except httpx.HTTPError as exc:  # the waiters' deadlines bound how long this lasts
                self.poll_errors[type(exc).__name__] += 1
            # The poll interval: wait for it to pass or for stop(), whichever comes first.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.interval_s)

    async def _get(self, path: str, **params: int) -> typing.Any:
        self.requests += 1
        response = await self.mailpit.get(path, params=params)
        response.raise_for_status()
        return response.json()

    async def poll(self) -> None:
        """Read pages of the newest messages until one holds a message already seen."""
        fresh: list[dict[str, typing.Any]] = []
        start = 0
        while True:
            listing = await self._get("/api/v1/messages", start=start, limit=MAILPIT_PAGE)
            messages = listing.get("messages") or []
            fresh += [m for m in messages if m["ID"] not in self._seen]
            if len(messages) < MAILPIT_PAGE or any(m["ID"] in self._seen for m in messages):
                break
            start += MAILPIT_PAGE
        handing: list[tuple[str, asyncio.Future[str]]] = []
        for message in reversed(fresh):  # oldest first
            self._seen.add(message["ID"])
            for recipient in message.get("To") or []:
                address = str(recipient.get("Address", "")).lower()
                self.delivered[address] += 1
                future = self._waiting.pop(address, None)
                if future is not None and not future.done():
                    handing.append((message["ID"], future))
        await asyncio.gather(*(self._hand_over(mid, future) for mid, future in handing))

    async def _hand_over(self, message_id: str, future: asyncio.Future[str]) -> None:
        try:
            text = (await self._get(f"/api/v1/message/{message_id}"))["Text"]
            code = one_time_code(str(text), f"message {message_id}")
        except Exception as exc:  # the waiting sign-in reports it as its own failure
            if not future.done():
                future.set_exception(exc)
            return
        if not future.done():  # its sign-in may have passed its deadline meanwhile
            future.set_result(code)

    async def count_all(self) -> Counter[str]:
        """Every message in Mailpit by exact recipient, read afresh at the end."""
        counts: Counter[str] = Counter()
        start, total = 0, 1
        while start < total:
            listing = await self._get("/api/v1/messages", start=start, limit=500)
            total = int(listing.get("messages_count", listing.get("total", 0)))
            messages = listing.get("messages") or []
            for message in messages:
                for recipient in message.get("To") or []:
                    counts[str(recipient.get("Address", "")).lower()] += 1
            if not messages:
                break
            start += len(messages)
        return counts


# --- one complete sign-in ----------------------------------------------------------------


class SignInFailed(Exception):
    """A sign-in did not end signed in as itself; `kind` groups failures in the summary."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


@dataclass
class Outcome:
    address: str
    ok: bool
    total_s: float
    email_s: float | None = None
    error: str = ""
    detail: str = ""
    statuses: list[int] = field(default_factory=list)
    # Seconds each step took, and the step under way (where a failed sign-in stopped).
    steps: dict[str, float] = field(default_factory=dict)
    step: str = ""
    step_started: float = 0.0

    def begin(self, step: str) -> None:
        now = time.perf_counter()
        if self.step:
            self.steps[self.step] = now - self.step_started
        self.step, self.step_started = step, now


@dataclass(frozen=True)
class Target:
    """What every sign-in needs: the account site, routes to the stubs, trust, deadline."""

    etukortti: str
    signin_host: str
    routes: dict[tuple[str, int], tuple[str, int]]
    ssl_context: ssl.SSLContext
    timeout_s: float


def expect(page: Page, host: str, path: str, step: str) -> None:
    parts = urlsplit(page.url)
    if page.status != 200 or parts.hostname != host or parts.path != path:
        raise SignInFailed(f"{step}: expected 200 {host}{path}", page.where())


async def sign_in(target: Target, watcher: CodeWatcher, address: str) -> Outcome:
    started = time.perf_counter()
    outcome = Outcome(address, ok=False, total_s=0.0)
    statuses = outcome.statuses
    account_site = urlsplit(target.etukortti).hostname or ""

    async def on_response(response: httpx.Response) -> None:
        statuses.append(response.status_code)

    waiting = watcher.expect(address)
    client = httpx.AsyncClient(
        transport=MappedTransport(target.routes, target.ssl_context),
        follow_redirects=True,
        timeout=target.timeout_s,
        event_hooks={"response": [on_response]},
    )
    outcome.begin(STEPS[0])
    try:
        async with client, asyncio.timeout(target.timeout_s):
            page = read_page(await client.get(f"{target.etukortti}/sv/login?create=1"))
            expect(page, target.signin_host, "/sv/register", "Skapa S-inloggning")
            form = page.form_with("email")
            outcome.begin(STEPS[1])
            submitted = time.perf_counter()
            page = read_page(await client.post(form.action, data={**form.fields, "email": address}))
            if page.status == 503:
                raise SignInFailed("code mail not sent (503)", page.where())
            expect(page, target.signin_host, "/sv/login/code", "address submitted")
            outcome.begin(STEPS[2])
            code = await waiting
            outcome.email_s = time.perf_counter() - submitted
            outcome.begin(STEPS[3])
            form = page.form_with("code")
            page = read_page(await client.post(form.action, data={**form.fields, "code": code}))
            expect(page, target.signin_host, "/sv/link-card", "code submitted")
            if SKIP_LINK not in page.links:
                raise SignInFailed(f"no {SKIP_LINK!r} link on the card-linking offer")
            outcome.begin(STEPS[4])
            page = read_page(await client.get(page.links[SKIP_LINK]))
            expect(page, account_site, "/sv/profile", "card linking skipped")
            shown = page.details.get("E-postadress", "")
            if shown != address:
                raise SignInFailed("profile shows another address", f"{shown!r} for {address}")
            outcome.begin("")
        outcome.ok = True
    except SignInFailed as exc:
        outcome.error, outcome.detail = exc.kind, exc.detail
    except TimeoutError:
        outcome.error = f"deadline passed while {outcome.step}"
    except httpx.HTTPError as exc:
        outcome.error = f"{type(exc).__name__} while {outcome.step}"
        outcome.detail = str(exc)[:200]
    except AssertionError as exc:  # one_time_code: not exactly one code in the mail
        outcome.error, outcome.detail = "code email unreadable", str(exc)[:200]
    finally:
        watcher.forget(address)
        outcome.total_s = time.perf_counter() - started
    return outcome


# --- the run -----------------------------------------------------------------------------


@dataclass
class MailCheck:
    lost: list[str]
    duplicated: dict[str, int]
    strays: int

    @property
    def ok(self) -> bool:
        return not self.lost and not self.duplicated


def check_mail(addresses: list[str], counts: Mapping[str, int]) -> MailCheck:
    """Every address must hold exactly one message; messages to anyone else are strays."""
    ours = {a.lower() for a in addresses}
    return MailCheck(
        lost=sorted(a for a in ours if counts.get(a, 0) == 0),
        duplicated={a: counts[a] for a in sorted(ours) if counts.get(a, 0) > 1},
        strays=sum(n for a, n in counts.items() if a not in ours),
    )


async def run_load(
    environment: Environment, n: int, concurrency: int, timeout_s: float
) -> dict[str, typing.Any]:
    context = ssl.create_default_context(cafile=environment.ca_file)
    target = Target(
        environment.etukortti.public_url,
        environment.signin.host,
        site_routes(environment),
        context,
        timeout_s,
    )
    run_id = uuid.uuid4().hex[:8]
    addresses = [f"load.{run_id}.{i:04d}@example.com" for i in range(n)]
    gate = asyncio.Semaphore(concurrency)

    async def limited(address: str) -> Outcome:
        async with gate:
            return await sign_in(target, watcher, address)

    async with httpx.AsyncClient(base_url=environment.mailpit.api_url, timeout=30) as mailpit:
        watcher = CodeWatcher(mailpit)
        watching = asyncio.create_task(watcher.run())
        cpu, started = time.process_time(), time.perf_counter()
        outcomes = await asyncio.gather(*(limited(a) for a in addresses))
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        watcher.stop()
        await watching
        mail = check_mail(addresses, await watcher.count_all())
    ok = [o for o in outcomes if o.ok]
    statuses = Counter(s for o in outcomes for s in o.statuses)
    return {
        "n": n,
        "concurrency": concurrency,
        "timeout_s": timeout_s,
        "cpus": os.cpu_count(),
        "wall_s": round(wall, 2),
        "client_cpu_s": round(cpu, 2),
        "succeeded": len(ok),
        "failed": n - len(ok),
        "throughput_per_s": round(len(ok) / wall, 2),
        "sign_in_ms": spread_ms([o.total_s for o in ok]),
        "email_latency_ms": spread_ms([o.email_s for o in outcomes if o.email_s is not None]),
        "steps_ms": {step: spread_ms([o.steps[step] for o in ok]) for step in STEPS},
        "errors": dict(Counter(o.error for o in outcomes if not o.ok).most_common()),
        "http_statuses": {str(k): v for k, v in sorted(statuses.items())},
        "rate_limited": statuses.get(429, 0),
        "mail": {**asdict(mail), "ok": mail.ok},
        "mailpit_requests": watcher.requests,
        "messages_seen_by_watcher": sum(watcher.delivered.values()),
        "mailpit_poll_errors": dict(watcher.poll_errors),
        "failures": [
            {k: v for k, v in asdict(o).items() if k != "step_started"}
            for o in outcomes
            if not o.ok
        ][:20],
    }


def print_result(result: dict[str, typing.Any]) -> None:
    def line(label: str, figures: dict[str, float]) -> str:
        return f"{label}: " + ", ".join(f"{k} {v:.0f} ms" for k, v in figures.items())

    print(
        f"{result['succeeded']}/{result['n']} sign-ins at concurrency {result['concurrency']} "
        f"in {result['wall_s']} s: {result['throughput_per_s']} sign-ins/s "
        f"(this client used {result['client_cpu_s']} s CPU of {result['cpus']} cores)"
    )
    print(line("complete sign-in", result["sign_in_ms"]))
    print(line("email latency (address submitted → code readable)", result["email_latency_ms"]))
    for step, figures in result["steps_ms"].items():
        print(line(f"  {step}", figures))
    mail = result["mail"]
    print(
        f"mail: {len(mail['lost'])} lost, {len(mail['duplicated'])} duplicated, "
        f"{mail['strays']} to other addresses; {result['mailpit_requests']} Mailpit requests"
    )
    if result["mailpit_poll_errors"]:
        print(f"Mailpit polls that failed: {result['mailpit_poll_errors']}")
    print(f"HTTP statuses seen: {result['http_statuses']}")
    if result["rate_limited"]:
        print(
            f"RATE LIMITED: the stubs answered 429 {result['rate_limited']} time(s); "
            "nothing here retries or spreads clients to get round it."
        )
    for kind, count in result["errors"].items():
        print(f"error × {count}: {kind}")
    for failure in result["failures"][:5]:
        print(f"  e.g. {failure['address']}: {failure['error']} {failure['detail']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200, help="sign-ins in all")
    parser.add_argument("--concurrency", type=int, help="sign-ins at once (default: all N)")
    # All 200 at once keep each sign-in open for the whole run: about a minute on a busy
    # 2-core machine, so the default deadline leaves room for that.
    parser.add_argument("--timeout", type=float, default=120.0, help="deadline of a sign-in, s")
    args = parser.parse_args()
    if args.n < 1:
        parser.error("--n must be at least 1")
    concurrency = max(1, min(args.concurrency or args.n, args.n))
    with shared_world() as shared:
        result = asyncio.run(run_load(shared.environment, args.n, concurrency, args.timeout))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "load.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print_result(result)
    print(f"written: {(OUT / 'load.json').relative_to(PROJECT_ROOT)}")
    return 0 if result["failed"] == 0 and result["mail"]["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
