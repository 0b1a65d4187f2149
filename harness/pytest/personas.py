"""The scenario's personas and the device and cookie policy they start on.

A `@device:NAME` or `@cookies:NAME` tag comes first, then the device of a `@matrix` run,
then the options; Given steps may change a persona's device later.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from harness.clients.inbox import MailpitClient
from harness.config import HarnessConfig
from harness.cookie_policies import cookie_policy
from harness.devices import device
from harness.matrix import preset
from harness.personas import PersonaBook, shared_faker
from harness.pytest.early_start import is_bdd_run
from harness.pytest.options import harness_settings

# Faker being imported in the background (see pytest_sessionstart), joined by `personas`.
_FAKER_LOADING = pytest.StashKey[threading.Thread]()

# Tag prefix: the mark it becomes and the check of the name after the prefix.
TAG_MARKS: dict[str, tuple[str, Callable[[str], object]]] = {
    "device:": ("harness_device", device),
    "cookies:": ("harness_cookies", cookie_policy),
}


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: Callable[..., object]) -> bool | None:
    """`@device:NAME` and `@cookies:NAME` pin a scenario's browser. Their names are checked
    at collection, with the file and line (harness/pytest/authoring.py)."""
    for prefix, (mark, _check) in TAG_MARKS.items():
        if tag.startswith(prefix):
            getattr(pytest.mark, mark)(tag.removeprefix(prefix))(function)
            return True
    return None


@pytest.fixture(autouse=True)
def matrix_device(request: pytest.FixtureRequest) -> str | None:
    """The device of this run of a `@matrix` scenario (None for other tests)."""
    return getattr(request, "param", None)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "matrix_device" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "matrix"
    ):
        chosen = preset(harness_settings(metafunc.config).matrix)
        metafunc.parametrize("matrix_device", chosen.devices, indirect=True, ids=chosen.devices)


def scenario_defaults(
    request: pytest.FixtureRequest, config: HarnessConfig, matrix: str | None
) -> tuple[str, str]:
    """Device and cookie policy before any Given step: tag, then matrix, then options."""
    device_mark = request.node.get_closest_marker("harness_device")
    cookies_mark = request.node.get_closest_marker("harness_cookies")
    chosen_device = device_mark.args[0] if device_mark else matrix or config.default_device
    chosen_policy = cookies_mark.args[0] if cookies_mark else config.default_cookie_policy
    return chosen_device, chosen_policy


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """A BDD run imports Faker (~0.15 s of CPU) while its world starts and its browser
    launches, in a thread, instead of in front of the first scenario's first persona."""
    if is_bdd_run(session.config):
        loading = threading.Thread(target=shared_faker, name="faker-import", daemon=True)
        loading.start()
        session.config.stash[_FAKER_LOADING] = loading


@pytest.fixture
def personas(
    inbox: MailpitClient,
    harness_config: HarnessConfig,
    matrix_device: str | None,
    request: pytest.FixtureRequest,
) -> Iterator[PersonaBook]:
    chosen_device, chosen_policy = scenario_defaults(request, harness_config, matrix_device)
    loading = request.config.stash.get(_FAKER_LOADING, None)
    if loading is not None:
        loading.join()  # then PersonaBook finds the Faker made; if it failed, it tries again
    target = harness_config.target
    book = PersonaBook(
        inbox,
        device=chosen_device,
        cookie_policy=chosen_policy,
        mail_domain=target.mail_domain,
        users=target.users,
    )
    yield book
    # Every browser each persona used is recorded by harness.pytest.diagnosis.
    book.clean_up()
