"""Where the bundled briefing lives, and the size cap: cheap to import on every path."""

from __future__ import annotations

from pathlib import Path

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def default_path() -> Path:
    """The bundled briefing: inside the installed package, or in a source checkout."""
    packaged = Path(__file__).parent / "data" / "briefing.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "data" / "briefing.yaml"
