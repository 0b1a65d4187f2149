"""`./qa grid start|stop|status` and the bad states it explains, and the Grid client's
capabilities: what a session asks a node for."""

from __future__ import annotations

import socket
import stat
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from harness.browsers.grid import GridBrowser, GridLauncher
from harness.config import PROJECT_ROOT, HarnessConfig
from harness.cookie_policies import cookie_policy
from harness.errors import HarnessSetupError
from harness.grid import command
from harness.grid.client import (
    NODE_CAPABILITY,
    GridClient,
    GridNode,
    GridSession,
    chrome_capabilities,
    flat_prefs,
)
from harness.grid.install import GridTools, check_versions, find_java, find_maven
from harness.grid.local import GridState, LocalGrid, group_members, plan_ports


def test_policy_preferences_become_dotted_keys_with_site_patterns_kept_whole() -> None:
    prefs = cookie_policy("block-signin-site").preferences("https://login.s-ryhma.test")
    assert flat_prefs(prefs) == {
        "profile.default_content_setting_values.cookies": 1,
        "profile.cookie_controls_mode": 0,
        "profile.content_settings.exceptions.cookies": {
            "https://login.s-ryhma.test:443,*": {"setting": 2}
        },
        "history.saving_disabled": True,
    }


def test_a_pinned_session_names_its_node() -> None:
    capabilities = chrome_capabilities(["--headless=new"], {}, node_label="node-b")
    assert capabilities[NODE_CAPABILITY] == "node-b"
    assert capabilities["goog:chromeOptions"]["args"] == ["--headless=new"]
    assert NODE_CAPABILITY not in chrome_capabilities([], {})


def test_a_busy_port_stops_the_start_naming_it_and_the_way_out() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(HarnessSetupError) as refused:
            plan_ports(port, 2)
    message = str(refused.value)
    assert f"{port} (hub)" in message
    assert "./qa grid status" in message
    assert "--port" in message


