"""Where each problem in a briefing file is: validation errors and findings mapped to
``file:line:col``, and messages in a reader's words.

Pure: given the problems and the marks the parser recorded, it says where each one is;
the loader (loader.py) reads the file and asks. No I/O, no UI.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any, Literal, NamedTuple

import yaml
from pydantic import BaseModel

from .model import Briefing

Severity = Literal["error", "warning", "note"]


class Diagnostic(NamedTuple):
    """One problem, printable as ``file:line:col: severity: message``."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.column or 1}"
        return f"{where}: {self.severity}: {self.message}"


def line_col(data: bytes | str, offset: int) -> tuple[int, int]:
    if isinstance(data, bytes):
        before_bytes = data[:offset]
        return before_bytes.count(b"\n") + 1, offset - (before_bytes.rfind(b"\n") + 1) + 1
    before = data[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def mark_diagnostic(name: str, message: str, mark: Any, severity: Severity = "error") -> Diagnostic:
    if mark is None:
        return Diagnostic(name, message, severity=severity)
    return Diagnostic(name, message, mark.line + 1, mark.column + 1, severity)


def yaml_error(name: str, error: yaml.YAMLError, text: str) -> Diagnostic:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        if error.context and error.problem:
            started = error.context_mark
            if started is not None and mark is not None and (started.line, started.column) != (mark.line, mark.column):
                problem = f"{error.problem} ({error.context} started at {started.line + 1}:{started.column + 1})"
            else:
                problem = f"{error.problem} ({error.context})"
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            problem += "; it is a tab, and YAML indents with spaces only"
        if "maximum nesting depth" in problem:
            problem = "nesting too deep (over a thousand levels); a briefing needs a handful"
        return mark_diagnostic(name, f"YAML syntax: {problem}", mark)
    return Diagnostic(name, f"YAML syntax: {error}")


def _char_at(text: str, line: int, column: int) -> str:
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start + column : start + column + 1]


def _field_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``X``, ``list[X]`` or ``X | None``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for argument in typing.get_args(annotation):
            found = _field_model(argument)
            if found is not None:
                return found
    return None


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = Briefing
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(part)
        model = _field_model(info.annotation) if info else None
    return model


def _describe(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "briefing"


def _a_value(value: Any) -> str:
    """What a YAML value found where a mapping belongs is, in a reader's words (the loader
    builds nothing else: a mapping there is no error)."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "a string" if isinstance(value, str) else "nothing"


def validation_message(error: Mapping[str, Any]) -> tuple[str, tuple[Any, ...], bool]:
    """(message, loc, points at a key)."""
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        parent, key = loc[:-1], loc[-1]
        model = _model_at(parent)
        message = f"unknown key {key!r}"
        if key == "<<":
            message += " (YAML merge keys are not part of YAML 1.2; write the keys out)"
            return message, loc, True
        if parent:
            message += f" in {_describe(parent)}"
        if model is not None:
            import difflib  # only on this error path: it costs start-up time on every run

            close = difflib.get_close_matches(str(key), list(model.model_fields))  # the closest first
            if close:
                message += f" (did you mean {close[0]!r}?)"
            else:
                message += f"; allowed: {', '.join(model.model_fields)}"
        return message, loc, True
    if kind == "missing":
        return f"{_describe(loc[:-1])}: missing required key {loc[-1]!r}", loc, False
    if kind in ("model_type", "dict_type"):  # Pydantic says "a valid dictionary or instance of Ach"
        return f"{_describe(loc)}: expected a mapping (key: value lines), found {_a_value(error.get('input'))}", loc, False
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return f"{_describe(loc)}: {message}", loc, False


def locate(loc: tuple[Any, ...], positions: dict[tuple[Any, ...], Any], key_positions: dict[tuple[Any, ...], Any], prefer_key: bool) -> Any:
    if prefer_key and loc in key_positions:
        return key_positions[loc]
    for end in range(len(loc), -1, -1):
        mark = positions.get(loc[:end])
        if mark is not None:
            return mark
    return None
