"""Saved copies of sources: their text, read once and cached, and the briefing's quotes
checked against it (``check``'s rules; the dashboard's ✔ ✘ ? marks).

Each format is read by a maintained library: HTML by trafilatura (the page's readable text),
PDF by pypdf (its text layer), WARC by warcio (the response for the source's URL, else the
first HTML response), WACZ as the WARC files inside its zip. The text, normalized
(``evidence.normalize_text``), is cached by the file's SHA-256 in the cache folder, so a second
``check`` reads no HTML, PDF or WARC again.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .evidence import Match, QuoteCheck, Verification, find_quote, normalize_text, searchable
from .files import cache_dir, write_atomically
from .shape import KEPT, KEPT_BY_KIND, item_key

if TYPE_CHECKING:
    from .model import Briefing, Finding, Quote, Source

__all__ = ["QuoteCheck", "Verification", "evidence_findings", "extract", "verify"]

#: What a saved copy may be, by the end of its name.
SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".warc.gz", ".warc", ".wacz")
#: Bumped when the extraction changes: texts cached by an older one are read again.
CACHE_VERSION = "1"
#: Redirects followed inside a WARC, from the source's URL to the page.
MAX_REDIRECTS = 10


class SavedError(Exception):
    """A saved copy that cannot be read: the reason, in a reader's words."""


def suffix_of(name: str) -> str:
    """The saved copy's format, as the end of its name ('' when none of SUFFIXES)."""
    lower = name.lower()
    return next((suffix for suffix in SUFFIXES if lower.endswith(suffix)), "")


def sha256_of(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- extraction ------------------------------------------------------------------------------


def html_text(data: bytes | str) -> str:
    """A page's readable text: trafilatura's main text, else all of the page's text."""
    import trafilatura

    text = trafilatura.extract(data, include_comments=False, include_tables=True, deduplicate=False, favor_recall=True)
    return text if text else trafilatura.html2txt(data)


def pdf_text(data: bytes) -> str:
    """A PDF's text layer, page after page."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise SavedError(f"not a readable PDF ({error})") from None


def _payload_text(content_type: str, data: bytes) -> str:
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/pdf" or data[:5] == b"%PDF-":
        return pdf_text(data)
    if kind in ("text/plain", "text/markdown"):
        return data.decode(_charset(content_type) or "utf-8", errors="replace")
    return html_text(data)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip('"')
    return None


class _Response(NamedTuple):
    status: int
    content_type: str
    location: str | None
    data: bytes


def _responses(stream: io.IOBase | io.BytesIO) -> dict[str, _Response]:
    """Every response (and resource) record of a WARC by its target URI, first one kept."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found: dict[str, _Response] = {}
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "resource"):
                continue
            target = record.rec_headers.get_header("WARC-Target-URI") or ""
            if record.rec_type == "response" and record.http_headers is not None:
                status = int(record.http_headers.get_statuscode() or 0)
                content_type = record.http_headers.get_header("Content-Type") or ""
                location = record.http_headers.get_header("Location")
            else:
                status, content_type, location = 200, record.rec_headers.get_header("Content-Type") or "", None
            data = record.content_stream().read()
            found.setdefault(target, _Response(status, content_type, location, data))
    except (ArchiveLoadFailed, ValueError, OSError) as error:
        raise SavedError(f"not a readable WARC ({error})") from None
    return found


def _same_url(a: str, b: str) -> bool:
    return a.rstrip("/") == b.rstrip("/")


def _chosen(responses: dict[str, _Response], url: str | None) -> _Response:
    """The response for ``url`` (its redirects followed), else the first HTML response."""
    from urllib.parse import urljoin

    hops = 0
    while url is not None and hops <= MAX_REDIRECTS:
        response = next((r for target, r in responses.items() if _same_url(target, url)), None)
        if response is None:
            break
        if 300 <= response.status < 400 and response.location:
            url, hops = urljoin(url, response.location), hops + 1
            continue
        return response
    for response in responses.values():
        if response.status == 200 and "html" in response.content_type.lower():
            return response
    raise SavedError("the WARC holds no response for the source's URL and no HTML page")


def warc_text(data: bytes, url: str | None) -> str:
    response = _chosen(_responses(io.BytesIO(data)), url)
    return _payload_text(response.content_type, response.data)


def wacz_warcs(data: bytes) -> list[bytes]:
    """The WARC files in a WACZ's ``archive/`` folder, in the package's order."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return [package.read(name) for name in package.namelist() if name.startswith("archive/") and suffix_of(name) in (".warc", ".warc.gz")]
    except zipfile.BadZipFile as error:
        raise SavedError(f"not a readable WACZ ({error})") from None


def wacz_text(data: bytes, url: str | None) -> str:
    """A WACZ's page: the WARC files in its ``archive/`` folder, read as one."""
    responses: dict[str, _Response] = {}
    for warc in wacz_warcs(data):
        for target, response in _responses(io.BytesIO(warc)).items():
            responses.setdefault(target, response)
    if not responses:
        raise SavedError("the WACZ holds no WARC file under archive/")
    response = _chosen(responses, url)
    return _payload_text(response.content_type, response.data)