def fake_binary(folder: Path, name: str, output: str) -> str:
    path = folder / name
    path.write_text(f"#!/bin/sh\necho '{output}'\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_a_driver_of_another_version_stops_with_both_versions(tmp_path: Path) -> None:
    chromium = fake_binary(tmp_path, "chromium", "Chromium 156.0.8078.129 built on Debian")
    driver = fake_binary(tmp_path, "chromedriver", "ChromeDriver 150.0.7000.1 (abc)")
    with pytest.raises(HarnessSetupError) as refused:
        check_versions(chromium, driver)
    message = str(refused.value)
    assert "chromedriver 150.0.7000.1" in message
    assert "Chromium 156.0.8078.129" in message
    assert "apt-get install -y chromium chromium-driver" in message
    same = fake_binary(tmp_path, "driver2", "ChromeDriver 156.0.8078.129 (abc)")
    assert check_versions(chromium, same) == "156.0.8078.129"


def test_missing_java_or_maven_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(HarnessSetupError, match=r"Java .* apt-get install -y openjdk-17"):
        find_java()
    with pytest.raises(HarnessSetupError, match=r"Maven .* apt-get install -y maven"):
        find_maven()


def node_replaced(grid_tools: GridTools, tmp_path: Path, node: str) -> GridTools:
    """The Grid's tools with a `java` that runs the shell command `node` in place of a node
    (the hub is the real one)."""
    java = tmp_path / "java"
    java.write_text(
        f'#!/bin/sh\ncase "$*" in *" node "*) {node};; esac\nexec {grid_tools.java} "$@"\n'
    )
    java.chmod(0o755)
    return GridTools(str(java), grid_tools.jars, grid_tools.chromium,
                     grid_tools.chromedriver, grid_tools.version)  # fmt: skip


def test_a_node_that_never_registers_stops_the_start_and_leaves_nothing(
    grid_tools: GridTools, tmp_path: Path
) -> None:
    """The hub starts; the 'node' is a process that never registers. The start gives up,
    names the node and shows its log, and ends both processes."""
    # Keeps its arguments (the node's config file), as a stuck node would.
    sleeper = f'{sys.executable} -c "import time; time.sleep(300)"'
    never = f'echo "node cannot reach the bus"; exec {sleeper} "$@"'
    tools = node_replaced(grid_tools, tmp_path, never)
    grid = LocalGrid(tmp_path / "run")
    with pytest.raises(HarnessSetupError) as refused:
        grid.start(tools, nodes=1, port=0, end_with_us=True, timeout_s=10)
    message = str(refused.value)
    assert "waiting for ['node-a']" in message, message
    assert "node cannot reach the bus" in message, message
    assert grid.state() is None, "a failed start must leave no state behind"


def test_a_node_that_exits_while_starting_is_named_with_its_status_and_log(
    grid_tools: GridTools, tmp_path: Path
) -> None:
    """Whether a process ended is read from its exit status, not from /proc: a Java
    launcher read right after it started has an empty command line in most starts here,
    which used to read as "exited" and failed a good start now and then."""
    tools = node_replaced(grid_tools, tmp_path, 'echo "no display for the node"; exit 3')
    grid = LocalGrid(tmp_path / "run")
    with pytest.raises(HarnessSetupError) as refused:
        grid.start(tools, nodes=1, port=0, end_with_us=True, timeout_s=60)
    message = str(refused.value)
    assert "node-a exited while starting (status 3)" in message, message
    assert "no display for the node" in message, message
    assert grid.state() is None, "a failed start must leave no state behind"


def test_qa_grid_start_status_stop_ends_exactly_what_it_started(
    grid_tools: GridTools, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    grid = LocalGrid(tmp_path / "grid-run")
    monkeypatch.setattr(command, "run_dir", lambda _config: grid)
    config = HarnessConfig.from_env()
    assert command.main(["status"], config) == 1
    assert command.main(["start", "--port", "0", "--nodes", "1"], config) == 0
    try:
        state = grid.state()
        assert state is not None
        assert command.main(["status"], config) == 0
        shown = capsys.readouterr().out
        assert "node-a" in shown, shown
        assert "up, 0 of 4 slots in use" in shown, shown
        with pytest.raises(HarnessSetupError, match="is running at"):
            command.main(["start", "--port", "0"], config)
    finally:
        assert command.main(["stop"], config) == 0
    assert "stopped hub" in capsys.readouterr().out
    for process in state.processes:
        assert not group_members(process.pid), f"{process.label} left processes running"
    assert grid.state() is None
    assert command.main(["stop"], config) == 0
    assert "nothing to stop" in capsys.readouterr().out


def test_sessions_land_on_both_nodes(local_grid: GridState) -> None:
    client = GridClient(local_grid.url)
    capabilities = chrome_capabilities(["--headless=new", "--no-sandbox"], {})
    sessions = [client.open(capabilities, f"probe {n}") for n in range(2)]
    try:
        nodes = {s.node_name for s in sessions}
        assert nodes == {"node-a", "node-b"}, f"both sessions on {nodes}"
        pinned = client.open({**capabilities, NODE_CAPABILITY: "node-a"}, "pinned probe")
        sessions.append(pinned)
        assert pinned.node_name == "node-a"
    finally:
        for session in sessions:
            client.delete(session.session_id)
        client.close()


def test_the_nightly_workflow_can_run_on_a_grid() -> None:
    text = (PROJECT_ROOT / ".github" / "workflows" / "nightly.yml").read_text()
    assert "grid:\n        description:" in text
    assert "grid_url:" in text
    assert "HARNESS_GRID_URL: ${{ inputs.grid_url }}" in text
    assert 'run: |\n          PATH="$CHROMEWEBDRIVER:$PATH" ./qa grid start' in text
    assert "if: ${{ always() && inputs.grid }}\n        run: ./qa grid stop" in text


def test_no_grid_at_the_url_says_how_to_start_one() -> None:
    client = GridClient("http://127.0.0.1:9")
    with pytest.raises(HarnessSetupError, match=r"No Selenium Grid answers .*`\./qa grid start`"):
        client.check()
    client.close()


class TwoUnlabelledNodes:
    url = "http://grid.example:4444"

    def nodes(self) -> list[GridNode]:
        return [GridNode(f"http://10.0.0.{n}:5555", None, True, 4) for n in (1, 2)]


def test_a_restart_that_cannot_find_its_profiles_node_is_refused_with_the_reason() -> None:
    launcher = GridLauncher.__new__(GridLauncher)
    launcher.client = cast(GridClient, TwoUnlabelledNodes())
    node = TwoUnlabelledNodes().nodes()[0]
    session = GridSession("s1", "ws://grid.example/cdp", node, {})
    old = cast(GridBrowser, SimpleNamespace(session=session, node=node.name))
    with pytest.raises(HarnessSetupError, match=r"has no 'harness:node' in its stereotype"):
        launcher.relaunch(old)
