"""Hostile and broken input: refused clearly and quickly, or rendered faithfully and safely."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from briefing.cli import main
from briefing.index import BriefingIndex
from briefing.loader import LoadError, load, parse
from briefing.model import ECMA_WHITESPACE, Briefing
from briefing.render import clean, detail, document, row

from .conftest import MINIMAL, ROOT

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = dict(line.split("\t", 1) for line in (CORPUS / "expected.tsv").read_text(encoding="utf-8").splitlines())
SUITE = ROOT.parent / "shared" / "yaml-test-suite"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_corpus_gives_the_expected_located_message(name, capsys):
    # How long each takes is measured in benchmarks/ (the hostile corpus row), not here.
    path = CORPUS / "bad" / name
    status = main(["check", str(path)])
    first = capsys.readouterr().err.splitlines()[0]
    assert status == 1
    assert first == f"{path}:{EXPECTED[name]}"


def test_every_corpus_file_is_listed():
    assert sorted(p.name for p in (CORPUS / "bad").iterdir()) == sorted(EXPECTED)


# --- the public YAML test suite -----------------------------------------------------------

SUITE_CASES = sorted(p.parent for p in SUITE.rglob("in.yaml")) if SUITE.is_dir() else []
# Where libyaml itself reads these inputs differently from the YAML spec; not ours to fix.
LIBYAML_DIVERGES = {"652Z", "HM87/01", "JEF9/02", "L24T/01", "Y2GN"}


@pytest.mark.skipif(not SUITE_CASES, reason="shared/yaml-test-suite is not beside the checkout")
def test_yaml_test_suite_every_case_is_clean_or_a_located_error():
    assert len(SUITE_CASES) >= 400
    for case in SUITE_CASES:
        try:
            load(case / "in.yaml")
        except LoadError as error:
            assert error.diagnostics, case
            for diagnostic in error.diagnostics:
                assert diagnostic.line is not None and diagnostic.column is not None, (case, str(diagnostic))


@pytest.mark.skipif(not SUITE_CASES, reason="shared/yaml-test-suite is not beside the checkout")
def test_yaml_test_suite_valid_cases_read_as_the_suite_says():
    same = 0
    for case in SUITE_CASES:
        name = str(case.relative_to(SUITE))
        expected_json = case / "in.json"
        if (case / "error").exists() or not expected_json.exists() or name in LIBYAML_DIVERGES:
            continue
        try:
            value, _, _ = parse((case / "in.yaml").read_text(encoding="utf-8"), name)
        except LoadError:
            continue  # refused on purpose: tags, duplicate keys, several documents, complex keys
        try:
            expected = json.loads(expected_json.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            continue  # several documents
        assert value == expected, name
        same += 1
    assert same >= 190


# --- rendering anything safely ------------------------------------------------------------

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(r"\x1b\[[0-9;]*m")
nasty = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            [
                "\x1b",
                "\x07",
                "\x00",
                "\x9b",
                "\u202e",
                "\u2066",
                "[",
                "]",
                "/",
                "[bold]",
                "[/]",
                "[link=x]",
                "\r",
                "\t",
                "\x1b[31m",
                "\x1b]8;;http://x\x07",
            ]
        ),
    ),
    min_size=1,
    max_size=30,
).map(
    # Blank text is refused by the model — blank as the schema's patterns read it (ECMA-262's \s,
    # U+FEFF among them), not as str.isspace() does: "\ufeff" alone failed one run in many.
    lambda parts: "".join(parts) + ("x" if ECMA_WHITESPACE.issuperset("".join(parts)) else "")
)


def briefing_with(text: str) -> Briefing:
    data = yaml.safe_load(MINIMAL)
    data["title"] = data["region"] = data["bluf"] = text
    data["summary"][0]["text"] = data["summary"][1]["label"] = text
    data["stakeholders"][0]["name"] = data["stakeholders"][0]["statements"][0]["text"] = text
    data["tensions"][0]["title"] = text
    data["sources"][0]["title"] = data["sources"][0]["note"] = text
    data["bases"] = [{"id": "b", "name": text, "kind": "air", "location": {"place": text, "country": text}, "status": text, "citations": [1]}]
    data["judgments"] = [{"id": "j", "text": text, "likelihood": "likely", "citations": [2]}]
    data["timeline"] = [{"date": "2025", "text": text}]
    return Briefing.model_validate(data)


def rendered(renderable, width: int = 60) -> str:
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=width, emoji=False, highlight=False)
    console.print(renderable)
    return console.file.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nasty)
def test_no_renderer_raises_or_emits_a_raw_control_character(text):
    briefing = briefing_with(text)
    index = BriefingIndex(briefing)
    outputs = [rendered(document(briefing)), rendered(document(briefing, sections=["bases"]))]
    outputs += [rendered(row(index, ref)) + rendered(detail(index, ref)) for ref in index.items]
    for output in outputs:
        leftover = SGR.sub("", output)
        assert not RAW_CONTROL.search(leftover), repr(leftover)
        assert "\x1b" not in leftover


@given(nasty)
def test_clean_leaves_no_raw_control_characters(text):
    assert not RAW_CONTROL.search(clean(text))


def test_markup_is_shown_literally():
    briefing = briefing_with("[bold]x[/bold] [link=http://evil]y[/link] [/]")
    assert "[bold]x[/bold] [link=http://evil]y[/link] [/]" in rendered(document(briefing), 200)


def test_wide_and_right_to_left_text_keeps_the_fields_aligned():
    """Every value of a base's fields, and every line it wraps onto, starts at the same cell,
    whatever the width of the characters before it."""
    from rich.cells import cell_len

    data = yaml.safe_load(MINIMAL)
    names = ["طرطوس", "حميميم 🚀", "東京基地", "Café́ combining", "plain"]
    data["bases"] = [
        {"id": f"b{i}", "name": name, "kind": "air", "location": {"place": name * 6, "country": "X"}, "role": "東京基地 " * 12, "citations": [1]}
        for i, name in enumerate(names)
    ]
    briefing = Briefing.model_validate(data)
    lines = SGR.sub("", rendered(document(briefing, sections=["bases"]), 80)).splitlines()
    field_lines = [line for line in lines if line.startswith("   ")]  # under each base's title
    # Three spaces, the widest key ("evidence") and a space: the value's first cell is the 13th.
    assert all(cell_len(line[:12]) == 12 and line[12] != " " for line in field_lines), field_lines
    assert all(cell_len(line) <= 80 for line in lines)
    assert sum("東京基地" in line for line in field_lines) >= 10  # the role wrapped, and shown


def test_a_very_long_string_wraps_without_breaking_the_layout():
    briefing = briefing_with("x" * 20_000)
    output = SGR.sub("", rendered(document(briefing), 80))
    from rich.cells import cell_len

    assert max(cell_len(line) for line in output.splitlines()) <= 80


def test_labels_style_only_themselves():
    """Regression: Text("BLUF ", style) styles every character appended after it too."""
    from briefing.index import Ref
    from briefing.render import bluf, cited_by_entry

    briefing = briefing_with("plain words")
    text = bluf(briefing)
    assert not str(text.style) and text.get_style_at_offset(Console(), len(text) - 1) == Console().get_style("none")
    entry = cited_by_entry(BriefingIndex(briefing), Ref("summary", "b1"))
    assert not str(entry.style)
