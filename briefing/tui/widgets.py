"""Small widgets the screens share (the dashboard's and the library's title lines)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class OneLine(Static):
    """A line of text that always fits: cut with an ellipsis where the terminal ends, never
    silently (the stylesheet sets text-wrap: nowrap and text-overflow: ellipsis)."""

    def update(self, content: Text | None = None) -> None:  # type: ignore[override]
        from textual.content import Content

        text = Text() if content is None else content if isinstance(content, Text) else Text(str(content))
        super().update(Content.from_rich_text(text), layout=False)
