"""Mapping problems to file:line:col, in a reader's words (briefing/locate.py)."""

from __future__ import annotations

import yaml
from yaml.error import Mark

from briefing.locate import (
    Diagnostic,
    _char_at,
    _describe,
    _field_model,
    _model_at,
    line_col,
    locate,
    mark_diagnostic,
    validation_message,
    yaml_error,
)
from briefing.model import Base, Briefing, Bullet, Location, Statement


def mark(line: int, column: int) -> Mark:
    return Mark("f.yaml", 0, line, column, None, None)


def test_a_diagnostic_prints_as_file_line_col_severity_message():
    assert str(Diagnostic("f.yaml", "bad", 3, 7)) == "f.yaml:3:7: error: bad"
    assert str(Diagnostic("f.yaml", "odd", 3, None, "warning")) == "f.yaml:3:1: warning: odd"
    assert str(Diagnostic("f.yaml", "gone")) == "f.yaml: error: gone"


def test_line_and_column_count_from_one_in_text_and_bytes():
    assert line_col("ab\ncd\nef", 0) == (1, 1)
    assert line_col("ab\ncd\nef", 4) == (2, 2)
    assert line_col(b"ab\ncd\nef", 6) == (3, 1)
    assert line_col("abc", 2) == (1, 3)


def test_a_mark_is_zero_based_and_a_diagnostic_one_based():
    assert mark_diagnostic("f.yaml", "bad", mark(0, 0)) == Diagnostic("f.yaml", "bad", 1, 1, "error")
    assert mark_diagnostic("f.yaml", "odd", mark(4, 9), "warning") == Diagnostic("f.yaml", "odd", 5, 10, "warning")
    assert mark_diagnostic("f.yaml", "lost", None, "warning") == Diagnostic("f.yaml", "lost", None, None, "warning")


