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
        stop(process)


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
            page.wait_for_function("window.__terminal && window.__text().includes('Russia seeks to reinforce')", timeout=60_000)
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


def start_serving(*arguments: str) -> tuple[subprocess.Popen, str]:
    """`briefing serve …` in a process group of its own, and the URL it printed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "serve", str(BUNDLED), *arguments],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,
    )
    said = ""
    while process.poll() is None:
        line = process.stderr.readline()
        said += line
        found = re.search(r"http://\S+/(?:\?token=[\w-]+)?", line)
        if found:
            return process, found.group(0)
    raise AssertionError(f"the server stopped: {said}{process.stderr.read()}")


def stop(process: subprocess.Popen) -> str:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.stderr.read() if process.stderr else ""


def test_a_busy_port_is_one_line_and_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "briefing", "serve", str(BUNDLED), "--port", str(port)], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 2
    assert result.stderr == f"briefing serve: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def get(url: str, cookies: dict | None = None) -> tuple[int, dict]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


async def websocket_answers(url: str, cookies: dict | None = None) -> bool:
    """Whether a WebSocket at ``url`` opens and the dashboard behind it sends its screen."""
    import aiohttp

    async with aiohttp.ClientSession(cookies=cookies) as session:
        try:
            async with session.ws_connect(url, timeout=aiohttp.ClientWSTimeout(ws_close=30)) as socket_:
                message = await socket_.receive(timeout=60)
                return message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT)
        except aiohttp.WSServerHandshakeError as error:
            assert error.status == 403
            return False


def test_port_0_picks_a_free_port_and_says_which():
    process, url = start_serving("--port", "0")
    try:
        port = int(re.search(r":(\d+)/", url).group(1))
        assert port != 0 and url == f"http://127.0.0.1:{port}/"
        assert get(url)[0] == 200  # on this machine only: no token asked
    finally:
        said = stop(process)
    assert "Traceback" not in said


async def test_beyond_this_machine_every_request_needs_the_token():
    """Listening on every address, the server refuses any HTTP or WebSocket request without
    the token it printed; the page's own requests carry it in a cookie set with the page."""
    import asyncio

    process, url = start_serving("--host", "0.0.0.0", "--port", "0")
    try:
        token = url.partition("?token=")[2]
        assert len(token) >= 24
        port = int(re.search(r":(\d+)/", url).group(1))
        base = f"http://127.0.0.1:{port}"
        for path in ("/", "/static/js/textual.js", "/static/css/xterm.css", "/download/x", "/?token=wrong"):
            assert get(base + path)[0] == 403, path
        status, headers = get(f"{base}/?token={token}")
        assert status == 200 and "briefing_token=" in headers.get("Set-Cookie", "") and "HttpOnly" in headers["Set-Cookie"]
        assert get(base + "/static/js/textual.js", {"briefing_token": token})[0] == 200
        assert not await websocket_answers(f"ws://127.0.0.1:{port}/ws?width=80&height=24")
        assert await asyncio.wait_for(websocket_answers(f"ws://127.0.0.1:{port}/ws?width=80&height=24", {"briefing_token": token}), 90)
    finally:
        said = stop(process)
    assert "Traceback" not in said


def test_a_given_token_is_the_one_asked_for():
    process, url = start_serving("--port", "0", "--token", "my-own-token")
    try:
        assert url.endswith("/?token=my-own-token")
        port = int(re.search(r":(\d+)/", url).group(1))
        assert get(f"http://127.0.0.1:{port}/")[0] == 403 and get(url)[0] == 200
    finally:
        stop(process)


def test_the_page_loads_nothing_from_outside_this_machine():
    process, url = start_serving("--host", "0.0.0.0", "--port", "0")
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the test extra) is not installed")
    port = int(re.search(r":(\d+)/", url).group(1))
    local = url.replace("0.0.0.0", "127.0.0.1")
    requests: list[str] = []
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page(viewport={"width": 1200, "height": 800})
                page.on("request", lambda request: requests.append(request.url))
                page.on("websocket", lambda socket_: requests.append(socket_.url))
                page.add_init_script(KEEP_TERMINAL_BYTES)
                page.goto(local)
                page.wait_for_function("window.__terminal && window.__text().includes('Russia seeks to reinforce')", timeout=60_000)
            finally:
                browser.close()
    finally:
        stop(process)
    outside = [request for request in requests if not request.startswith((f"http://127.0.0.1:{port}/", f"ws://127.0.0.1:{port}/"))]
    assert outside == [] and any(request.startswith("ws://") for request in requests)