def extract(name: str, data: bytes, url: str | None = None) -> str:
    """A saved copy's text as kept (normalized paragraphs), by its format."""
    suffix = suffix_of(name)
    if suffix in (".txt", ".md"):
        raw = data.decode("utf-8", errors="replace")
    elif suffix in (".html", ".htm"):
        raw = html_text(data)
    elif suffix == ".pdf":
        raw = pdf_text(data)
    elif suffix in (".warc", ".warc.gz"):
        raw = warc_text(data, url)
    elif suffix == ".wacz":
        raw = wacz_text(data, url)
    else:
        raise SavedError("cannot read this kind of file: expected .txt, .md, .html, .htm, .pdf, .warc, .warc.gz or .wacz")
    return normalize_text(raw)


# --- the cache -------------------------------------------------------------------------------


def _cache_file(sha256: str, name: str, url: str | None) -> Path:
    # A WARC's text depends on the URL it is read for as well as on its bytes.
    tail = ""
    if suffix_of(name) in (".warc", ".warc.gz", ".wacz") and url:
        tail = "-" + hashlib.sha256(url.encode()).hexdigest()[:16]
    return cache_dir() / "texts" / f"v{CACHE_VERSION}-{sha256}{tail}.txt"


def cached_text(sha256: str, name: str, url: str | None) -> str | None:
    try:
        return _cache_file(sha256, name, url).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def remember_text(sha256: str, name: str, url: str | None, text: str) -> None:
    """Cache a text; a cache that cannot be written is no error (it is read again next time)."""
    target = _cache_file(sha256, name, url)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text)
    except OSError:
        pass


# --- a briefing's saved copies and quotes -----------------------------------------------------


class Copy(NamedTuple):
    """What became of one source's saved copy."""

    source: int
    #: The file, as found on disk (None: the source has no saved copy).
    path: Path | None
    #: "ok", "missing", "changed", "unreadable", "outside" or "none" ("pending": not read yet).
    state: str
    text: str = ""
    problem: str = ""


def resolve(folder: Path, file: str) -> Path | None:
    """A saved copy's path, None when it would lie outside the briefing's folder (a link out)."""
    root = folder.resolve()
    target = (root / file).resolve()
    return target if target.is_relative_to(root) else None


def read_copy(folder: Path, source: Source, max_bytes: int = 200 * 1024 * 1024, extract_now: bool = True) -> Copy:
    """A source's saved copy, its hash compared and its text extracted (or read from the cache).
    ``extract_now=False``: a copy whose text is not cached comes back "pending", for
    ``extracted`` to finish."""
    saved = source.saved
    if saved is None:
        return Copy(source.id, None, "none")
    path = resolve(folder, saved.file)
    if path is None:
        return Copy(source.id, None, "outside", problem=f"the saved copy {saved.file} lies outside the briefing's folder")
    try:
        if path.stat().st_size > max_bytes:
            return Copy(source.id, path, "unreadable", problem=f"the saved copy {saved.file} is larger than {max_bytes // (1024 * 1024)} MB")
        digest = sha256_of(path)
    except FileNotFoundError:
        return Copy(source.id, path, "missing", problem=f"the saved copy {saved.file} is missing: its quotes are unverified")
    except OSError as error:
        return Copy(source.id, path, "unreadable", problem=f"the saved copy {saved.file} cannot be read ({error.strerror or error})")
    if digest != saved.sha256:
        return Copy(source.id, path, "changed", problem=f"the saved copy changed since it was captured (its sha256 is now {digest[:12]}…)")
    text = cached_text(digest, saved.file, source.url)
    if text is not None:
        return Copy(source.id, path, "ok", text)
    pending = Copy(source.id, path, "pending")
    return extracted(source, pending) if extract_now else pending


def extracted(source: Source, copy: Copy) -> Copy:
    """A pending copy (its hash already checked) with its text: extracted here unless a worker
    process has put it in the cache meanwhile."""
    saved = source.saved
    assert saved is not None and copy.path is not None and copy.state == "pending"
    text = cached_text(saved.sha256, saved.file, source.url)
    if text is None:
        problem = _extract_and_remember(str(copy.path), saved.file, source.url, saved.sha256)
        if problem is not None:
            return copy._replace(state="unreadable", problem=f"the saved copy {saved.file}: {problem}")
        text = cached_text(saved.sha256, saved.file, source.url) or ""
    return copy._replace(state="ok", text=text)


