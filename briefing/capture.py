"""Saving a source's page beside the briefing (``briefing capture``) and looking at the live
pages again (``briefing verify --live``).

``capture`` fetches the page over http(s) with timeouts and a size limit, following and recording
redirects, and writes a WARC (request and response records, each hop) under ``saved/``; or copies
a file already saved. Then it writes ``saved:`` into the source, editing the briefing in place
with a round-trip YAML library (ruamel.yaml), so that comments, order and formatting are kept:
a diff of the file shows only the lines added.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import re
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

from .edits import round_trip
from .files import write_atomically
from .saved import SavedError, extract, suffix_of, wacz_warcs

#: The most a page may weigh, and the most redirects followed.
MAX_PAGE_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 10
TIMEOUT_SECONDS = 20.0
USER_AGENT = "briefing-capture/1 (+https://github.com/; saves a cited page for its quotes)"
#: What a captured page may be: what the saved-copy reader can read.
READABLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown", "application/pdf")


class CaptureError(Exception):
    """Why a page or file could not be saved, in a reader's words."""


class Hop(NamedTuple):
    """One request and its response: a redirect, or the page."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]
    body: bytes


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CaptureError(f"{url}: only http:// and https:// pages can be captured")


def fetch(url: str, max_bytes: int = MAX_PAGE_BYTES, timeout: float = TIMEOUT_SECONDS) -> list[Hop]:
    """The page at ``url`` and every redirect on the way: the last hop is the page (2xx)."""
    import httpx

    _check_scheme(url)
    hops: list[Hop] = []
    headers = {
        "User-Agent": USER_AGENT,
        "Accept-Encoding": "identity",
        "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5",
    }
    try:
        with httpx.Client(follow_redirects=False, timeout=timeout, headers=headers) as client:
            while True:
                with client.stream("GET", url) as response:
                    body = _read_limited(response, max_bytes, url)
                    request_headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.request.headers.raw]
                    response_headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw]
                    hops.append(
                        Hop(url, "GET", request_headers, response.status_code, response.reason_phrase, response.http_version, response_headers, body)
                    )
                    location = response.headers.get("location")
                if 300 <= response.status_code < 400 and location:
                    if len(hops) > MAX_REDIRECTS:
                        raise CaptureError(f"{hops[0].url}: more than {MAX_REDIRECTS} redirects")
                    url = urljoin(url, location)
                    _check_scheme(url)
                    continue
                break
    except httpx.TimeoutException:
        raise CaptureError(f"{url}: no answer within {timeout:g} s") from None
    except httpx.HTTPError as error:
        raise CaptureError(f"{url}: {error}") from None
    last = hops[-1]
    if not 200 <= last.status < 300:
        raise CaptureError(f"{last.url}: HTTP {last.status} {last.reason}".rstrip())
    return hops


def _read_limited(response: Any, max_bytes: int, url: str) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise CaptureError(f"{url}: the page is larger than {_size(max_bytes)} ({_size(int(declared))})")
    chunks, size = [], 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > max_bytes:
            raise CaptureError(f"{url}: the page is larger than {_size(max_bytes)}")
        chunks.append(chunk)
    return b"".join(chunks)


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.0f} MB" if count >= 1024 * 1024 else f"{count / 1024:.0f} KB"


def content_type(hop: Hop) -> str:
    return next((value for name, value in hop.headers if name.lower() == "content-type"), "")


def page_text(hops: list[Hop]) -> str:
    """The fetched page's text as a saved copy of it would give (for ``verify --live``)."""
    kind = content_type(hops[-1]).split(";")[0].strip().lower()
    if kind and kind not in READABLE_TYPES:
        raise CaptureError(f"{hops[-1].url}: the page is {kind}, not HTML, PDF or plain text")
    return extract("page.warc", warc_of(hops), hops[0].url)


