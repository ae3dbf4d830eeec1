"""What the screens share: small widgets, the messages they send the app, and notices."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding, BindingsMap
from textual.message import Message
from textual.widgets import Static

from ..text import clean

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.widget import Widget

    from ..refs import Ref


def offered(node: object, action: str) -> bool:
    """Whether a binding's action would act on what is focused now: a node says no with an
    ``offers(action)`` method (a source without a URL offers no "Open URL"). The footer and
    the palette list only what is offered; the key still answers, with a notice saying why
    it cannot act (``check_action`` would silence it)."""
    offers = getattr(node, "offers", None)
    return offers(action.partition("(")[0]) if callable(offers) else True  # "step_citation(1)": its name


def say(node: Widget | App, message: str, severity: str = "information") -> None:
    """A notification, always plain text: messages quote ids and URLs from the briefing."""
    node.notify(clean(message), severity=severity, markup=False)  # type: ignore[arg-type]


def set_height(widget: Widget, rows: int | None) -> None:
    """A widget's height in rows (None: the stylesheet's), set only when it changes: Textual
    lays the screen out again for any height set, the same one too, and a fit that changes
    nothing (a resize, a reload, a pane chosen twice) must cost nothing."""
    inline = widget.styles.inline.height  # what was set last
    if (inline.cells if inline is not None else None) != rows:
        widget.styles.height = rows


class OpenBriefing(Message):
    """Open a briefing of the library in a dashboard over it (back returns to where it was
    asked); ``ref``: the item to show once it is loaded."""

    def __init__(self, path: str | Path, ref: Ref | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self.ref = ref


class KeysWelcome(Message):
    """A screen that takes typed-ahead keys has its input focused: the held keys may come."""


class TakesTypedKeys:
    """A screen whose input takes the keys typed as it opens: "/lav⏎" typed in one go must
    reach the search box, not the pane behind it. While it is on top and not yet
    ``ready_for_keys``, the app holds keys; the screen posts ``KeysWelcome`` when it is."""

    ready_for_keys = False


class OneLine(Static):
    """A line of text that always fits: cut with an ellipsis where the terminal ends, never
    silently (the stylesheet sets text-wrap: nowrap and text-overflow: ellipsis)."""

    def update(self, content: Text | None = None) -> None:  # type: ignore[override]
        from textual.content import Content

        text = Text() if content is None else content if isinstance(content, Text) else Text(str(content))
        super().update(Content.from_rich_text(text), layout=False)


def bindings_of(cls: type[DOMNode], keymap: Mapping[str, str] | None = None) -> list[Binding]:
    """What a class of screen or widget binds, its bases' first, with the reader's keymap
    applied (``BriefingApp.keymap``): the keys as they act, for the help."""
    bindings = BindingsMap()
    for klass in reversed(cls.__mro__):  # a key a subclass binds replaces its bases' binding of it
        if "BINDINGS" in vars(klass):
            bindings.key_to_bindings.update(BindingsMap(vars(klass)["BINDINGS"]).key_to_bindings)
    if keymap:
        bindings.apply_keymap(dict(keymap))
    return [binding for key_bindings in bindings.key_to_bindings.values() for binding in key_bindings]
