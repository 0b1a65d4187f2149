"""What a local Selenium Grid needs: Java, the pinned Grid from Maven Central, a matching
chromedriver and Chromium. Each missing piece stops with its cause and the way out."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from harness.errors import HarnessSetupError
from harness.tools.chromium import _can_apt_install

GRID_VERSION = "4.47.0"
GRID_ARTIFACT = ("org.seleniumhq.selenium", "selenium-grid")
# Debian's packages: chromedriver of the same build as the browser.
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
SYSTEM_CHROMEDRIVER = Path("/usr/bin/chromedriver")

POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>s-login-harness</groupId>
  <artifactId>selenium-grid-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>{group}</groupId>
      <artifactId>{artifact}</artifactId>
      <version>{version}</version>
    </dependency>
  </dependencies>
</project>
"""


@dataclass(frozen=True)
class GridTools:
    """Everything `./qa grid start` runs: the JVM, the Grid's jars, Chromium and its driver."""

    java: str
    jars: Path
    chromium: str
    chromedriver: str
    version: str

    @property
    def classpath(self) -> str:
        return f"{self.jars}/*"


def _which(name: str, what: str, way_out: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise HarnessSetupError(f"{what} is missing: `{name}` is not on PATH. {way_out}")
    return found


def find_java() -> str:
    return _which(
        "java",
        "Java (17 or newer), which runs Selenium Grid,",
        "Install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless), then run "
        "the command again.",
    )


def find_maven() -> str:
    return _which(
        "mvn",
        "Maven, which fetches Selenium Grid from Maven Central,",
        "Install it (Debian/Ubuntu: apt-get install -y maven), then run the command again.",
    )


def grid_jars(tools_dir: Path, version: str = GRID_VERSION) -> Path:
    return tools_dir / f"selenium-grid-{version}"


def ensure_grid_jars(
    tools_dir: Path, version: str = GRID_VERSION, log: Callable[[str], None] = print
) -> Path:
    """The pinned Grid's jars, fetched once with Maven into .tools/selenium-grid-VERSION."""
    target = grid_jars(tools_dir, version)
    done = target / ".complete"
    if done.exists():
        return target
    mvn = find_maven()
    group, artifact = GRID_ARTIFACT
    log(f"qa: fetching {group}:{artifact}:{version} with Maven into {target}")
    with tempfile.TemporaryDirectory() as work:
        pom = Path(work) / "pom.xml"
        pom.write_text(POM.format(group=group, artifact=artifact, version=version))
        fetched = Path(work) / "jars"
        result = subprocess.run(
            [mvn, "-q", "-B", "-f", str(pom), "dependency:copy-dependencies",
             f"-DoutputDirectory={fetched}"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        jars = sorted(fetched.glob("*.jar"))
        if result.returncode != 0 or not any(j.name.startswith(artifact) for j in jars):
            raise HarnessSetupError(
                f"Maven could not fetch {group}:{artifact}:{version} (exit "
                f"{result.returncode}):\n{(result.stdout + result.stderr).strip()[-1500:]}\n"
                "Check that Maven Central (repo.maven.apache.org) is reachable, or a mirror "
                "in ~/.m2/settings.xml, then run the command again."
            )
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(fetched, target)
    done.write_text(f"{len(jars)} jars\n")
    return target


def browser_version(binary: str) -> str:
    """`156.0.8078.129` from `chromium --version` or `chromedriver --version`."""
    try:
        result = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise HarnessSetupError(f"`{binary} --version` failed: {exc}") from exc
    found = re.search(r"\b(\d+\.\d+\.\d+\.\d+)\b", result.stdout)
    if found is None:
        raise HarnessSetupError(
            f"`{binary} --version` printed no version: {result.stdout.strip()[:200]}"
        )
    return found.group(1)


def _apt_install(*packages: str, log: Callable[[str], None]) -> None:
    log(f"qa: installing {' '.join(packages)} (apt-get)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise HarnessSetupError(
                f"'{' '.join(command)}' failed (exit {result.returncode}):\n"
                f"{result.stderr.strip()[-1500:]}"
            )


def ensure_chromedriver(
    chromium_path: str | None = None, log: Callable[[str], None] = print
) -> tuple[str, str]:
    """Chromium for the nodes and its chromedriver, installed on Debian as root when missing.

    The nodes use CHROMIUM_PATH when given, else Debian's /usr/bin/chromium, whose
    chromedriver comes from the same source build (a Playwright-managed Chromium has none).
    """
    chromium = chromium_path or str(SYSTEM_CHROMIUM)
    driver = shutil.which("chromedriver") or (
        str(SYSTEM_CHROMEDRIVER) if SYSTEM_CHROMEDRIVER.exists() else None
    )
    missing = [
        package
        for package, present in (
            ("chromium", Path(chromium).exists() or chromium_path is not None),
            ("chromium-driver", driver is not None),
        )
        if not present
    ]
    if missing and _can_apt_install():
        _apt_install(*missing, log=log)
        driver = shutil.which("chromedriver") or str(SYSTEM_CHROMEDRIVER)
    if not Path(chromium).exists():
        raise HarnessSetupError(
            f"The Grid's nodes need Chromium at {chromium}: install it (Debian/Ubuntu: "
            "apt-get install -y chromium) or set CHROMIUM_PATH."
        )
    if driver is None or not Path(driver).exists():
        raise HarnessSetupError(
            "The Grid's nodes need chromedriver: install it (Debian/Ubuntu: apt-get install -y "
            "chromium-driver, as root; ./qa setup does this) so that `chromedriver` is on PATH."
        )
    return chromium, driver


def check_versions(chromium: str, chromedriver: str) -> str:
    """The browser's version, when its driver is of the same major version (as
    chromedriver itself demands); otherwise an error naming both."""
    browser, driver = browser_version(chromium), browser_version(chromedriver)
    if browser.split(".")[0] != driver.split(".")[0]:
        raise HarnessSetupError(
            f"chromedriver {driver} ({chromedriver}) does not match Chromium {browser} "
            f"({chromium}): a node could start no browser. Install both from one source "
            "(Debian/Ubuntu: apt-get install -y chromium chromium-driver), or point "
            "CHROMIUM_PATH at the Chromium of that driver's version."
        )
    return browser


def ensure_grid_tools(
    tools_dir: Path, chromium_path: str | None = None, log: Callable[[str], None] = print
) -> GridTools:
    """Find or fetch everything a local Grid runs; stop at the first missing piece."""
    java = find_java()
    chromium, driver = ensure_chromedriver(chromium_path, log)
    version = check_versions(chromium, driver)
    jars = ensure_grid_jars(tools_dir, log=log)
    return GridTools(java, jars, chromium, driver, version)
