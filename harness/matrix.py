"""Named device matrices for `@matrix` scenarios, and deterministic sharding of a run."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from harness.devices import DEVICES
from harness.lookup import named


@dataclass(frozen=True)
class Preset:
    """Which devices every `@matrix` scenario runs on."""

    name: str
    devices: tuple[str, ...]
    purpose: str


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        Preset(
            "default",
            ("samsung-s24-internet-29",),
            "every run: the phone the support text names",
        ),
        Preset(
            "mobile",
            ("samsung-s24-internet-29", "samsung-s9plus-internet-27", "pixel-7-chrome"),
            "phones only",
        ),
        Preset("nightly", tuple(DEVICES), "every device profile"),
    )
}


def preset(name: str) -> Preset:
    return named(PRESETS, name, "matrix preset", "presets")


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `count` (1-based), chosen by a stable hash of each test id."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        try:
            index_text, count_text = text.split("/")
            index, count = int(index_text), int(count_text)
        except ValueError:
            raise ValueError(f"--shard {text!r}: write it as I/N, e.g. 2/4") from None
        if not 1 <= index <= count:
            raise ValueError(f"--shard {text!r}: I must be between 1 and N")
        return cls(index, count)

    def owns(self, nodeid: str) -> bool:
        # crc32 rather than hash(): the same on every machine and every Python process.
        return zlib.crc32(nodeid.encode()) % self.count == self.index - 1
