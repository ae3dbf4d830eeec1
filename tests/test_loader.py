import pytest

from briefing.loader import LoadError, default_path, load, load_text

from .conftest import MINIMAL, dedent


def error_of(text: str) -> str:
    with pytest.raises(LoadError) as caught:
        load_text(text, "f.yaml")
    return "\n".join(map(str, caught.value.diagnostics))


def test_valid_text_loads():
    assert load_text(MINIMAL).briefing.title == "Test briefing"


def test_yaml_1_2_booleans_norway_is_a_country():
    text = MINIMAL.replace("region: Nowhere", "region: NO")
    assert load_text(text).briefing.region == "NO"


def test_duplicate_key_is_located_at_the_second_key():
    assert error_of("title: a\nregion: b\ntitle: c\n") == "f.yaml:3:1: error: duplicate key 'title' in this mapping"


def test_python_tags_are_refused_with_a_location():
    message = error_of("title: !!python/object/apply:os.system ['echo hi']\n")
    assert message.startswith("f.yaml:1:8: error: tag !!python/object/apply:os.system is not allowed")


def test_unknown_key_points_at_the_key_and_suggests_the_right_one():
    text = MINIMAL.replace("    title: Source one", "    titel: Source one")
    assert error_of(text) == "f.yaml:29:5: error: unknown key 'titel' in sources[0] (did you mean 'title'?)"


def test_dangling_citation_points_at_the_citation():
    text = MINIMAL.replace("    citations: [1, 2]", "    citations: [1, 7]")
    assert error_of(text) == "f.yaml:9:20: error: bullet 'b1' cites source [7], which is not in sources"


def test_wrong_type_points_at_the_value():
    text = MINIMAL.replace("    severity: high", "    severity: [high]")
    assert error_of(text).startswith("f.yaml:25:15: error: tensions[0].severity:")


def test_missing_key_points_at_the_mapping():
    text = MINIMAL.replace("  - id: b2\n    label: Second\n", "  - label: Second\n")
    assert error_of(text) == "f.yaml:10:5: error: summary[1]: missing required key 'id'"


def test_impossible_date_is_located():
    text = MINIMAL.replace("as_of: 2025-07", "as_of: 2025-02-30")
    assert error_of(text) == "f.yaml:3:8: error: as_of: 2025-02-30 is not a real day (2025-02 has 28 days)"


def test_every_error_is_reported_not_only_the_first():
    text = MINIMAL.replace("citations: [1, 2]", "citations: [8, 9]")
    assert error_of(text).count("error:") == 2


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "f.yaml:1:1: error: empty file"),
        ("# only a comment\n", "f.yaml:1:1: error: empty file"),
        ("- a\n- b\n", "f.yaml:1:1: error: the top level must be a mapping"),
        ("just words\n", "f.yaml:1:1: error: the top level must be a mapping"),
        (
            "a:\n\tb: 1\n",
            "f.yaml:2:1: error: YAML syntax: found character that cannot start any token (while scanning for the next token); it is a tab",
        ),
        ("a: [1, 2\n", "f.yaml:2:1: error: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence started at 1:4)"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: error: a briefing file holds one YAML document"),
        ("a: &x [*x]\n", "f.yaml:1:8: error: alias *x refers to the collection it is inside"),
        ("a: *nope\n", "f.yaml:1:4: error: alias *nope names no anchor"),
        ("? [a]\n: 1\n", "f.yaml:1:3: error: a mapping key must be a plain scalar"),
        ("a: " + "9" * 5000 + "\n", "f.yaml:1:4: error: a number of 5,000 digits is too long"),
    ],
)
def test_broken_yaml_is_a_located_one_line_error(text, expected):
    assert error_of(text).startswith(expected)


def test_billion_laughs_is_refused_at_the_alias_that_crosses_the_limit():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    text = "\n".join(lines) + "\n"
    assert len(text) < 1024
    message = error_of(text)
    # Refused as it is built, at the sixth level's last alias (10⁶ nodes), not after
    # expanding the ten levels (10¹⁰) that whatever walks the data next would face.
    assert message.startswith("f.yaml:6:45: error: aliases expand to more than 1,000,000 nodes")