def _extract_and_remember(path: str, name: str, url: str | None, digest: str) -> str | None:
    """Extract a copy's text into the cache: None, or why it cannot be read. (A function of
    plain values: the extraction of many copies runs in worker processes.)"""
    try:
        text = extract(name, Path(path).read_bytes(), url)
    except SavedError as error:
        return str(error)
    except OSError as error:
        return error.strerror or str(error)
    remember_text(digest, name, url, text)
    return None


#: Fewer copies to read than this are read here: a worker process costs more than it saves.
PARALLEL_FROM = 4


def read_copies(folder: Path, sources: list[Source], parallel: bool = False) -> dict[int, Copy]:
    """Every source's copy; ``parallel``: the texts not cached yet are extracted in worker
    processes, one per core (trafilatura and pypdf hold the GIL: threads would take turns). The
    command line asks for it; the dashboard, whose check runs in a thread beside the screen and
    whose standard streams are the terminal's, reads them one after another."""
    copies = {source.id: read_copy(folder, source, extract_now=False) for source in sources}
    pending = [(source, copies[source.id]) for source in sources if copies[source.id].state == "pending"]
    if parallel and len(pending) >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2:
        _extract_apart(pending)
    for source, copy in pending:  # from the cache when a worker extracted it (else here)
        copies[source.id] = extracted(source, copy)
    return copies


def _extract_apart(pending: list[tuple[Source, Copy]]) -> None:
    """The texts of pending copies extracted into the cache by worker processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: a fresh process forks the workers, never this one, which may hold threads (the dashboard's).
    context = multiprocessing.get_context("forkserver")
    workers = min(len(pending), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        jobs = [
            pool.submit(_extract_and_remember, str(copy.path), source.saved.file, source.url, source.saved.sha256)  # type: ignore[union-attr]
            for source, copy in pending
        ]
        for job in jobs:
            job.result()


def quoted_items(briefing: Briefing) -> Iterator[tuple[str, tuple[str | int, ...], list[Quote]]]:
    """Every item that has quotes: its reference, its path in the data and its quotes."""
    for kept in KEPT:
        if kept.within is None:
            holders: list[tuple[tuple[str | int, ...], str | None, list]] = [((), None, getattr(briefing, kept.field))]
        else:
            outer = KEPT_BY_KIND[kept.within]
            holders = [
                ((outer.field, i), item_key(outer, getattr(parent, "id", None), i), getattr(parent, kept.field))
                for i, parent in enumerate(getattr(briefing, outer.field))
            ]
        for at, parent_key, items in holders:
            for position, item in enumerate(items):
                quotes = getattr(item, "quotes", None)
                if quotes:
                    key = item_key(kept, getattr(item, "id", None), position, parent_key)
                    yield f"{kept.kind}:{key}", (*at, kept.field, position), quotes


def verify(briefing: Briefing, folder: Path, parallel: bool = False) -> Verification:
    """Every saved copy read and every quote looked for: `check`'s findings, the views' marks."""
    from .model import Finding

    findings: list[Finding] = []
    copies = read_copies(folder, list(briefing.sources), parallel)
    for position, source in enumerate(briefing.sources):
        copy = copies[source.id]
        if copy.state in ("changed", "unreadable", "outside"):
            field = "sha256" if copy.state == "changed" else "file"
            findings.append(Finding(("sources", position, "saved", field), f"source [{source.id}]: {copy.problem}"))
        elif copy.state == "missing":
            findings.append(Finding(("sources", position, "saved", "file"), f"source [{source.id}]: {copy.problem}", "warning"))
    searched = {source_id: searchable(copy.text) for source_id, copy in copies.items() if copy.state == "ok"}
    checks = []
    for ref, path, quotes in quoted_items(briefing):
        for j, quote in enumerate(quotes):
            at = (*path, "quotes", j)
            if quote.reported_by is not None or quote.source not in searched:
                # Words of whoever reported the source, or a source with no copy to read: unverified.
                checks.append(QuoteCheck(ref, at, quote, Match("unverified")))
                continue
            copy = copies[quote.source]
            match = find_quote(copy.text, quote.text, quote.prefix, quote.suffix, searched[quote.source])
            checks.append(QuoteCheck(ref, at, quote, match))
            if match.status != "found":
                findings.append(Finding((*at, "text"), f"quote of [{quote.source}] {match.hint()}"))
    texts = {source_id: copy.text for source_id, copy in copies.items() if copy.state == "ok"}
    return Verification({source_id: copy.state for source_id, copy in copies.items()}, texts, checks, findings)


def evidence_findings(briefing: Briefing, folder: Path, parallel: bool = False) -> list[Finding]:
    """`check`'s rules on quotes and saved copies (a loader check: ``partial(…, folder=…)``)."""
    return verify(briefing, folder, parallel).findings