def warc_of(hops: list[Hop], when: datetime.datetime | None = None) -> bytes:
    """A gzipped WARC of the hops: a request and a response record each."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    date = (when or datetime.datetime.now(datetime.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    for hop in hops:
        target = urlsplit(hop.url)
        path = (target.path or "/") + (f"?{target.query}" if target.query else "")
        request = StatusAndHeaders(f"{hop.method} {path} HTTP/1.1", hop.request_headers, is_http_request=True)
        warc_headers = {"WARC-Date": date}
        writer.write_record(writer.create_warc_record(hop.url, "request", http_headers=request, warc_headers_dict=warc_headers))
        # The body as it came, de-chunked by the client: no Transfer-Encoding header any more.
        kept = [(name, value) for name, value in hop.headers if name.lower() not in ("transfer-encoding",)]
        status = StatusAndHeaders(f"{hop.status} {hop.reason}".rstrip(), kept, protocol=hop.http_version or "HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(hop.url, "response", payload=io.BytesIO(hop.body), http_headers=status, warc_headers_dict=warc_headers)
        )
    return stream.getvalue()


# --- the briefing edited in place ---------------------------------------------------------------


class Captured(NamedTuple):
    file: str
    sha256: str
    captured: str | None
    size: int
    redirects: list[str]


def write_saved(briefing_path: Path, source_id: int, saved: dict[str, str]) -> str:
    """The briefing with ``saved:`` written into source ``source_id`` (added, or replaced),
    comments and formatting kept; validated before it is written, atomically, mode kept."""
    from .loader import LoadError, load_text

    text = briefing_path.read_text(encoding="utf-8")
    yaml = round_trip(text)
    data = yaml.load(text)
    sources = data.get("sources") if hasattr(data, "get") else None
    entry = next((s for s in sources or [] if hasattr(s, "get") and s.get("id") == source_id), None)
    if entry is None:
        raise CaptureError(f"{briefing_path}: no source [{source_id}] in the briefing")
    from ruamel.yaml.comments import CommentedMap

    block = CommentedMap()
    for key, value in saved.items():
        block[key] = value
    entry["saved"] = block
    out = io.StringIO()
    yaml.dump(data, out)
    new_text = out.getvalue()
    try:
        load_text(new_text, str(briefing_path))
    except LoadError as error:  # the edit must leave a valid briefing (it always should)
        raise CaptureError("; ".join(d.message for d in error.diagnostics)) from None
    write_atomically(briefing_path, new_text)
    return new_text


def _source_url(briefing_path: Path, source_id: int) -> str | None:
    from .loader import load

    briefing = load(briefing_path).briefing
    source = next((s for s in briefing.sources if s.id == source_id), None)
    if source is None:
        raise CaptureError(f"{briefing_path}: no source [{source_id}] in the briefing")
    return source.url


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def capture(target: str, source_id: int, briefing_path: Path, fetcher: Any = fetch) -> Captured:
    """Save ``target`` (a URL, or a file already saved) for source ``source_id`` of the
    briefing, under ``saved/`` beside it, and record it in the source."""
    url = _source_url(briefing_path, source_id)
    folder = briefing_path.parent / "saved"
    redirects: list[str] = []
    captured: str | None
    if re.match(r"(?i)https?://", target):
        now = datetime.datetime.now(datetime.UTC)
        hops = fetcher(target)
        kind = content_type(hops[-1]).split(";")[0].strip().lower()
        if kind and kind not in READABLE_TYPES:
            raise CaptureError(f"{hops[-1].url}: the page is {kind}, not HTML, PDF or plain text: nothing to quote")
        data = warc_of(hops, now)
        name, captured = f"{source_id}.warc.gz", _utc(now)
        redirects = [hop.url for hop in hops[1:]]
        _readable(name, data, target)
    else:
        path = Path(target)
        if not path.is_file():
            raise CaptureError(f"{target}: no such file (give an http(s) URL or a saved file)")
        suffix = suffix_of(path.name)
        if not suffix:
            raise CaptureError(f"{target}: expected .txt, .md, .html, .htm, .pdf, .warc, .warc.gz or .wacz")
        data = path.read_bytes()
        name, captured = f"{source_id}{suffix}", _archived_at(data, suffix)
        _readable(name, data, url)
    folder.mkdir(exist_ok=True)
    destination = folder / name
    write_atomically(destination, data)
    digest = hashlib.sha256(data).hexdigest()
    saved = {"file": f"saved/{name}", "sha256": digest}
    if captured:
        saved["captured"] = captured
    write_saved(briefing_path, source_id, saved)
    return Captured(saved["file"], digest, captured, len(data), redirects)


def _readable(name: str, data: bytes, url: str | None) -> None:
    """Refuse a copy whose text cannot be read (before anything is written)."""
    try:
        text = extract(name, data, url)
    except SavedError as error:
        raise CaptureError(f"{name}: {error}") from None
    if not text.strip():
        raise CaptureError(f"{name}: no text in it to quote")


def _archived_at(data: bytes, suffix: str) -> str | None:
    """When a WARC (or WACZ) says its page was archived; other files do not say."""
    if suffix not in (".warc", ".warc.gz", ".wacz"):
        return None
    from warcio.archiveiterator import ArchiveIterator

    try:
        if suffix == ".wacz":
            data = next(iter(wacz_warcs(data)), b"")
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type == "response":
                date = record.rec_headers.get_header("WARC-Date")
                if date:
                    moment = datetime.datetime.fromisoformat(date.replace("Z", "+00:00"))
                    return _utc(moment)
    except Exception:  # a date is a courtesy: a WARC without a readable one is still a copy
        return None
    return None


# --- verify --live ------------------------------------------------------------------------------


class LiveQuote(NamedTuple):
    """One quote looked for on its source's live page."""

    source: int
    url: str
    ref: str
    text: str
    #: "there", "changed" or "gone".
    state: str
    detail: str


def verify_live(briefing: Any, fetcher: Any = fetch) -> list[LiveQuote]:
    """Each source's page fetched again, and each of its quotes looked for there."""
    from .evidence import find_quote
    from .saved import quoted_items

    by_source: dict[int, list[tuple[str, Any]]] = {}
    for ref, _, quotes in quoted_items(briefing):
        for quote in quotes:
            if quote.reported_by is None:  # reported words are not on the source's page
                by_source.setdefault(quote.source, []).append((ref, quote))
    results = []
    for source in briefing.sources:
        if source.url is None or source.id not in by_source:
            continue
        try:
            text, problem = page_text(fetcher(source.url)), ""
        except (CaptureError, SavedError) as error:
            text, problem = None, str(error)
        for ref, quote in by_source[source.id]:
            if text is None:
                results.append(LiveQuote(source.id, source.url, ref, quote.text, "gone", problem))
                continue
            match = find_quote(text, quote.text, quote.prefix, quote.suffix)
            if match.status == "found":
                results.append(LiveQuote(source.id, source.url, ref, quote.text, "there", "still there"))
            else:
                results.append(
                    LiveQuote(source.id, source.url, ref, quote.text, "changed", match.hint().replace(" in the saved copy", " on the page"))
                )
    return results