def test_deep_nesting_is_an_error_not_a_crash():
    assert error_of("[" * 50_000).startswith("f.yaml:1:1001: error: YAML syntax: nesting too deep")
    assert error_of("a: " + "[" * 70 + "1" + "]" * 70 + "\n") == "f.yaml:1:67: error: nesting deeper than 64 levels; a briefing needs far fewer"


def test_missing_file_and_directory_are_io_errors(tmp_path):
    for path, words in ((tmp_path / "nope.yaml", "no such file"), (tmp_path, "is a directory")):
        with pytest.raises(LoadError) as caught:
            load(path)
        assert caught.value.kind == "io" and words in str(caught.value)


def test_non_utf8_bytes_are_located(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: ok\nregion: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(LoadError, match=r"latin1.yaml:2:12: error: not valid UTF-8 \(byte 0xe9\)"):
        load(path)


def test_binary_data_is_refused(tmp_path):
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"title: a\x00b\n")
    with pytest.raises(LoadError, match=r"bin\.yaml:1:9: error: binary data"):
        load(path)


def test_utf8_bom_is_fine(write):
    path = write("")
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load(path).briefing.title == "Test briefing"


def test_files_over_the_size_cap_are_refused_before_reading(write):
    path = write(MINIMAL)
    with pytest.raises(LoadError, match="over the limit of 100 bytes") as caught:
        load(path, max_bytes=100)
    assert caught.value.kind == "io"


def test_control_character_in_the_file_is_located():
    assert error_of("a: b\nc: d\x07\n").startswith("f.yaml:2:5: error: control character U+0007")


def test_escaped_control_characters_load_as_data():
    text = MINIMAL.replace("title: Test briefing", 'title: "Evil \\e[31m red \\u202e"')
    assert load_text(text).briefing.title == "Evil \x1b[31m red \u202e"


def test_scalars_follow_the_yaml_1_2_core_schema():
    from briefing.loader import parse

    value, _, _ = parse(
        dedent(
            """
            a: [yes, no, on, off, y, n, true, False, ~, null, 0x1f, 0o17, 1.5e3, .inf, 2025-07-01, 012]
            """
        ),
        "x",
    )
    assert value["a"] == ["yes", "no", "on", "off", "y", "n", True, False, None, None, 31, 15, 1500.0, float("inf"), "2025-07-01", 12]


def test_every_duplicate_key_is_reported_at_its_place():
    text = "schema_version: 1\ntitle: A\ntitle: B\nas_of: 2025\nregion: R\nregion: S\nbluf: x\nsummary:\n  - id: a\n    text: t\n    text: u\n    citations: []\n"
    with pytest.raises(LoadError) as raised:
        load_text(text, "dup.yaml")
    assert [str(d) for d in raised.value.diagnostics] == [
        "dup.yaml:3:1: error: duplicate key 'title' in this mapping",
        "dup.yaml:6:1: error: duplicate key 'region' in this mapping",
        "dup.yaml:11:5: error: duplicate key 'text' in this mapping",
    ]


def test_a_schema_error_in_one_item_does_not_hide_the_findings_on_the_rest():
    """The exercise with one bad `kind`: its error, and the 4 warnings and the note it has
    when whole, each at its own line."""
    from functools import partial

    from briefing.tradecraft import tradecraft_findings

    path = default_path().parent / "examples" / "exercise.yaml"
    text = path.read_text(encoding="utf-8")
    whole = load_text(text, "x.yaml", checks=[tradecraft_findings]).warnings
    broken = text.replace("    kind: naval\n", "    kind: submarine\n", 1)
    with pytest.raises(LoadError) as raised:
        load_text(broken, "x.yaml", checks=[partial(tradecraft_findings)])
    found = raised.value.diagnostics
    assert [d.severity for d in found].count("error") == 1 and "bases[0].kind" in str(found[0])
    assert [str(d) for d in found[1:]] == [str(d) for d in whole]
    assert sorted(d.severity for d in whole) == ["note"] + ["warning"] * 4


def test_an_error_outside_any_item_leaves_the_checks_unrun():
    from briefing.tradecraft import tradecraft_findings

    text = (default_path().parent / "examples" / "exercise.yaml").read_text(encoding="utf-8").replace("as_of: ", "as_of: x", 1)
    with pytest.raises(LoadError) as raised:
        load_text(text, "x.yaml", checks=[tradecraft_findings])
    assert all(d.severity == "error" for d in raised.value.diagnostics)
