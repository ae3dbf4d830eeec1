"""`briefing serve`: the dashboard in a browser, through textual-serve, read in Chromium.

The page draws the terminal on a canvas (xterm.js), so the test reads what the terminal is
sent: an init script keeps every byte the page's WebSocket receives, and the test looks
for the briefing's words in it once escape sequences are taken out.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .clients import CHROMIUM_ARGS, chromium

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "briefing.yaml"

KEEP_TERMINAL_BYTES = r"""
window.__terminal = "";
const Native = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new Native(...args);
  socket.addEventListener("message", (event) => {
    if (typeof event.data !== "string") {
      window.__terminal += new TextDecoder().decode(new Uint8Array(event.data));
    }
  });
  return socket;
};
window.WebSocket.prototype = Native.prototype;
// What the terminal was sent, without escape sequences (colours, cursor moves).
window.__text = () => window.__terminal
  .replace(/\x1b\[[0-9;?<>=]*[ -\/]*[@-~]/g, "")
  .replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, "");
"""

ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped: {process.stderr.read() if process.stderr else ''}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)  # polling a port that is not open yet: there is no event to wait on
    raise AssertionError(f"nothing listens on port {port} after {timeout} s")


def screen_text(page) -> str:
    return ESCAPES.sub("", page.evaluate("window.__terminal"))


@pytest.fixture
def server():
    port = free_port()
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "serve", str(BUNDLED), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
        start_new_session=True,  # its dashboards too: the whole group is stopped at the end
    )
    try:
        wait_for_port(port, process)
        yield port, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def test_serve_shows_the_dashboard_in_chromium_and_answers_keys(server):
    port, process = server
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the test extra) is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.add_init_script(KEEP_TERMINAL_BYTES)
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_function(
                "window.__terminal && window.__text().includes('Russia seeks to reinforce')", timeout=60_000
            )
            assert "Bases Operated" in screen_text(page)
            page.click(".textual-terminal")
            page.keyboard.press("7")  # the Sources pane
            page.wait_for_function("window.__text().includes('Cited by (7)')", timeout=30_000)
            page.keyboard.press("1")
            page.keyboard.press("Enter")  # the first bullet's first citation: source [1]
            page.wait_for_function("window.__text().includes('From Bases Operated')", timeout=30_000)
            assert "citation 1 of 2" in screen_text(page)
        finally:
            browser.close()
    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(timeout=15) is not None  # stopped cleanly on ^C
    said = process.stderr.read() if process.stderr else ""
    assert "this machine only" in said and "Traceback" not in said


def test_serve_warns_when_it_listens_beyond_this_machine(tmp_path):
    """Bound to every address, it says who can read the briefings (checked without serving:
    the warning comes before the server starts)."""
    from briefing import cli

    said = []

    class Server:
        def __init__(self, command, host, port, title):
            said.append((command, host, port))

        def serve(self):
            pass

    import textual_serve.server

    original = textual_serve.server.Server
    textual_serve.server.Server = Server
    try:
        import contextlib
        import io

        errors = io.StringIO()
        with contextlib.redirect_stderr(errors):
            assert cli.main(["serve", str(BUNDLED), "--host", "0.0.0.0", "--port", "8123"]) == 0
    finally:
        textual_serve.server.Server = original
    assert "warning: serving on 0.0.0.0: anyone who can reach this address can read the briefings" in errors.getvalue()
    assert said and said[0][1:] == ("0.0.0.0", 8123) and str(BUNDLED) in said[0][0]
