"""Reading a briefing file safely, and placing every problem at ``file:line:col``.

The file is parsed into YAML *events* by libyaml's C parser (the pure-Python
parser where libyaml is missing) and turned into plain Python values by our own
iterative builder, not by PyYAML's constructors, because the builder is where
the safety rules live:

* only plain types: any tag other than the YAML core ones is refused;
* YAML 1.2 core-schema scalars: ``NO`` and ``on`` are strings, dates stay text;
* duplicate mapping keys are errors (PyYAML silently keeps the last one);
* nesting is bounded, so a file of ten thousand ``[`` is an error, not a
  RecursionError or a crash in C code;
* alias expansion is counted as it is built, so a "billion laughs" file is
  refused at the alias that would blow up whatever walks the data next.

Positions are recorded only on the slow path, which runs when validation has
something to say: a valid file pays nothing for them.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterable
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from .defaults import DEFAULT_MAX_BYTES, default_path  # noqa: F401 (re-exported)
from .locate import (
    Diagnostic,
    Severity,
    line_col,
    locate,
    mark_diagnostic,
    validation_message,
    yaml_error,
)
from .model import Briefing, Finding, cross_check

# libyaml's C parser is several times faster; fall back to the pure-Python one when
# PyYAML was built without it. Only the event stream is used, never a constructor.
_Parser = getattr(yaml, "CBaseLoader", None) or yaml.SafeLoader

MAX_DEPTH = 64
MAX_ALIAS_NODES = 1_000_000


class LoadError(Exception):
    """A briefing could not be loaded. ``io`` errors (missing file, unreadable) exit 2."""

    def __init__(self, diagnostics: list[Diagnostic], kind: Literal["io", "content"] = "content"):
        super().__init__("\n".join(map(str, diagnostics)))
        self.diagnostics = diagnostics
        self.kind = kind


class Loaded:
    """A valid briefing, the file it came from, and its warnings."""

    __slots__ = ("__weakref__", "briefing", "path", "warnings")  # weakly held by the dashboard's workers

    def __init__(self, briefing: Briefing, path: str, warnings: list[Diagnostic] | None = None) -> None:
        self.briefing = briefing
        self.path = path
        self.warnings = warnings or []

    def count(self, severity: str) -> int:
        """How many of its diagnostics are of a severity ("warning", "note")."""
        return sum(1 for diagnostic in self.warnings if diagnostic.severity == severity)


class _Problem(Exception):
    """Raised inside the builder with a 0-based mark."""

    def __init__(self, message: str, mark: Any = None):
        super().__init__(message)
        self.message = message
        self.mark = mark


# --- YAML 1.2 core schema ------------------------------------------------------

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_NUMBER_START = frozenset("0123456789+-.")

_CORE = "tag:yaml.org,2002:"
_STR, _INT_TAG, _FLOAT_TAG, _BOOL_TAG, _NULL_TAG = (_CORE + n for n in ("str", "int", "float", "bool", "null"))
_SEQ_TAGS = {None, "!", _CORE + "seq"}
_MAP_TAGS = {None, "!", _CORE + "map"}


def _number(value: str) -> int | float | None:
    if _INT.fullmatch(value):
        if len(value) > 4000:  # int() refuses past 4300 digits; say so in our words
            raise ValueError(f"a number of {len(value):,} digits is too long")
        return int(value)
    if _OCT.fullmatch(value):
        return int(value[2:], 8)
    if _HEX.fullmatch(value):
        return int(value[2:], 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    if _INF.fullmatch(value):
        return -math.inf if value[0] == "-" else math.inf
    if _NAN.fullmatch(value):
        # JSON has no NaN, so no JSON Schema could refuse one: refused here, for check and
        # the schema to agree (no field of a briefing has a use for it).
        raise ValueError(f"{value} (not a number) has no place in a briefing")
    return None


def _plain(value: str) -> Any:
    """Resolve an untagged plain scalar by the YAML 1.2 core schema."""
    if value in _NULLS:
        return None
    boolean = _BOOLS.get(value)
    if boolean is not None:
        return boolean
    if value[0] in _NUMBER_START:
        number = _number(value)
        if number is not None:
            return number
    return value


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


def _tagged(value: str, tag: str) -> Any:
    if tag == _STR or tag == "!":
        return value
    if tag == _NULL_TAG and value in _NULLS:
        return None
    if tag == _BOOL_TAG and value in _BOOLS:
        return _BOOLS[value]
    if tag == _INT_TAG and (_INT.fullmatch(value) or _OCT.fullmatch(value) or _HEX.fullmatch(value)):
        return _number(value)
    if tag == _FLOAT_TAG:
        number = _number(value)
        if number is not None:
            return float(number)
    if tag in (_NULL_TAG, _BOOL_TAG, _INT_TAG, _FLOAT_TAG):
        raise ValueError(f"{value!r} is not a valid {tag.removeprefix(_CORE)}")
    raise ValueError(f"tag {_short_tag(tag)} is not allowed: a briefing holds only plain strings, numbers, booleans, lists and mappings")


# --- the builder ---------------------------------------------------------------

_NO_KEY = object()
_DUPLICATE = object()  # the pending key was a duplicate: its value is read and dropped


class _Problems(Exception):
    """Several problems found in one pass (every duplicate key), each with its mark."""

    def __init__(self, problems: list[tuple[str, Any]]):
        super().__init__(problems[0][0])
        self.problems = problems


def _build(text: str, track: bool) -> tuple[Any, dict, dict]:
    """Turn YAML text into plain values; with ``track``, also record 0-based marks by path."""
    positions: dict[tuple, Any] = {}
    key_positions: dict[tuple, Any] = {}
    parser = _Parser(text)
    # A frame: [container, pending key, anchor, expanded size, path, key mark]
    stack: list[list] = []
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    alias_nodes = 0
    documents = 0
    root: Any = _NO_KEY
    duplicates: list[tuple[str, Any]] = []

    def attach(value: Any, size: int, mark: Any, is_key_capable: bool) -> None:
        nonlocal root
        if not stack:
            root = value
            if track:
                positions[()] = mark
            return
        frame = stack[-1]
        container = frame[0]
        frame[3] += size
        if type(container) is list:
            if track:
                positions[(*frame[4], len(container))] = mark
            container.append(value)
            return
        key = frame[1]
        if key is _NO_KEY:
            if not is_key_capable:
                raise _Problem("a mapping key must be a plain scalar, not a list or mapping", mark)
            try:
                duplicate = value in container
            except TypeError:
                raise _Problem("a mapping key must be a plain scalar", mark) from None
            if duplicate:  # every one is reported, as a linter does; the first value stands
                duplicates.append((f"duplicate key {value!r} in this mapping", mark))
                frame[1] = _DUPLICATE
                return
            frame[1] = value
            frame[5] = mark
            return
        if key is _DUPLICATE:
            frame[1] = _NO_KEY
            return
        if track:
            path = (*frame[4], key)
            positions[path] = mark
            key_positions[path] = frame[5]
        container[key] = value
        frame[1] = _NO_KEY

    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                tag = event.tag
                value = event.value
                try:
                    if tag is None:
                        value = _plain(value) if event.implicit[0] else value
                    else:
                        value = _tagged(value, tag)
                except ValueError as error:  # a bad tag, or an integer of thousands of digits
                    raise _Problem(str(error), event.start_mark) from None
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                attach(value, 1, event.start_mark, True)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                is_map = kind is yaml.MappingStartEvent
                if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
                    raise _Problem(
                        f"tag {_short_tag(event.tag)} is not allowed: a briefing holds only plain strings, numbers, booleans, lists and mappings",
                        event.start_mark,
                    )
                if len(stack) >= MAX_DEPTH:
                    raise _Problem(f"nesting deeper than {MAX_DEPTH} levels; a briefing needs far fewer", event.start_mark)
                if event.anchor is not None:
                    open_anchors.add(event.anchor)
                path: tuple = ()
                if track and stack:
                    parent = stack[-1]
                    path = (*parent[4], len(parent[0]) if type(parent[0]) is list else parent[1])
                stack.append([{} if is_map else [], _NO_KEY, event.anchor, 1, path, None, event.start_mark])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                container, _, anchor, size, _, _, mark = stack.pop()
                if anchor is not None:
                    anchors[anchor] = (container, size)
                    open_anchors.discard(anchor)
                attach(container, size, mark, False)
            elif kind is yaml.AliasEvent:
                if event.anchor in open_anchors:
                    raise _Problem(f"alias *{event.anchor} refers to the collection it is inside (a recursive alias)", event.start_mark)
                if event.anchor not in anchors:
                    raise _Problem(f"alias *{event.anchor} names no anchor defined before it", event.start_mark)
                value, size = anchors[event.anchor]
                alias_nodes += size
                if alias_nodes > MAX_ALIAS_NODES:
                    raise _Problem(
                        f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes (a 'billion laughs' pattern?)",
                        event.start_mark,
                    )
                attach(value, size, event.start_mark, not isinstance(value, (dict, list)))
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Problem("a briefing file holds one YAML document; found a second", event.start_mark)
            elif kind is yaml.StreamEndEvent:
                break
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    if duplicates:
        raise _Problems(duplicates)
    return (None if root is _NO_KEY else root), positions, key_positions


# --- reading ---------------------------------------------------------------------


def read_text(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a file as UTF-8 (a BOM is allowed), refusing what is not a text briefing."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise LoadError(
                    [Diagnostic(name, f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes (raise it with --max-bytes)")], "io"
                )
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise LoadError([Diagnostic(name, "no such file")], "io") from None
    except IsADirectoryError:
        raise LoadError([Diagnostic(name, "is a directory, not a briefing file")], "io") from None
    except PermissionError:
        raise LoadError([Diagnostic(name, "permission denied")], "io") from None
    except OSError as error:
        raise LoadError([Diagnostic(name, f"cannot read: {error.strerror or error}")], "io") from None
    if len(data) > max_bytes:  # the file grew while we read it
        raise LoadError([Diagnostic(name, f"file is over the limit of {max_bytes:,} bytes")], "io")
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    nul = data.find(b"\x00")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError([Diagnostic(name, "file is UTF-16; save it as UTF-8", 1, 1)])
    if nul != -1:
        line, column = line_col(data, nul)
        raise LoadError([Diagnostic(name, "binary data (a NUL byte): this is not a text file", line, column)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = line_col(data, error.start)
        raise LoadError([Diagnostic(name, f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8", line, column)]) from None
    return text.removeprefix("\ufeff")


def parse(text: str, name: str, track: bool = False) -> tuple[Any, dict, dict]:
    """Text → plain data (and, with ``track``, marks by path); errors become LoadError."""
    try:
        return _build(text, track)
    except _Problem as problem:
        raise LoadError([mark_diagnostic(name, problem.message, problem.mark)]) from None
    except _Problems as found:
        raise LoadError([mark_diagnostic(name, message, mark) for message, mark in found.problems]) from None
    except yaml.reader.ReaderError as error:
        code = error.character if isinstance(error.character, int) else ord(error.character)
        line, column = line_col(text, error.position)
        message = f"control character U+{code:04X} is not allowed in YAML (write it as an escape in a double-quoted string)"
        raise LoadError([Diagnostic(name, message, line, column)]) from None
    except yaml.YAMLError as error:
        raise LoadError([yaml_error(name, error, text)]) from None
    except RecursionError:  # pragma: no cover - the builder is iterative; this guards the parser
        raise LoadError([Diagnostic(name, "nesting too deep")]) from None


# --- from errors to positions ------------------------------------------------------


def _located(name: str, text: str, items: list[tuple[str, tuple, bool, Severity]]) -> list[Diagnostic]:
    _, positions, key_positions = parse(text, name, track=True)
    diagnostics = [
        mark_diagnostic(name, message, locate(loc, positions, key_positions, prefer_key), severity) for message, loc, prefer_key, severity in items
    ]
    diagnostics.sort(key=lambda d: (d.severity != "error", d.line or 0, d.column or 0))
    return diagnostics


_TYPE_NAMES = {str: "string", int: "number", float: "number", bool: "boolean"}


#: A further check of a valid briefing (tradecraft, for `check`): findings at paths into its data.
Check = Callable[[Briefing], list[Finding]]


def load_text(text: str, name: str = "<briefing>", checks: Iterable[Check] = ()) -> Loaded:
    """Validate briefing text. Raises LoadError with every problem located: schema errors
    and cross-reference errors together, as a linter reports them. ``checks`` run on a
    valid briefing and add their findings (warnings, usually) to the result."""
    data, _, _ = parse(text, name)
    if data is None:
        raise LoadError([Diagnostic(name, "empty file: no YAML document (expected a mapping with title, summary, sources, …)", 1, 1)])
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a single {_TYPE_NAMES.get(type(data), 'value')}"
        raise LoadError([Diagnostic(name, f"the top level must be a mapping (title: …, summary: …); found {found}", 1, 1)])
    items: list[tuple[str, tuple, bool, Severity]] = []
    briefing: Briefing | None = None
    findings: list[Finding] = cross_check(data)
    try:
        briefing = Briefing.model_validate(data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        items = [(*validation_message(e), "error") for e in errors]
        findings += _checks_of_the_rest(data, errors, checks)
    if briefing is not None:
        for check in checks:
            findings += check(briefing)
    if not items and not findings:
        return Loaded(briefing, name)  # type: ignore[arg-type]
    items += [(f.message, f.path, False, f.severity) for f in findings]
    diagnostics = _located(name, text, items)
    if briefing is None or any(d.severity == "error" for d in diagnostics):
        raise LoadError(diagnostics)
    return Loaded(briefing, name, diagnostics)


def _checks_of_the_rest(data: dict, errors: list, checks: Iterable[Check]) -> list[Finding]:
    """The checks' findings on the items that are valid, when every schema error lies inside
    an item of a list: a linter reports the rest too (one bad ``kind`` hid every warning).
    Their paths are the items' places in the file."""
    checks = list(checks)
    broken: dict[str, set[int]] = {}
    for error in errors:
        loc = error["loc"]
        if not (len(loc) >= 2 and isinstance(loc[0], str) and type(loc[1]) is int and isinstance(data.get(loc[0]), list)):
            return []  # an error outside any one item: no briefing to check
        broken.setdefault(loc[0], set()).add(loc[1])
    if not checks:
        return []
    kept = {name: [i for i in range(len(data[name])) if i not in positions] for name, positions in broken.items()}
    rest = {**data, **{name: [data[name][i] for i in places] for name, places in kept.items()}}
    try:
        briefing = Briefing.model_validate(rest)
    except ValidationError:
        return []
    findings = []
    for check in checks:
        try:
            found = check(briefing)
        except Exception:
            continue
        for finding in found:
            path = finding.path
            if path and path[0] in kept and len(path) > 1 and type(path[1]) is int:
                path = (path[0], kept[path[0]][path[1]], *path[2:])
            findings.append(finding._replace(path=path))
    return findings


def line_of(path: str | os.PathLike, data_path: tuple, max_bytes: int = DEFAULT_MAX_BYTES) -> int | None:
    """The line (from 1) where a part of a briefing file's data starts, or None."""
    return lines_of(path, [data_path], max_bytes)[0]


def lines_of(path: str | os.PathLike, data_paths: list[tuple], max_bytes: int = DEFAULT_MAX_BYTES) -> list[int | None]:
    """The line (from 1) where each of several parts of a briefing file's data starts (None
    where it cannot be placed), from one reading of the file."""
    try:
        text = read_text(path, max_bytes)
        _, positions, _ = parse(text, str(path), track=True)
    except LoadError:
        return [None] * len(data_paths)
    marks = [locate(data_path, positions, {}, prefer_key=False) for data_path in data_paths]
    return [None if mark is None else mark.line + 1 for mark in marks]


def load(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES, checks: Iterable[Check] = ()) -> Loaded:
    """Read and validate a briefing file."""
    return load_text(read_text(path, max_bytes), str(path), checks)
