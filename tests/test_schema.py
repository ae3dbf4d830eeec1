"""The JSON Schema describes the file as written: `briefing check` and a Draft 2020-12
validator agree on the bundled briefing, the valid fixtures and many mutations of them.

The validator is python-jsonschema with ECMA-262 regular expressions (as the JSON
Schema spec asks, and as editors' JavaScript validators use); check-jsonschema, the
command users run, is tried on the files themselves.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from briefing.loader import LoadError, decode, load_text, parse
from briefing.schema import schema

from .conftest import DATA, MINIMAL, ROOT

jsonschema = pytest.importorskip("jsonschema")
regress = pytest.importorskip("regress")


def _ecma_pattern(validator, pattern, instance, schema):
    if isinstance(instance, str) and regress.Regex(pattern).find(instance) is None:
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})
VALIDATOR = Validator(schema())


def check_says_valid(text: str) -> bool:
    try:
        load_text(text, "case.yaml")
    except LoadError as error:
        assert all(d.severity == "error" for d in error.diagnostics if d.severity == "error")
        return False
    return True


def schema_says_valid(text: str) -> bool:
    try:
        data, _, _ = parse(text, "case.yaml")
    except LoadError:
        return False  # no data a JSON Schema could be given (`.nan`: JSON has no NaN)
    return VALIDATOR.is_valid(data)


def edit(path: tuple, value) -> Callable[[dict], None]:
    def apply(data: dict) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        if value is DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return apply


DELETE = object()

# Mutations of MINIMAL: (name, change). Each is judged by both; they must agree unless the
# name is in SCHEMA_CANNOT_SAY.
MUTATIONS: list[tuple[str, Callable[[dict], None]]] = [
    ("as_of as a bare year number", edit(("as_of",), 2025)),
    ("as_of as a year string", edit(("as_of",), "2025")),
    ("as_of a full day", edit(("as_of",), "2025-07-14")),
    ("as_of month 13", edit(("as_of",), "2025-13")),
    ("as_of in words", edit(("as_of",), "July 2025")),
    ("as_of 30 February", edit(("as_of",), "2025-02-30")),
    ("as_of 29 February of a leap year", edit(("as_of",), "2024-02-29")),
    ("as_of 29 February of 1900", edit(("as_of",), "1900-02-29")),
    ("as_of 29 February of 2000", edit(("as_of",), "2000-02-29")),
    ("as_of year 0000", edit(("as_of",), "0000")),
    ("as_of a three-digit number", edit(("as_of",), 999)),
    ("as_of a five-digit number", edit(("as_of",), 20250)),
    ("as_of a one-digit month", edit(("as_of",), "2025-7")),
    ("title of one space", edit(("title",), " ")),
    ("title empty", edit(("title",), "")),
    ("title a number", edit(("title",), 12)),
    ("title missing", edit(("title",), DELETE)),
    ("subtitle null", edit(("subtitle",), None)),
    ("url not a url", edit(("sources", 1, "url"), "not a url")),
    ("url ftp", edit(("sources", 1, "url"), "ftp://example.org/x")),
    ("url http", edit(("sources", 1, "url"), "http://example.org/x")),
    ("url without a host", edit(("sources", 1, "url"), "https:///x")),
    ("id with a space", edit(("summary", 0, "id"), "b 1")),
    ("id starting with a dash", edit(("summary", 0, "id"), "-b1")),
    ("id of dots and digits", edit(("summary", 0, "id"), "1.2_b-3")),
    ("source id 0", edit(("sources", 0, "id"), 0)),
    ("source id a string", edit(("sources", 0, "id"), "1")),
    ("citation a string", edit(("summary", 0, "citations"), ["1"])),
    ("credibility 7", edit(("sources", 0, "credibility"), 7)),
    ("credibility 6", edit(("sources", 0, "credibility"), 6)),
    ("reliability G", edit(("sources", 0, "reliability"), "G")),
    ("severity extreme", edit(("tensions", 0, "severity"), "extreme")),
    ("unknown key", edit(("summary", 0, "txt"), "x")),
    ("schema_version 2", edit(("schema_version",), 2)),
    ("stakeholder kind robot", edit(("stakeholders", 0, "kind"), "robot")),
    ("statement date a year number", edit(("stakeholders", 0, "statements", 0, "date"), 2024)),
    ("statement date in words", edit(("stakeholders", 0, "statements", 0, "date"), "last year")),
    ("summary not a list", edit(("summary",), "bullets")),
    ("dangling citation", edit(("summary", 0, "citations"), [1, 9])),
    ("duplicate bullet id", edit(("summary", 1, "id"), "b1")),
    ("unknown party", edit(("tensions", 0, "parties"), ["nobody"])),
    ("source id written 1.0", edit(("sources", 0, "id"), 1.0)),
    # Where check and the schema once disagreed (issue 23), by name.
    ("as_of in Arabic-Indic digits", edit(("as_of",), "\u0662\u0660\u0662\u0665")),
    ("as_of in fullwidth digits", edit(("as_of",), "\uff12\uff10\uff12\uff15-\uff10\uff17")),
    ("as_of with a trailing newline", edit(("as_of",), "2025-07\n")),
    ("statement date with a trailing newline", edit(("stakeholders", 0, "statements", 0, "date"), "2024\n")),
    ("id with a trailing newline", edit(("summary", 0, "id"), "b1\n")),
    ("party with a trailing newline", edit(("tensions", 0, "parties"), ["alpha\n"])),
    ("title of only U+FEFF", edit(("title",), "\ufeff")),
    ("title of only NBSP and U+3000", edit(("title",), "\u00a0\u3000")),
    ("title of only U+001C", edit(("title",), "\u001c")),
    ("latitude as text", edit(("bases",), [{"id": "x", "name": "X", "kind": "air", "location": {"place": "P", "country": "C", "latitude": "5.25"}}])),
    ("latitude true", edit(("bases",), [{"id": "x", "name": "X", "kind": "air", "location": {"place": "P", "country": "C", "latitude": True}}])),
    (
        "latitude a whole number",
        edit(("bases",), [{"id": "x", "name": "X", "kind": "air", "location": {"place": "P", "country": "C", "latitude": 5}}]),
    ),
    ("ach ratings key not an id", edit(("ach",), {"question": "Q?", "evidence": [{"ref": "summary:b1", "ratings": {"h 1": "C"}}]})),
    ("ach ref with a trailing newline", edit(("ach",), {"question": "Q?", "evidence": [{"ref": "summary:b1\n", "ratings": {}}]})),
    ("url with a tab and an img tag", edit(("sources", 1, "url"), "https://example.com/<img\tsrc=x\tonerror=alert(7)")),
    ("url with a newline", edit(("sources", 1, "url"), "https://example.com/a\n<script>")),
    ("url with a space in the host", edit(("sources", 1, "url"), "https://exa mple.com/")),
    ("url with a less-than sign", edit(("sources", 1, "url"), "https://example.com/a<b")),
    ("url with user and password", edit(("sources", 1, "url"), "https://user:pw@example.com/")),
    ("url with a bad escape", edit(("sources", 1, "url"), "https://example.com/%zz")),
    ("url with a port and query", edit(("sources", 1, "url"), "https://example.com:8443/a/b?c=d&e=%20#f")),
    ("url with an IPv6 host", edit(("sources", 1, "url"), "http://[::1]:8000/")),
]

#: What a JSON Schema cannot express: references between items, and JSON having one
#: number type (a YAML 1.0 is an integer to JSON Schema, a float to the model).
SCHEMA_CANNOT_SAY = {
    "dangling citation": "a reference to another item's id",
    "duplicate bullet id": "uniqueness of a field across a list",
    "unknown party": "a reference to another item's id",
    "source id written 1.0": "JSON Schema's integer is any whole number, 1.0 included",
}


def mutated(change: Callable[[dict], None]) -> str:
    data = yaml.safe_load(MINIMAL)
    data["subtitle"] = "A line under the title"
    change(data)
    return json.dumps(data)  # JSON is YAML: the same data, written plainly


def test_check_and_the_schema_agree_on_not_a_number():
    text = MINIMAL + "bases:\n  - id: x\n    name: X\n    kind: air\n    location: {place: P, country: C, latitude: .nan}\n"
    assert (check_says_valid(text), schema_says_valid(text)) == (False, False)
    with pytest.raises(LoadError, match=r"\.nan \(not a number\) has no place in a briefing"):
        load_text(text, "case.yaml")


def test_there_are_enough_mutations():
    assert len(MUTATIONS) >= 25 and set(SCHEMA_CANNOT_SAY) <= {name for name, _ in MUTATIONS}


@pytest.mark.parametrize("name, change", MUTATIONS, ids=[name for name, _ in MUTATIONS])
def test_check_and_the_schema_agree_on_each_mutation(name, change):
    text = mutated(change)
    ours, theirs = check_says_valid(text), schema_says_valid(text)
    if name in SCHEMA_CANNOT_SAY:
        assert (ours, theirs) == (False, True), f"{name}: expected only check to refuse it"
    else:
        assert ours == theirs, f"{name}: check says {'valid' if ours else 'invalid'}, the schema {'valid' if theirs else 'invalid'}"


def valid_fixtures() -> list[Path]:
    return [DATA, *sorted((ROOT / "data" / "examples").rglob("*.yaml"))]  # the track record's, in folders, too


@pytest.mark.parametrize("path", valid_fixtures(), ids=lambda path: path.name)
def test_the_valid_fixtures_pass_both(path):
    text = path.read_text(encoding="utf-8")
    assert check_says_valid(text) and schema_says_valid(text)


def test_the_minimal_briefing_passes_both():
    assert check_says_valid(MINIMAL) and schema_says_valid(MINIMAL)


def test_the_bad_corpus_is_refused_by_both_where_a_schema_can_say_it():
    cannot = {
        "dangling-citation.yaml",
        "dangling-party.yaml",
    }
    for path in sorted((ROOT / "tests" / "corpus" / "bad").glob("*.yaml")):
        try:
            data, _, _ = parse(decode(path.read_bytes(), path.name), path.name)
        except LoadError:
            continue  # not YAML a briefing may hold (tags, aliases, encodings): no data to validate
        if not isinstance(data, dict) or path.name in cannot:
            continue
        assert not VALIDATOR.is_valid(data), path.name


def test_the_committed_schema_is_what_the_model_says():
    committed = json.loads((ROOT / "schema" / "briefing.schema.json").read_text(encoding="utf-8"))
    assert committed == schema()


CHECK_JSONSCHEMA = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name("check-jsonschema"))


@pytest.mark.skipif(not Path(CHECK_JSONSCHEMA).exists(), reason="check-jsonschema is not installed (the test extra has it)")
def test_check_jsonschema_accepts_the_bundled_briefing_and_refuses_a_broken_one(tmp_path):
    schema_file = str(ROOT / "schema" / "briefing.schema.json")
    good = subprocess.run([CHECK_JSONSCHEMA, "--schemafile", schema_file, str(DATA)], capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text(DATA.read_text(encoding="utf-8").replace("as_of: 2025-07", "as_of: 2025-13"), encoding="utf-8")
    bad = subprocess.run([CHECK_JSONSCHEMA, "--schemafile", schema_file, str(broken)], capture_output=True, text=True)
    assert bad.returncode == 1 and "as_of" in bad.stdout, bad.stdout


# --- the YAML language server, as an editor runs it --------------------------------------

from .clients import LanguageServer, node_package

YAML_SETTINGS = {"yaml": {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}}


@pytest.fixture
def language_server():
    server_package = node_package("yaml-language-server")
    server = LanguageServer(["node", str(server_package / "bin" / "yaml-language-server"), "--stdio"], ROOT, YAML_SETTINGS)
    yield server
    server.close()


def test_the_yaml_language_server_finds_nothing_wrong_in_the_bundled_briefing(language_server, tmp_path):
    # First a broken copy: the errors it gets prove the modeline's schema was loaded.
    schema_uri = (ROOT / "schema" / "briefing.schema.json").as_uri()
    text = DATA.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/briefing.schema.json\n")
    broken = text.replace("../schema/briefing.schema.json", schema_uri, 1)
    broken = broken.replace("as_of: 2025-07", "as_of: 2025-13").replace("  - id: tartus\n", "  - id: tartus\n    colour: red\n", 1)
    broken_uri = (tmp_path / "broken.yaml").as_uri()
    language_server.open(broken_uri, broken)
    found = language_server.wait_for_diagnostics(broken_uri, lambda diagnostics: len(diagnostics) >= 2)
    lines = sorted((d["range"]["start"]["line"] + 1, d["message"]) for d in found)
    as_of_line = broken.splitlines().index("as_of: 2025-13") + 1
    colour_line = broken.splitlines().index("    colour: red") + 1
    assert [line for line, _ in lines] == [as_of_line, colour_line], lines
    assert "Property colour is not allowed." in [message for _, message in lines]

    good_uri = DATA.as_uri()
    language_server.open(good_uri, text)
    assert language_server.wait_for_diagnostics(good_uri) == []


def test_the_yaml_language_server_completes_the_formats_keys(language_server, tmp_path):
    schema_uri = (ROOT / "schema" / "briefing.schema.json").as_uri()
    uri = (tmp_path / "new.yaml").as_uri()
    text = f"# yaml-language-server: $schema={schema_uri}\nschema_version: 1\n\n"
    language_server.open(uri, text)
    result = language_server.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 0}})
    items = result["items"] if isinstance(result, dict) else result
    labels = {item["label"] for item in items}
    assert {"title", "as_of", "region", "bluf", "summary", "sources", "judgments"} <= labels, labels
    assert "schema_version" not in labels  # already there


PYTHON_RE_VALIDATOR = jsonschema.Draft202012Validator(schema())


@pytest.mark.parametrize("name", [name for name, _ in MUTATIONS if "trailing newline" in name])
def test_a_trailing_newline_is_refused_by_python_regular_expressions_too(name):
    """A validator with Python's re (plain python-jsonschema) reads `$` as "before a final
    newline" too: the schema's patterns end with a look-ahead that means the end in both."""
    change = dict(MUTATIONS)[name]
    data = json.loads(mutated(change))
    assert not PYTHON_RE_VALIDATOR.is_valid(data) and not check_says_valid(json.dumps(data))
