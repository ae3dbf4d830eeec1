"""The only place the tests look inside Textual: counting the work a keypress costs.

Three tests guard performance properties no public API shows — a jump never lays the screen
out again, focus moving never repaints all of it, the first frame is "Loading …" and never
empty panes. They count calls to three private methods, hooked here and nowhere else;
``test_the_textual_internals_the_probes_watch_still_exist`` (tests/test_tui.py) fails first,
and says which, if a Textual upgrade renames or removes one.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from textual._compositor import Compositor
from textual.screen import Screen
from textual.widget import Widget

#: (owner, name, parameters after self): what the probes hook, as this Textual has it.
WATCHED: list[tuple[type, str, list[str]]] = [
    (Screen, "_refresh_layout", ["size", "scroll"]),  # a layout of the screen (a scroll's aside)
    (Screen, "_compositor_refresh", []),  # a frame painted
    (Compositor, "render_full_update", ["simplify"]),  # a repaint of the whole screen
]


#: (owner, method): where Textual keeps a layout still to come in ``_layout_required``.
PENDING: list[tuple[type, str]] = [(Widget, "_check_refresh"), (Screen, "_on_timer_update")]


def missing() -> list[str]:
    """The watched methods this Textual no longer has in the shape the probes expect."""
    gone = []
    for owner, name, parameters in WATCHED:
        method = getattr(owner, name, None)
        if method is None or list(inspect.signature(method).parameters)[1:] != parameters:
            gone.append(f"{owner.__name__}.{name}({', '.join(parameters)})")
    for owner, name in PENDING:
        method = getattr(owner, name, None)
        if method is None or "_layout_required" not in inspect.getsource(method):
            gone.append(f"{owner.__name__}.{name} reading _layout_required")
    return gone


def layout_pending(screen: Screen) -> bool:
    """Whether a layout of the screen is still to come: asked for by a widget, on its way to the
    screen as a message, or due at the screen's next update. A layout can ask for another (it
    gives a scrollbar its new size, and the scrollbar asks for a layout), so a screen whose
    sizes already look right may still have one to do."""
    return (
        screen._layout_required
        or screen.message_queue_size > 0
        or any(widget._layout_required for widget in screen.walk_children(Widget, with_self=False))
    )


@contextmanager
def _hooked(owner: type, name: str, note: Callable[..., None]) -> Iterator[None]:
    real = getattr(owner, name)

    def hooked(self: Any, *args: Any, **kwargs: Any) -> Any:
        note(self, *args, **kwargs)
        return real(self, *args, **kwargs)

    setattr(owner, name, hooked)
    try:
        yield
    finally:
        setattr(owner, name, real)


@contextmanager
def layouts() -> Iterator[list[bool]]:
    """Each time a screen is laid out again, whether it was for a scroll."""
    seen: list[bool] = []
    with _hooked(Screen, "_refresh_layout", lambda screen, size=None, scroll=False: seen.append(scroll)):
        yield seen


@contextmanager
def full_repaints() -> Iterator[list[int]]:
    """One entry for each repaint of the whole screen."""
    seen: list[int] = []
    with _hooked(Compositor, "render_full_update", lambda compositor, *args, **kwargs: seen.append(1)):
        yield seen


@contextmanager
def frames(note: Callable[[Screen], None]) -> Iterator[None]:
    """``note(screen)`` as each frame of a screen is painted."""
    with _hooked(Screen, "_compositor_refresh", note):
        yield
