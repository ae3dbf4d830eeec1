from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "briefing.yaml"

MINIMAL = """\
schema_version: 1
title: Test briefing
as_of: 2025-07
region: Nowhere
bluf: Nothing happens.
summary:
  - id: b1
    text: First bullet
    citations: [1, 2]
  - id: b2
    label: Second
    text: Second bullet
    citations: [2]
stakeholders:
  - id: alpha
    name: Alpha
    kind: state
    statements:
      - text: We said a thing.
        citations: [1]
tensions:
  - id: t1
    title: A tension
    parties: [alpha]
    severity: high
    citations: [1]
sources:
  - id: 1
    title: Source one
  - id: 2
    title: Source two
    url: https://example.org/two
"""


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@pytest.fixture
def write(tmp_path):
    """Write text to a briefing file and return its path."""

    def _write(text: str, name: str = "briefing.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright (which downloads no browser of its own)."""
    from .clients import CHROMIUM_ARGS, chromium

    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the test extra) is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(autouse=True)
def _own_settings(tmp_path_factory, tmp_path, monkeypatch):
    """The tests' cache (library rows, saved copies' texts), config (keys, theme) and state (the
    theme remembered) are theirs, never the user's: a reader's config.toml must not change a test."""
    base = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "no-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # each test's own: a theme chosen is remembered
    # The day questions fall due by (ages and "due since" change daily): the same in every run,
    # in the processes the tests start too. A test of the clock's own day unsets it.
    monkeypatch.setenv("BRIEFING_TODAY", "2026-11-30")
    # A test's folder is no part of whatever git repository the machine has above the
    # temporary folder: its track record is its own files'.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(base))
