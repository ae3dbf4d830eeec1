"""The footer: the live bindings of the focused widget, drawn as one line of text.

Textual's Footer mounts a widget per key and recomposes them whenever focus moves;
moving between panes then costs a relayout of the whole screen. This bar reads the
same live bindings (``screen.active_bindings``) and only redraws its text.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from .widgets import offered


class KeyBar(Static):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .keybar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    KeyBar > .keybar--description {
        color: $footer-description-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="keybar")
        self._targets: list[tuple[int, int, str]] = []
        self._shown: Text | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._bindings_changed, self.screen)

    def _bindings_changed(self, screen: Screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        text = Text(no_wrap=True, overflow="ellipsis")
        targets: list[tuple[int, int, str]] = []
        shown: set[str] = set()
        palette = None
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.action == "command_palette":
                palette = binding
            if not binding.show or binding.action in shown or not offered(node, binding.action):
                continue
            shown.add(binding.action)
            start = len(text)
            text.append(f" {self.app.get_key_display(binding)} ", key_style)
            text.append(binding.description, description_style if enabled else "dim")
            targets.append((start, len(text), binding.key))
            text.append(" ")
        if palette is not None:
            start = len(text)
            text.append(f"  {self.app.get_key_display(palette)} ", key_style)
            text.append("palette", description_style)
            targets.append((start, len(text), palette.key))
        self._targets = targets
        if text != self._shown:
            self._shown = text
            self.update(text, layout=False)  # always one line high: no layout needed

    async def on_click(self, event: events.Click) -> None:
        for start, end, key in self._targets:
            if start <= event.x < end:
                self.app.simulate_key(key.split(",")[0])
                return


class ClickableLine(Widget):
    """One line of labels, each a target for the mouse: ``line(width)`` gives the text and
    where each label lies; a click on one posts ``Clicked`` with its key."""

    DEFAULT_CSS = "ClickableLine { height: 1; }"

    class Clicked(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def line(self, width: int) -> tuple[Text, list[tuple[int, int, str]]]:
        raise NotImplementedError

    def render(self) -> Text:
        return self.line(self.size.width)[0]

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self.line(self.size.width)[1]:
            if start <= event.x < end:
                self.post_message(self.Clicked(key))