def yaml_failure(text: str) -> yaml.YAMLError:
    try:
        list(yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as error:
        return error
    raise AssertionError("parsed")


def test_yaml_errors_say_what_and_where_and_where_it_started():
    text = "a: [1, 2\nb: 3\n"
    diagnostic = yaml_error("f.yaml", yaml_failure(text), text)
    assert diagnostic == Diagnostic(
        "f.yaml", "YAML syntax: expected ',' or ']', but got ':' (while parsing a flow sequence started at 1:4)", 2, 2, "error"
    )


def test_a_yaml_error_with_context_at_the_same_place_says_both_once():
    error = yaml.MarkedYAMLError(context="while scanning", context_mark=mark(1, 2), problem="found a thing", problem_mark=mark(1, 2))
    assert yaml_error("f.yaml", error, "") == Diagnostic("f.yaml", "YAML syntax: found a thing (while scanning)", 2, 3, "error")


def test_a_yaml_error_with_context_elsewhere_says_where_it_started():
    error = yaml.MarkedYAMLError(context="while scanning", context_mark=mark(0, 4), problem="found a thing", problem_mark=mark(2, 0))
    assert yaml_error("f.yaml", error, "").message == "YAML syntax: found a thing (while scanning started at 1:5)"


def test_a_yaml_error_with_only_a_problem_or_only_a_context():
    only_problem = yaml.MarkedYAMLError(problem="found a thing", problem_mark=mark(0, 0))
    assert yaml_error("f.yaml", only_problem, "").message == "YAML syntax: found a thing"
    only_context = yaml.MarkedYAMLError(context="while scanning", context_mark=mark(3, 1))
    assert yaml_error("f.yaml", only_context, "") == Diagnostic("f.yaml", "YAML syntax: while scanning", 4, 2, "error")
    neither = yaml.MarkedYAMLError()
    assert yaml_error("f.yaml", neither, "") == Diagnostic("f.yaml", "YAML syntax: invalid YAML", None, None, "error")


def test_a_yaml_error_at_a_tab_says_yaml_indents_with_spaces():
    text = "a:\n\tb: 1\n"
    error = yaml.MarkedYAMLError(problem="found character", problem_mark=mark(1, 0))
    assert yaml_error("f.yaml", error, text).message == "YAML syntax: found character; it is a tab, and YAML indents with spaces only"
    elsewhere = yaml.MarkedYAMLError(problem="found character", problem_mark=mark(0, 0))
    assert "tab" not in yaml_error("f.yaml", elsewhere, text).message


def test_a_yaml_error_about_nesting_is_said_in_a_readers_words():
    error = yaml.MarkedYAMLError(problem="exceeded maximum nesting depth", problem_mark=mark(0, 5))
    assert yaml_error("f.yaml", error, "").message == "YAML syntax: nesting too deep (over a thousand levels); a briefing needs a handful"


def test_a_yaml_error_without_marks():
    assert yaml_error("f.yaml", yaml.YAMLError("broken"), "") == Diagnostic("f.yaml", "YAML syntax: broken", None, None, "error")


def test_the_character_at_a_line_and_column():
    text = "ab\ncd\n\tef"
    assert _char_at(text, 0, 0) == "a" and _char_at(text, 0, 1) == "b"
    assert _char_at(text, 1, 1) == "d" and _char_at(text, 2, 0) == "\t" and _char_at(text, 2, 2) == "f"
    assert _char_at(text, 5, 0) == "" and _char_at(text, 1, 9) == ""


def test_the_model_behind_a_path_into_the_data():
    assert _model_at(()) is Briefing
    assert _model_at(("summary", 0)) is Bullet
    assert _model_at(("bases", 2, "location")) is Location
    assert _model_at(("stakeholders", 0, "statements", 1)) is Statement
    assert _model_at(("title",)) is None
    assert _model_at(("nonsense", 0, "more")) is None
    assert _model_at((0, "bases", 0)) is Base  # a position says nothing of the model
    assert _field_model(list[Base]) is Base and _field_model(Base | None) is Base
    assert _field_model(str) is None and _field_model(int | None) is None and _field_model("text") is None


def test_paths_are_described_as_a_reader_writes_them():
    assert _describe(()) == "briefing"
    assert _describe(("summary", 0, "text")) == "summary[0].text"
    assert _describe(("bases", 1, "location", "latitude")) == "bases[1].location.latitude"


def test_unknown_keys_get_a_suggestion_or_the_allowed_keys():
    def message(loc):
        return validation_message({"loc": loc, "type": "extra_forbidden", "msg": "Extra inputs are not permitted"})

    assert message(("summary", 0, "txt")) == ("unknown key 'txt' in summary[0] (did you mean 'text'?)", ("summary", 0, "txt"), True)
    assert message(("summary", 0, "zzzz")) == (
        "unknown key 'zzzz' in summary[0]; allowed: id, label, text, citations, quotes",
        ("summary", 0, "zzzz"),
        True,
    )
    assert message(("titel",)) == ("unknown key 'titel' (did you mean 'title'?)", ("titel",), True)
    assert message(("summary", 0, "<<")) == (
        "unknown key '<<' (YAML merge keys are not part of YAML 1.2; write the keys out)",
        ("summary", 0, "<<"),
        True,
    )


def test_missing_keys_and_value_errors_are_said_at_their_path():
    missing = validation_message({"loc": ("summary", 1, "id"), "type": "missing", "msg": "Field required"})
    assert missing == ("summary[1]: missing required key 'id'", ("summary", 1, "id"), False)
    value = validation_message({"loc": ("as_of",), "type": "value_error", "msg": "Value error, month 13 does not exist"})
    assert value == ("as_of: month 13 does not exist", ("as_of",), False)
    other = validation_message({"loc": ("region",), "type": "string_type", "msg": "Input should be a valid string"})
    assert other == ("region: Input should be a valid string", ("region",), False)


def test_a_problem_is_placed_at_its_key_its_value_or_its_nearest_parent():
    positions = {(): "root", ("summary",): "list", ("summary", 0): "bullet", ("summary", 0, "text"): "value"}
    keys = {("summary", 0, "text"): "key"}
    assert locate(("summary", 0, "text"), positions, keys, prefer_key=True) == "key"
    assert locate(("summary", 0, "text"), positions, keys, prefer_key=False) == "value"
    assert locate(("summary", 0, "label"), positions, keys, prefer_key=True) == "bullet"
    assert locate(("bases", 3), positions, keys, prefer_key=False) == "root"
    assert locate(("bases", 3), {}, {}, prefer_key=False) is None


def test_a_value_where_a_mapping_belongs_is_named_for_what_it_is():
    from briefing.loader import LoadError, load_text

    from .conftest import MINIMAL

    found = {}
    for value in ("true", "3", "2.5", "x", "null", "[1]"):
        try:
            load_text(MINIMAL.replace("  - id: b2\n", f"  - {value}\n  - id: b2\n"))
        except LoadError as error:
            found[value] = error.diagnostics[0].message
    for value, words in (("true", "a boolean"), ("3", "a number"), ("2.5", "a number"), ("x", "a string"), ("null", "nothing"), ("[1]", "a list")):
        assert found[value] == f"summary[1]: expected a mapping (key: value lines), found {words}", value


def test_a_value_that_should_be_a_mapping_is_pointed_at_where_it_stands():
    """The value, not its key: ``ratings: [1]`` at the list, a bullet ``- true`` at ``true``."""
    from briefing.loader import LoadError, load_text

    from .conftest import MINIMAL

    matrix = MINIMAL + "hypotheses:\n  - id: a\n    text: A\nach:\n  question: Q\n  evidence:\n    - ref: summary:b1\n      ratings: [1]\n"
    for text, expected in (
        (matrix, "<briefing>:40:16: error: ach.evidence[0].ratings: expected a mapping (key: value lines), found a list"),
        (
            MINIMAL.replace("  - id: b2\n", "  - true\n  - id: b2\n"),
            "<briefing>:10:5: error: summary[1]: expected a mapping (key: value lines), found a boolean",
        ),
    ):
        try:
            load_text(text)
        except LoadError as error:
            assert [str(d) for d in error.diagnostics] == [expected]
        else:
            raise AssertionError("no error")
