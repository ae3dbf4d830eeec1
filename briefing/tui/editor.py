"""Leaving the dashboard for the reader's editor (at the selected item's line) and for the
browser (a source's URL): what runs, decided here; the screen only asks."""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App


def editor_arguments(editor: str, path: Path, line: int | None) -> list[str]:
    """The file, at a line, as each editor takes it: ``+LINE FILE`` (vi, vim, nvim, nano,
    emacs, micro, helix and most others), ``--goto FILE:LINE`` for VS Code."""
    name = os.path.basename(shlex.split(editor)[0]) if editor.strip() else ""
    if line is None:
        return [str(path)]
    if name in ("code", "code-insiders", "codium"):
        return ["--goto", f"{path}:{line}"]
    return [f"+{line}", str(path)]


def editor_command(path: Path, line: int | None, environment: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """The reader's editor (``$VISUAL``, else ``$EDITOR``, else vi) and the command that opens
    ``path`` at ``line`` in it."""
    environment = dict(os.environ) if environment is None else environment
    editor = environment.get("VISUAL") or environment.get("EDITOR") or "vi"
    return editor, [*shlex.split(editor), *editor_arguments(editor, path, line)]


def run_editor(command: list[str]) -> None:
    """Run the editor in the foreground (the caller suspends the app around it)."""
    import subprocess

    subprocess.call(command)


def edit(app: App, path: Path, line: int | None) -> str | None:
    """Open ``path`` at ``line`` in the reader's editor, the app suspended meanwhile; why
    not, when it could not be opened."""
    editor, command = editor_command(path, line)
    try:
        with app.suspend():
            run_editor(command)
    except Exception as error:
        return f"Could not open {editor}: {error}"
    return None
