"""The outside clients the tests run: where they are, and a skip that names why (but never
in CI, which must have every one: `make` installs them)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from queue import Empty, Queue
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"


def require(condition: bool, why: str) -> None:
    """Skip a test whose client is missing; in CI, fail instead: CI must have them all."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must have this client: {why}")
    pytest.skip(why)


def node_package(name: str) -> Path:
    path = NODE_MODULES / name
    require(shutil.which("node") is not None, "node is not installed")
    require(path.exists(), f"the npm package {name} is not installed (run `npm ci`, which `make` does when npm is present)")
    return path


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    require(path is not None, "Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)")
    return path  # type: ignore[return-value]


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class LanguageServer:
    """A language server over stdio, spoken to as an editor does (JSON-RPC, LSP framing)."""

    def __init__(self, command: list[str], root: Path, settings: dict) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.settings = settings
        self.messages: Queue[dict] = Queue()
        self.diagnostics: dict[str, list[list[dict]]] = {}
        self._next_id = 0
        self._responses: dict[int, Any] = {}
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "completion": {"completionItem": {"snippetSupport": True}},
                        "publishDiagnostics": {},
                        "hover": {"contentFormat": ["plaintext"]},
                    },
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def _send(self, payload: dict) -> None:
        body = json.dumps(payload).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if length is None:
                continue
            message = json.loads(stream.read(length))
            if message.get("method") == "workspace/configuration":  # the server asks for its settings
                items = message["params"]["items"]
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": [self.settings.get(i.get("section", ""), {}) for i in items]})
            elif "id" in message and "method" in message:  # any other request: a polite empty answer
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif message.get("method") == "textDocument/publishDiagnostics":
                with self._lock:
                    self.diagnostics.setdefault(message["params"]["uri"], []).append(message["params"]["diagnostics"])
            elif "id" in message:
                with self._lock:
                    self._responses[message["id"]] = message
            self.messages.put(message)

    def request(self, method: str, params: dict, timeout: float = 30) -> Any:
        self._next_id += 1
        ident = self._next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if ident in self._responses:
                    return self._responses.pop(ident).get("result")
            with contextlib.suppress(Empty):
                self.messages.get(timeout=0.1)
        raise TimeoutError(f"no answer to {method}")

    def notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def open(self, uri: str, text: str) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})

    def wait_for_diagnostics(self, uri: str, condition=lambda diagnostics: True, timeout: float = 30) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                for diagnostics in self.diagnostics.get(uri, []):
                    if condition(diagnostics):
                        return diagnostics
            with contextlib.suppress(Empty):
                self.messages.get(timeout=0.1)
        raise TimeoutError(f"no diagnostics for {uri}: {self.diagnostics.get(uri)}")

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=5)
            self.notify("exit", {})
            self.process.wait(timeout=5)
        except Exception:
            self.process.kill()
