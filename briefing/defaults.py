"""Where the bundled briefing lives, the size cap, the export formats: cheap to import on every path."""

from __future__ import annotations

from pathlib import Path

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

#: Export formats: the name a reader sees and the file suffix (briefing.export does the work).
EXPORT_FORMATS = {
    "markdown": ("Markdown", ".md"),
    "html": ("HTML", ".html"),
    "json": ("JSON", ".json"),
    "svg": ("SVG", ".svg"),
    "stix": ("STIX 2.1", ".stix.json"),
    "annotations": ("W3C Web Annotations", ".annotations.jsonld"),
    "ics": ("iCalendar (the open questions' due dates)", ".ics"),
}


def default_path() -> Path:
    """The bundled briefing: inside the installed package, or in a source checkout."""
    packaged = Path(__file__).parent / "data" / "briefing.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "data" / "briefing.yaml"
