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
import json
import os
import ssl
import time
import typing
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

import httpx

from benchmarks.code_watcher import CodeWatcher
from benchmarks.figures import percentile, spread_ms
from benchmarks.mapped_http import MappedBackend, MappedTransport, site_routes
from benchmarks.pages import Page, SignInFailed, read_page
from benchmarks.world import shared_world
from harness.config import PROJECT_ROOT
from harness.environment import Environment

# The parts that live in their own modules, named here too for the benchmark's own tests.
__all__ = [
    "CodeWatcher",
    "MappedBackend",
    "MappedTransport",
    "check_mail",
    "percentile",
    "read_page",
    "spread_ms",
]

OUT = PROJECT_ROOT / "reports" / "bench"
SKIP_LINK = "Hoppa över"  # the card-linking offer's "skip" link, as a user reads it
STEPS = (
    "opening the Skapa S-inloggning link",  # S-Etukortti → /authorize → the register page
    "submitting the address",  # POST, then the code page
    "waiting for the code email",  # after the code page is shown
    "submitting the code",  # POST, then the card-linking offer
    "skipping card linking",  # → /callback (token, ID token) → Mina uppgifter
)


# --- one complete sign-in ----------------------------------------------------------------


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
