"""Edits in place: the fields that change as news arrives, written back into the briefing file
with its comments, order and formatting kept (ruamel.yaml's round trip), so that a diff of the
file shows only the lines that changed.

What an edit is, is pure (``step``, ``Edit``); writing it is ``apply`` (text in, text out) and
``write`` (the file, atomically, its mode kept, validated first).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, NamedTuple

from .scales import LIKELIHOODS

INDICATOR_STATUSES = ("not observed", "partially observed", "observed")
CONFIDENCES = ("low", "moderate", "high")
SCALES: dict[str, tuple[str, ...]] = {"status": INDICATOR_STATUSES, "likelihood": tuple(LIKELIHOODS), "confidence": CONFIDENCES}


class EditError(Exception):
    """Why an edit cannot be made, in a reader's words."""


class Edit(NamedTuple):
    """One field of one item set to a value; and the change_reason of the judgment it bears on."""

    #: Where the item stands in the data: ``("judgments", 0)`` or ``("judgments", 0, "indicators", 1)``.
    path: tuple[str | int, ...]
    field: str
    value: str
    #: The judgment whose change_reason says why: ``("judgments", 0)``.
    judgment: tuple[str | int, ...]
    reason: str


def step(field: str, current: str | None, by: int) -> str | None:
    """The next value of a field on its scale (``by`` +1 up, -1 down); the indicator status
    cycles round; a likelihood or confidence stops at its ends (None: no further)."""
    scale = SCALES[field]
    position = scale.index(current) if current in scale else (0 if by > 0 else len(scale) - 1)
    if field == "status":
        return scale[(position + by) % len(scale)]
    target = position + by if current in scale else position
    return scale[target] if 0 <= target < len(scale) else None


def round_trip(text: str) -> Any:
    """A ruamel.yaml set up to write this text back as it is: its indentation detected."""
    from ruamel.yaml import YAML

    best = None
    for offset in (2, 0):
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096
        yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
        if text.lstrip().startswith("---"):
            yaml.explicit_start = True
        out = io.StringIO()
        yaml.dump(yaml.load(text), out)
        if out.getvalue() == text:
            return yaml
        best = best or yaml
    return best


def _node(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def apply(text: str, edit: Edit) -> str:
    """The file's text with the edit made: the field set, the judgment's change_reason set
    (added after its confidence, or its likelihood, when it had none)."""
    yaml = round_trip(text)
    data = yaml.load(text)
    try:
        item, judgment = _node(data, edit.path), _node(data, edit.judgment)
    except (KeyError, IndexError, TypeError):
        raise EditError("the item is no longer where it was in the file (reload and try again)") from None
    _set(item, edit.field, edit.value, after=("id",))
    _set(judgment, "change_reason", edit.reason, after=("confidence", "likelihood"))
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _set(mapping: Any, key: str, value: str, after: tuple[str, ...]) -> None:
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping.keys())
    anchor = next((name for name in after if name in keys), None)
    mapping.insert(keys.index(anchor) + 1 if anchor is not None else len(keys), key, value)


def write(path: Path, edit: Edit) -> str:
    """Make the edit in the file: validated before it is written (atomically, mode kept)."""
    from .files import write_atomically
    from .loader import LoadError, load_text

    text = path.read_text(encoding="utf-8")
    new_text = apply(text, edit)
    try:
        load_text(new_text, str(path))
    except LoadError as error:
        raise EditError("; ".join(d.message for d in error.diagnostics[:3])) from None
    write_atomically(path, new_text)
    return new_text
