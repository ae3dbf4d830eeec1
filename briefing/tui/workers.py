"""Workers that never take the dashboard down: one place decides what an unexpected
exception in a worker becomes — a notification that says what failed and where, while
the briefing on screen stays as it was."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.dom import DOMNode

from ..text import clean

if TYPE_CHECKING:
    from textual.app import App

Method = TypeVar("Method", bound=Callable[..., Any])


def failure_text(what: str, error: BaseException) -> str:
    """``Export failed: ValueError: boom (export.py:120)``: what, why, and where it was raised."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    detail = str(error)
    return f"{what} failed: {type(error).__name__}{': ' + detail if detail else ''}{where}"


def notify_failure(app: App, what: str, error: BaseException) -> None:
    """Say, from a worker thread, that ``what`` failed and where."""
    app.call_from_thread(app.notify, clean(failure_text(what, error)), severity="error", markup=False, timeout=10)


def guarded_work(what: str, *, group: str = "default", exclusive: bool = False) -> Callable[[Method], Method]:
    """A thread worker whose unexpected exceptions are reported, never raised into the app."""

    def decorate(method: Method) -> Method:
        @wraps(method)
        def run(node: DOMNode, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(node, *args, **kwargs)
            except Exception as error:
                notify_failure(node.app, what, error)
                return None

        return work(thread=True, group=group, exclusive=exclusive, exit_on_error=False)(run)  # type: ignore[return-value]

    return decorate
