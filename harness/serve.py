"""`./qa serve`: Mailpit and the whole stub world in the foreground, to click through and to
run scenarios against again and again (`./qa bdd --env served`)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from harness.config import PROJECT_ROOT, HarnessConfig
from harness.environment import WORLD_START_MARGIN_S, StartDeadline, world_mailpit_args
from harness.errors import HarnessSetupError
from harness.tools.mailpit import MailpitProcess, ensure_mailpit, external_endpoints
from harness.waiting import WaitTimeout, wait_until

STATE_DIR = PROJECT_ROOT / ".stub-state"


def serve(config: HarnessConfig) -> int:
    """Start Mailpit (unless MAILPIT_URL names one) and the world; print how to use them."""
    target = config.target
    if target.kind != "stub":
        raise HarnessSetupError(
            f"./qa serve starts a stub world, but the chosen environment {target.label} is "
            f"{target.kind}: unset HARNESS_ENV (or SLOGIN_WORLD_MANIFEST) to serve one."
        )
    mailpit: MailpitProcess | None = None
    if target.inbox.api_url:
        endpoints = external_endpoints(target.inbox.api_url, target.inbox.smtp)
    else:
        mailpit = MailpitProcess(ensure_mailpit(config.mailpit_bin, config.tools_dir), STATE_DIR)
        endpoints = mailpit.start()
    manifest = STATE_DIR / "world.json"
    manifest.unlink(missing_ok=True)  # a crashed world's manifest would name dead ports
    deadline = StartDeadline.choose(config.world_start_timeout_s)
    command = [
        sys.executable, "-m", "stub_services.world",
        "--state-dir", str(STATE_DIR),
        *world_mailpit_args(endpoints),
        "--startup-timeout", f"{deadline.seconds:g}",
    ]  # fmt: skip
    world = subprocess.Popen(command, cwd=PROJECT_ROOT)
    # A SIGTERM (a service manager, `timeout`) shuts down as cleanly as Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if _ready(world, manifest, deadline):
            print(
                f"Mailpit inbox: {endpoints.api_url} (API and web UI), "
                f"SMTP {endpoints.smtp_host}:{endpoints.smtp_port}\n"
                "Run scenarios against this world from another terminal (it keeps its "
                "data; a scenario starts in seconds):\n"
                "  ./qa bdd --env served\n"
                f"  (or set SLOGIN_WORLD_MANIFEST={manifest}: it names the Mailpit too)",
                flush=True,
            )
        return world.wait()
    except KeyboardInterrupt:
        world.send_signal(signal.SIGINT)
        return world.wait()
    finally:
        if mailpit is not None:
            mailpit.stop()


def _ready(world: subprocess.Popen[bytes], manifest: Path, deadline: StartDeadline) -> bool:
    """Wait for the world's manifest; False when the world ended first (it said why)."""

    def written() -> bool | None:
        if world.poll() is not None:
            return False
        return True if manifest.exists() else None

    try:
        return wait_until(
            written,
            timeout_s=deadline.seconds + WORLD_START_MARGIN_S,
            what=f"the stub world to start (deadline {deadline.why})",
            describe=lambda: "See its output above.",
            max_interval_s=0.5,
        )
    except WaitTimeout as exc:
        print(f"qa: {exc}", file=sys.stderr)
        return False


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
