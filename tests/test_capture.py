"""`briefing capture` and `briefing verify --live`, against a local HTTP server."""

from __future__ import annotations

import difflib
import functools
import hashlib
import http.server
import io
import os
import shutil
import stat
import threading
import zipfile
from pathlib import Path
from typing import ClassVar

import pytest

from briefing.capture import CaptureError, capture, fetch
from briefing.cli import main
from briefing.loader import load
from briefing.saved import verify

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>Port news</title></head><body>
<article><h1>Harbour quiet</h1><p>The harbour master said the outer roads were <em>closed</em> to traffic on Tuesday.</p>
<p>A second paragraph, long enough for a reader to find it an article and not a menu at all.</p></article></body></html>"""


class Handler(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def do_GET(self):
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/streamed":  # no Content-Length: the size is known only as it comes
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>" + b"x" * 5000 + b"</p>")
            return
        status, kind, body = self.pages.get(self.path, (404, "text/html", b"<p>no such page</p>"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def server():
    Handler.pages = {
        "/page": (200, "text/html; charset=utf-8", PAGE),
        "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
        "/big": (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def exercise(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    return tmp_path / "examples" / "exercise.yaml"


def test_capture_writes_a_warc_and_edits_the_briefing_in_place(server, exercise, capsys):
    os.chmod(exercise, 0o640)
    before = exercise.read_text()
    assert main(["capture", f"{server}/redirect", "--source", "5", str(exercise)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("saved/5.warc.gz (") and f"redirected to {server}/page" in out
    after = exercise.read_text()
    diff = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0) if line[:1] in "+-"]
    added = [line for line in diff if not line.startswith(("+++", "---"))]
    assert all(line.startswith("+") for line in added), added  # only lines added: comments, order and formatting kept
    assert [line.split(":")[0] for line in added] == ["+    saved", "+      file", "+      sha256", "+      captured"]
    assert stat.S_IMODE(os.stat(exercise).st_mode) == 0o640
    copy = exercise.parent / "saved" / "5.warc.gz"
    assert f"sha256: {hashlib.sha256(copy.read_bytes()).hexdigest()}" in after
    # The WARC holds the request and response of each hop: the redirect and the page.
    from warcio.archiveiterator import ArchiveIterator

    records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(io.BytesIO(copy.read_bytes()))]
    assert records == [
        ("request", f"{server}/redirect"),
        ("response", f"{server}/redirect"),
        ("request", f"{server}/page"),
        ("response", f"{server}/page"),
    ]
    # Now quote the page: the quote is found in the copy, followed from the redirect.
    quoted = after.replace(
        "    text: Dredging at the inner harbour continues on a reduced schedule.\n    citations: [5]\n",
        "    text: Dredging at the inner harbour continues on a reduced schedule.\n    citations: [5]\n"
        "    quotes:\n      - source: 5\n        text: the outer roads were closed to traffic on Tuesday\n",
    )
    exercise.write_text(quoted.replace("  - id: 5\n", f"  - id: 5\n    url: {server}/redirect\n"))
    loaded = load(exercise)
    result = verify(loaded.briefing, exercise.parent)
    assert result.findings == []
    assert {c.quote.source: c.match.status for c in result.quotes}[5] == "found"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/image", "the page is image/png, not HTML, PDF or plain text"),
        ("/loop", "more than 10 redirects"),
    ],
)
def test_capture_refuses_what_it_cannot_keep_and_writes_nothing(server, exercise, capsys, path, message):
    before = exercise.read_text()
    assert main(["capture", f"{server}{path}", "--source", "5", str(exercise)]) == 2
    assert message in capsys.readouterr().err
    assert exercise.read_text() == before
    assert not (exercise.parent / "saved" / "5.warc.gz").exists()


@pytest.mark.parametrize("path", ["/big", "/streamed"])  # its size declared, or only counted as it comes
def test_capture_refuses_an_oversized_page(server, exercise, path):
    with pytest.raises(CaptureError, match="larger than"):
        capture(f"{server}{path}", 5, exercise, fetcher=functools.partial(fetch, max_bytes=1000))
    assert not (exercise.parent / "saved" / "5.warc.gz").exists()


def test_capture_refuses_other_schemes(exercise, capsys):
    assert main(["capture", "ftp://example.org/x", "--source", "5", str(exercise)]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(CaptureError, match="only http:// and https://"):
        fetch("file:///etc/passwd")


def test_capture_copies_a_wacz_in(exercise, tmp_path, capsys):
    package = tmp_path / "page.wacz"
    with zipfile.ZipFile(package, "w") as wacz:
        wacz.writestr("archive/data.warc.gz", (EXAMPLES / "saved" / "3.warc.gz").read_bytes())
        wacz.writestr("datapackage.json", "{}")
    text = exercise.read_text()
    exercise.write_text(text.replace("      file: saved/3.warc.gz", "      file: saved/3.wacz"))  # rewritten by capture below
    assert main(["capture", str(package), "--source", "3", str(exercise)]) == 0
    after = exercise.read_text()
    assert "file: saved/3.wacz" in after and "captured: 20" in after
    assert (exercise.parent / "saved" / "3.wacz").read_bytes() == package.read_bytes()
    assert verify(load(exercise).briefing, exercise.parent).findings == []


def test_capture_of_an_unknown_source_is_a_usage_error(exercise, capsys, server):
    assert main(["capture", f"{server}/page", "--source", "9", str(exercise)]) == 2
    assert "no source [9]" in capsys.readouterr().err


def test_verify_live_reports_each_quote_there_changed_or_gone(server, exercise, capsys):
    Handler.pages["/story"] = (200, "text/html", PAGE)
    text = exercise.read_text().replace("  - id: 5\n", f"  - id: 5\n    url: {server}/story\n")
    text = text.replace(
        "    citations: [5]\n",
        "    citations: [5]\n    quotes:\n      - source: 5\n        text: the outer roads were closed to traffic on Tuesday\n",
        1,
    )
    text = text.replace("url: https://coastal-news.example/2031/03/01/karsk-lease-talks-stall", f"url: {server}/gone")
    exercise.write_text(text)
    assert main(["verify", "--live", str(exercise)]) == 1
    out = capsys.readouterr().out
    assert '✔ summary:harbour-works "the outer roads were closed to traffic on Tuesday": still there' in out
    assert "✘ summary:lease-talks" in out and "HTTP 404 Not Found" in out
    # The page changes: the words are no longer there, and the closest passage is given.
    Handler.pages["/story"] = (200, "text/html", PAGE.replace(b"<em>closed</em>", b"<em>open</em>"))
    assert main(["verify", "--live", str(exercise)]) == 1
    out = capsys.readouterr().out
    assert (
        "✘ summary:harbour-works \"the outer roads were closed to traffic on Tuesday\": not found on the page; closest: '… said the outer roads were open to traffic on Tuesday. …' (88%)"
        in out
    )
    assert exercise.read_text() == text  # verify changes nothing
