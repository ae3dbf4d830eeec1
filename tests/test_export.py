"""Exports: Markdown, HTML (also in a real browser), JSON, SVG, STIX 2.1, and the schema."""

from __future__ import annotations

import json

import pytest

from briefing.cli import main
from briefing.export import to_html, to_json, to_markdown, to_stix, to_svg, write_atomically
from briefing.loader import default_path, load, load_text
from briefing.model import Briefing
from briefing.schema import schema_json

from .conftest import MINIMAL, ROOT

EVIL = MINIMAL.replace("title: Test briefing", 'title: "<script>alert(1)</script> [x](http://e) *b* \\e[31m"').replace(
    "    title: Source one", '    title: "<img src=x onerror=alert(2)>"'
)


@pytest.fixture(scope="module")
def bundled() -> Briefing:
    return load(default_path()).briefing


def test_schema_command_prints_the_committed_schema(capsys):
    assert main(["schema"]) == 0
    committed = (ROOT / "schema" / "briefing.schema.json").read_text(encoding="utf-8")
    assert capsys.readouterr().out == committed, "schema/ drifted from the model: run `briefing schema > schema/briefing.schema.json`"


def test_every_schema_field_has_a_description():
    document = json.loads(schema_json())
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, field in node.get("properties", {}).items():
                if "description" not in field:
                    missing.append(f"{where}.{name}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    walk(document, "")
    assert missing == []


def test_bundled_briefing_points_editors_at_the_schema():
    first = (ROOT / "data" / "briefing.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/briefing.schema.json"


def test_json_round_trips(bundled):
    text = to_json(bundled)
    assert Briefing.model_validate(json.loads(text)) == bundled
    assert to_json(bundled) == text  # stable


def test_json_is_also_a_loadable_briefing_file(tmp_path, bundled):
    path = tmp_path / "b.json"
    path.write_text(to_json(bundled), encoding="utf-8")
    assert load(path).briefing == bundled  # JSON is YAML


def test_markdown_writes_citations_as_the_briefing_numbers_them(bundled):
    text = to_markdown(bundled)
    assert "- **Bases Operated:** Air base in Hmeimim, Naval base in Tartus \\[1\\]\\[3\\]" in text
    for number in (1, 2, 3, 4):
        assert f"\n- **\\[{number}\\]** *untitled source*" in text
    assert "[^" not in text  # no footnotes: renderers renumber them (tests/test_markdown.py)
    assert "likely · 55–80%" in text


def test_markdown_escapes_briefing_text():
    text = to_markdown(load_text(EVIL).briefing)
    assert "\\<script\\>alert\\(1\\)" not in text  # parentheses are not over-escaped
    # \x1b is shown as the four characters \x1b, whose backslash Markdown needs escaped
    assert "# \\<script\\>alert(1)\\</script\\> \\[x\\](http\\://e) \\*b\\* \\\\x1b\\[31m" in text


def test_html_is_self_contained_and_links_both_ways(bundled):
    page = to_html(bundled)
    assert "<script" not in page and "http" not in page.replace("https://", "").split("<body>")[0]
    assert '<li id="summary-bases-operated">' in page
    assert '<a class="cite" href="#source-1">[1]</a>' in page
    assert '<li id="source-1" value="1">' in page
    assert '<a href="#summary-bases-operated">↩ bullet: Bases Operated</a>' in page


def test_html_escapes_every_briefing_string():
    page = to_html(load_text(EVIL).briefing)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "\x1b" not in page
    assert '<a href="https://example.org/two">https://example.org/two</a>' in page


def test_a_url_no_loader_checked_is_written_as_words_not_a_link():
    """Every URL a loaded briefing holds is an http(s) URL; a briefing built in code is not
    checked, and a ``javascript:`` URL must not become a link (nor its words markup)."""
    briefing = load_text(MINIMAL).briefing
    source = briefing.sources[0].model_copy(update={"url": 'javascript:alert(1)//"><b>'})
    page = to_html(briefing.model_copy(update={"sources": [source, *briefing.sources[1:]]}))
    assert 'href="javascript' not in page and "<b>" not in page
    assert "javascript:alert(1)//&quot;&gt;&lt;b&gt;" in page


def test_svg_is_the_print_rendering(bundled):
    svg = to_svg(bundled)
    assert svg.startswith("<svg") and "Bases&#160;Operated" in svg


def test_stix_bundle_validates_and_maps_confidence(bundled):
    stix2 = pytest.importorskip("stix2")
    bundle = stix2.parse(to_stix(bundled), allow_custom=False)
    objects = {obj.type: [] for obj in bundle.objects}
    for obj in bundle.objects:
        objects[obj.type].append(obj)
    report = objects["report"][0]
    assert report.name == bundled.title
    assert {ref.source_name for ref in report.external_references} == {f"[{n}] untitled source" for n in (1, 2, 3, 4)}
    judgment = next(note for note in objects["note"] if "judgment" in note.labels)
    # The article states no confidence, so the bundle gives none (never one read off "likely").
    assert "likely" in judgment.labels and getattr(judgment, "confidence", None) is None
    assert len(objects["location"]) == 2 and len(objects["identity"]) == 8  # the author and 7 stakeholders
    assert to_stix(bundled) == to_stix(bundled)  # ids are derived, not random


def test_stix_admiralty_credibility_sets_a_bullets_confidence():
    pytest.importorskip("stix2")
    graded = MINIMAL.replace("    title: Source one", "    title: Source one\n    reliability: B\n    credibility: 2")
    bundle = json.loads(to_stix(load_text(graded).briefing))
    note = next(o for o in bundle["objects"] if o["type"] == "note" and o.get("content") == "First bullet")
    assert note["confidence"] == 70  # Admiralty 2, "probably true"


@pytest.mark.parametrize("format", ["markdown", "html", "json", "svg", "stix"])
def test_export_command_to_stdout_and_to_a_file(format, tmp_path, capsys):
    if format == "stix":
        pytest.importorskip("stix2")
    assert main(["export", "--format", format]) == 0
    out = capsys.readouterr().out
    assert out
    target = tmp_path / f"out.{format}"
    assert main(["export", "-f", format, "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == out
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary left behind


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    target = tmp_path / "out.html"
    target.write_text("old", encoding="utf-8")

    with pytest.raises(TypeError):
        write_atomically(target, 42)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_export_of_a_broken_briefing_exits_1_and_writes_nothing(write, tmp_path, capsys):
    bad = write("title: [\n")
    target = tmp_path / "out.md"
    assert main(["export", "-f", "markdown", "-o", str(target), str(bad)]) == 1
    assert not target.exists()


def test_export_into_a_missing_directory_exits_2(capsys):
    assert main(["export", "-f", "json", "-o", "/no/such/dir/out.json"]) == 2
    assert "cannot write" in capsys.readouterr().err


# --- a real browser ----------------------------------------------------------------------


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_export_gets_the_mode_the_umask_allows(tmp_path, umask, expected):
    import os
    import stat

    old = os.umask(umask)
    try:
        target = tmp_path / "out.md"
        assert main(["export", "-f", "markdown", "-o", str(target)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == expected
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temporary left behind


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o755])
def test_an_existing_file_keeps_its_mode_when_exported_over(tmp_path, mode):
    import os
    import stat

    target = tmp_path / "out.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(mode)
    old = os.umask(0o077)
    try:
        write_atomically(target, "new")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == mode and target.read_text(encoding="utf-8") == "new"


def test_back_link_labels_end_at_a_word(bundled):
    import re

    page = to_html(bundled)
    labels = re.findall(r'<a href="#[^"]+">↩ [a-z]+: ([^<]*)</a>', page)
    cut = [label for label in labels if label.endswith("…")]
    assert cut, "the bundled briefing has long labels"
    for label in cut:
        assert label[-2].isalnum() and not label[:-1].endswith(" "), label
    assert "Russia is expected to retain and potentially formalize its…" in labels


def test_shorten_cuts_at_a_word_unless_the_word_is_too_long():
    from briefing.text import shorten

    assert shorten("short enough", 20) == "short enough"
    assert shorten("one two three four five", 12) == "one two…"
    assert shorten("one, two, three", 11) == "one, two…"
    assert shorten("a" * 30, 10) == "a" * 9 + "…"
    assert shorten("  spread\n out  text ", 40) == "spread out text"
