"""One shared watcher of Mailpit's new messages, handing each code to the sign-in waiting
for that exact address, so Mailpit sees a steady trickle of requests however many wait."""

from __future__ import annotations

import asyncio
import contextlib
import typing
from collections import Counter

import httpx

from harness.clients.inbox import one_time_code

MAILPIT_PAGE = 100


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
