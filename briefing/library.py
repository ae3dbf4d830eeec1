"""A desk of briefings: every briefing under a folder, one row each.

Pure: files in, rows out; no UI. A file is a briefing when it is YAML and has a top-level
``schema_version`` key. Its row says what the desk needs at a glance — title, as-of date
and age, region, counts, and what ``check`` finds — and the sources it shares with other
briefings. Rows are cached by path, size and modification time (``LibraryCache``), so a
second start reads nothing that has not changed.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .defaults import DEFAULT_MAX_BYTES
from .files import cache_dir

if TYPE_CHECKING:
    from .index import BriefingIndex, Ref

SUFFIXES = (".yaml", ".yml", ".json")  # JSON is YAML: `check FILE` reads a JSON briefing too
#: Folders never looked into: version control, environments, dependencies, caches.
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"})
#: ``schema_version`` must be a top-level key within the file's first bytes.
SNIFF_BYTES = 64 * 1024
_SCHEMA_KEY = re.compile(rb"^(?:schema_version|['\"]schema_version['\"])\s*:", re.MULTILINE)
# A JSON briefing (`export -f json`) holds the key indented, or on one line with the rest.
_JSON_SCHEMA_KEY = re.compile(rb'"schema_version"\s*:')
#: A briefing older than this (days since its as-of date) is stale.
STALE_AFTER_DAYS = 180
CACHE_VERSION = 2  # 2: rows keep their open questions' days (open_by)


class Row(NamedTuple):
    """One briefing as the desk lists it. ``errors`` is None until the file is checked."""

    path: str
    size: int
    mtime_ns: int
    title: str | None = None
    as_of: str | None = None
    region: str | None = None
    bullets: int | None = None
    judgments: int | None = None
    sources: int | None = None
    errors: int | None = None
    warnings: int = 0
    problem: str | None = None
    #: Sources another briefing may share: (key, source id, what to call it).
    shared: tuple[tuple[str, int, str], ...] = ()
    #: The days its open questions fall due (YYYY-MM-DD): kept, not the count, since what is
    #: due changes with the day and not with the file.
    open_by: tuple[str, ...] = ()

    @property
    def checked(self) -> bool:
        return self.errors is not None

    def of_file(self, size: int, mtime_ns: int) -> bool:
        """Whether the row is of the file as it is now (same size, same modification time)."""
        return self.size == size and self.mtime_ns == mtime_ns

    @classmethod
    def from_dict(cls, fields: dict) -> Row:
        """A row from its JSON form (``_asdict()``: the cache, the reading process)."""
        return cls(**{**fields, "shared": tuple(tuple(entry) for entry in fields.get("shared", ())), "open_by": tuple(fields.get("open_by", ()))})

    @property
    def broken(self) -> bool:
        return bool(self.errors)

    def due(self, today: datetime.date | None = None) -> int:
        """How many of its questions are past their day with no outcome."""
        from .track import current_day, overdue

        day = today or current_day()
        return sum(1 for by in self.open_by if overdue(by, day))

    def age_days(self, today: datetime.date | None = None) -> int | None:
        day = as_of_date(self.as_of)
        from .track import current_day

        return None if day is None else ((today or current_day()) - day).days

    def stale(self, today: datetime.date | None = None, after: int = STALE_AFTER_DAYS) -> bool:
        age = self.age_days(today)
        return age is not None and age > after


def as_of_date(value: str | None) -> datetime.date | None:
    """The last day an as-of date can mean (2025-07 → 2025-07-31): a briefing is as old as
    the latest day it may speak for."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return datetime.date(year, 12, 31)
        month = int(parts[1])
        datetime.date(year, month, 1)  # a month that exists
        if len(parts) == 2:
            following = datetime.date(year + month // 12, month % 12 + 1, 1)
            return following - datetime.timedelta(days=1)
        return datetime.date(year, month, int(parts[2]))
    except (ValueError, IndexError):
        return None


def age_words(days: int | None) -> str:
    """``12 d``, ``5 mo``, ``2 y``: an age that fits a column."""
    if days is None:
        return ""
    if days < 0:
        return "future"
    if days < 60:
        return f"{days} d"
    if days < 730:
        return f"{days // 30} mo"
    return f"{days // 365} y"


# --- finding the briefings ---------------------------------------------------------------


def is_briefing(path: str | os.PathLike) -> bool:
    """A YAML (or JSON) file whose first bytes hold a ``schema_version`` key."""
    try:
        with open(path, "rb") as file:
            start = file.read(SNIFF_BYTES)
    except OSError:
        return False
    key = _JSON_SCHEMA_KEY if str(path).endswith(".json") else _SCHEMA_KEY
    return key.search(start) is not None


def discover(root: str | os.PathLike, known: Callable[[str, int, int], bool] = lambda *_: False) -> list[tuple[str, int, int]]:
    """Every briefing under ``root`` (recursively), as (path, size, mtime_ns), by path.
    ``known(path, size, mtime_ns)``: a file already known to be a briefing, not read again."""
    found = []
    for folder, folders, files in os.walk(os.fspath(root)):
        folders[:] = sorted(name for name in folders if name not in SKIPPED_FOLDERS and not name.startswith("."))
        for name in sorted(files):
            if not name.endswith(SUFFIXES):
                continue
            path = os.path.normpath(os.path.join(folder, name))
            try:
                info = os.stat(path)
            except OSError:
                continue
            if known(path, info.st_size, info.st_mtime_ns) or is_briefing(path):
                found.append((path, info.st_size, info.st_mtime_ns))
    return found


# --- a briefing's row ----------------------------------------------------------------------


def shared_key(source: Any) -> str | None:
    """What makes two briefings' sources the same source: the URL, or else the title and
    the publisher together (either alone is too common)."""
    url = (source.get("url") if isinstance(source, dict) else source.url) or ""
    if url.strip():
        return "url:" + url.strip().rstrip("/").casefold()
    title = (source.get("title") if isinstance(source, dict) else source.title) or ""
    publisher = (source.get("publisher") if isinstance(source, dict) else source.publisher) or ""
    if title.strip() and publisher.strip():
        return f"title:{' '.join(title.casefold().split())}|{' '.join(publisher.casefold().split())}"
    return None


def summarize(path: str, size: int, mtime_ns: int, max_bytes: int = DEFAULT_MAX_BYTES) -> Row:
    """Load and check one briefing; a file that fails still gets a row, with its first
    located error (and what can be read of its title)."""
    from functools import partial

    from .loader import LoadError, load, parse, read_text
    from .saved import evidence_findings
    from .track import due_dates
    from .tradecraft import tradecraft_findings

    # What `check` finds: the tradecraft, and the quotes against their saved copies.
    checks = [partial(tradecraft_findings, max_age_days=STALE_AFTER_DAYS), partial(evidence_findings, folder=Path(path).parent)]
    try:
        loaded = load(path, max_bytes, checks=checks)
    except LoadError as error:
        errors = [d for d in error.diagnostics if d.severity == "error"] or error.diagnostics
        row = Row(path, size, mtime_ns, errors=len(errors), problem=str(errors[0]) if errors else "cannot be read")
        try:  # what can be read of it, for the list: the title of a file with a schema error
            data, _, _ = parse(read_text(path, max_bytes), path)
        except LoadError:
            return row
        if isinstance(data, dict):
            text = lambda key: data.get(key) if isinstance(data.get(key), str) else None  # noqa: E731
            row = row._replace(title=text("title"), as_of=text("as_of"), region=text("region"))
        return row
    briefing = loaded.briefing
    shared = []
    for source in briefing.sources:
        key = shared_key(source)
        if key is not None:
            shared.append((key, source.id, source.title or source.url or f"[{source.id}]"))
    return Row(
        path,
        size,
        mtime_ns,
        title=briefing.title,
        as_of=briefing.as_of,
        region=briefing.region,
        bullets=len(briefing.summary),
        judgments=len(briefing.judgments),
        sources=len(briefing.sources),
        errors=0,
        warnings=loaded.count("warning"),
        problem=str(next((d for d in loaded.warnings if d.severity == "warning"), "")) or None,
        shared=tuple(shared),
        open_by=due_dates(briefing),
    )


#: Files larger than this are read in a process of their own: validating a large briefing
#: is one long call that would hold the interpreter (and the screen) for seconds.
OWN_PROCESS_BYTES = 4 * 1024 * 1024


def summarize_apart(path: str, size: int, mtime_ns: int, max_bytes: int = DEFAULT_MAX_BYTES) -> Row:
    """``summarize``, in a process of its own for a large file (its memory goes with it)."""
    if size <= OWN_PROCESS_BYTES:
        return summarize(path, size, mtime_ns, max_bytes)
    import subprocess
    import sys

    command = [sys.executable, "-m", "briefing.library", path, str(size), str(mtime_ns), str(max_bytes)]
    done = subprocess.run(command, capture_output=True, text=True)
    try:
        return Row.from_dict(json.loads(done.stdout))
    except (ValueError, TypeError):
        why = (done.stderr.strip().splitlines() or ["it could not be read"])[-1]
        return Row(path, size, mtime_ns, errors=1, problem=f"{path}: error: {why}")


# --- the cache -------------------------------------------------------------------------------


class LibraryCache:
    """Rows by path, valid while the file keeps its size and modification time."""

    def __init__(self, root: str | os.PathLike, directory: Path | None = None) -> None:
        root = os.path.realpath(root)
        name = hashlib.sha256(root.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        self.file = (directory or cache_dir()) / f"library-{name}.json"
        self.rows: dict[str, Row] = {}
        self.dirty = False

    def load(self) -> LibraryCache:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if data.get("version") == CACHE_VERSION:
                for fields in data["rows"]:
                    row = Row.from_dict(fields)
                    self.rows[row.path] = row
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.rows = {}  # no cache, or one from another version: read the files again
        return self

    def get(self, path: str, size: int, mtime_ns: int) -> Row | None:
        row = self.rows.get(path)
        return row if row is not None and row.of_file(size, mtime_ns) and row.checked else None

    def put(self, row: Row) -> None:
        if self.rows.get(row.path) != row:
            self.rows[row.path] = row
            self.dirty = True

    def keep_only(self, paths: Iterable[str]) -> None:
        keep = set(paths)
        for path in [path for path in self.rows if path not in keep]:
            del self.rows[path]
            self.dirty = True

    def save(self) -> None:
        """Written atomically; a cache that cannot be written is no error (the desk works without it)."""
        if not self.dirty:
            return
        data = {"version": CACHE_VERSION, "rows": [row._asdict() for row in self.rows.values()]}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.file.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(data), encoding="utf-8")
            os.replace(temporary, self.file)
            self.dirty = False
        except OSError:
            pass


# --- the desk --------------------------------------------------------------------------------


class Elsewhere(NamedTuple):
    """The same source in another briefing."""

    path: str
    name: str
    title: str
    source_id: int


class Library:
    """The briefings under a folder, their rows, and the sources they share."""

    def __init__(self, root: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES, cache: LibraryCache | None = None) -> None:
        self.root = str(root)
        self.max_bytes = max_bytes
        self.cache = cache if cache is not None else LibraryCache(root).load()
        self.rows: dict[str, Row] = {}

    def scan(self) -> tuple[list[str], list[str], list[str]]:
        """Look at the folder again: rows for new files (from the cache when unchanged),
        changed files marked to be checked again, removed ones dropped. Returns the paths
        (added, changed, removed)."""

        def known(path: str, size: int, mtime_ns: int) -> bool:
            row = self.rows.get(path)
            return (row is not None and row.of_file(size, mtime_ns)) or self.cache.get(path, size, mtime_ns) is not None

        found = discover(self.root, known)
        seen = {path for path, _, _ in found}
        removed = [path for path in self.rows if path not in seen]
        for path in removed:
            del self.rows[path]
        added: list[str] = []
        changed: list[str] = []
        for path, size, mtime_ns in found:
            old = self.rows.get(path)
            if old is not None and old.of_file(size, mtime_ns):
                continue
            cached = self.cache.get(path, size, mtime_ns)
            (changed if old is not None else added).append(path)
            self.rows[path] = cached or (old._replace(size=size, mtime_ns=mtime_ns, errors=None) if old else Row(path, size, mtime_ns))
        self.cache.keep_only(seen)
        return added, changed, removed

    def unchecked(self) -> list[Row]:
        return [row for row in self.rows.values() if not row.checked]

    def check(self, row: Row) -> Row:
        """Read one briefing and keep its row (and cache it)."""
        return self.keep(summarize(row.path, row.size, row.mtime_ns, self.max_bytes))

    def keep(self, checked: Row) -> Row:
        """A row read elsewhere (a worker): kept if the file is still the one that was read."""
        current = self.rows.get(checked.path)
        if current is not None and current.of_file(checked.size, checked.mtime_ns):
            self.rows[checked.path] = checked
            self.cache.put(checked)
        return checked

    def check_all(self) -> Iterator[Row]:
        for row in self.unchecked():
            yield self.check(row)

    def name(self, path: str) -> str:
        """A briefing's path as the desk shows it: relative to the folder."""
        try:
            return os.path.relpath(path, self.root)
        except ValueError:  # another drive (Windows)
            return path

    def label(self, path: str) -> str:
        row = self.rows.get(path)
        return (row.title if row is not None and row.title else None) or self.name(path)

    def also_in(self, path: str, source_id: int) -> list[Elsewhere]:
        """The same source (same URL, or same title and publisher) in the other briefings."""
        row = self.rows.get(path)
        if row is None:
            return []
        keys = {key for key, number, _ in row.shared if number == source_id}
        if not keys:
            return []
        found = []
        for other in self.rows.values():
            if other.path == path:
                continue
            for key, number, _ in other.shared:
                if key in keys:
                    found.append(Elsewhere(other.path, self.name(other.path), self.label(other.path), number))
                    break
        return sorted(found, key=lambda elsewhere: self.name(elsewhere.path))


# --- searching every briefing -----------------------------------------------------------------


class LibraryHit(NamedTuple):
    path: str
    briefing: str
    ref: Ref
    kind: str
    label: str
    field: str
    text: str
    spans: list[tuple[int, int]]
    also: tuple[tuple[str, str, list[tuple[int, int]]], ...] = ()


class LibrarySearch:
    """Every word of a query, in any field, across every briefing that loads."""

    def __init__(self) -> None:
        self.indexes: dict[str, tuple[str, BriefingIndex]] = {}

    def add(self, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        from .index import BriefingIndex
        from .loader import LoadError, load

        try:
            loaded = load(path, max_bytes)
        except LoadError:
            return
        index = BriefingIndex(loaded.briefing)
        index.prepare_search()
        self.indexes[path] = (loaded.briefing.title, index)

    def search(self, query: str, limit: int = 200) -> tuple[list[LibraryHit], int]:
        hits: list[LibraryHit] = []
        total = 0
        for path, (title, index) in self.indexes.items():
            found, count = index.search(query, max(0, limit - len(hits)))
            total += count
            hits += [
                LibraryHit(path, title, hit.ref, index.kind_name(hit.ref), index.label(hit.ref), hit.field, hit.text, hit.spans, hit.also)
                for hit in found
            ]
        return hits, total


def sort_key(row: Row, column: str, today: datetime.date | None = None) -> tuple:
    """Rows by a column; rows not yet read sort last, whichever the direction."""
    value: Any
    if column == "check":
        value = None if not row.checked else (-(row.errors or 0), -row.warnings)
    elif column == "age":
        value = row.age_days(today)
    elif column == "as_of":
        day = as_of_date(row.as_of)
        value = day.toordinal() if day else None
    elif column in ("title", "region"):
        text = getattr(row, column)
        value = text.casefold() if text else None
    elif column == "path":
        value = row.path
    elif column == "due":
        value = -row.due(today) if row.checked else None
    else:
        value = getattr(row, column)
    return (value is None, value if value is not None else 0, row.path)


if __name__ == "__main__":  # summarize_apart's other process: the row as JSON
    import sys

    _path, _size, _mtime, _max = sys.argv[1:5]
    sys.stdout.write(json.dumps(summarize(_path, int(_size), int(_mtime), int(_max))._asdict()))
