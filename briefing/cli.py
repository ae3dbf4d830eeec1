"""The command line: ``briefing [tui|check|print|schema|export] …``.

Output goes to stdout, diagnostics to stderr. Exit status: 0 clean, 1 when a
briefing has errors, 2 for usage and I/O errors. Nothing here imports Textual
unless the TUI is asked for, so ``print`` and ``check`` start fast.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .defaults import DEFAULT_MAX_BYTES, EXPORT_FORMATS, default_path
from .index import COLLECTIONS as SECTIONS  # the parts of a briefing, in order

if TYPE_CHECKING:
    from .loader import Diagnostic, Loaded

COMMANDS = ("tui", "check", "print", "schema", "export", "diff", "ach", "score", "serve", "capture", "verify", "keys")
EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors exit 2 with one line, as argparse does
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _add_file_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse files larger than N bytes (default {DEFAULT_MAX_BYTES:,})",
    )


def _source_numbers(value: str) -> list[int]:
    try:
        numbers = [int(part) for part in value.replace(",", " ").split()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected source numbers such as 3 or 1,3; got {value!r}") from None
    if not numbers or min(numbers) < 1:
        raise argparse.ArgumentTypeError(f"expected source numbers such as 3 or 1,3; got {value!r}")
    return numbers


def _columns(value: str) -> int:
    try:
        columns = int(value)
    except ValueError:
        columns = 0
    if columns < 20:
        raise argparse.ArgumentTypeError(f"expected a width of 20 columns or more; got {value!r}")
    return columns


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value) if len(value) == 10 else datetime.date.fromisoformat("")
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a day as YYYY-MM-DD; got {value!r}") from None


def _add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today", type=_day, metavar="DATE", help="judge what is due as of this day, YYYY-MM-DD (default: $BRIEFING_TODAY, else today)"
    )


def _add_without(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--without",
        type=_source_numbers,
        action="extend",
        metavar="N",
        help="withdraw source N (repeatable, or 1,3): list what depends on it and what is left unsupported",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="briefing",
        description="A terminal dashboard for situation briefings kept as YAML.",
        epilog="With no command, opens the dashboard: briefing [FILE] is briefing tui [FILE].",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    tui = commands.add_parser("tui", help="open the dashboard (the default)", description="Open a briefing in the dashboard.")
    tui.add_argument("file", nargs="?", help="briefing YAML file, or a folder of them (default: the bundled briefing)")
    tui.add_argument(
        "--compare",
        metavar="NEW",
        help="show NEW, a later version of FILE, with what is new or changed since FILE marked",
    )
    _add_today(tui)
    _add_file_options(tui)

    check = commands.add_parser(
        "check",
        help="validate briefing files",
        description="Validate briefings: one line per problem, FILE:LINE:COL: error|warning: message. "
        "Exit 0 when clean (warnings allowed), 1 on errors, 2 on usage or I/O errors.",
    )
    check.add_argument("files", nargs="*", metavar="FILE", help="briefing YAML files, or folders of them (default: the bundled briefing)")
    check.add_argument("-q", "--quiet", action="store_true", help="print nothing when a file is clean")
    check.add_argument(
        "--max-age", type=int, default=180, metavar="DAYS", help="warn about sources older than this before the as-of date (default 180)"
    )
    _add_without(check)
    _add_today(check)
    _add_file_options(check)

    show = commands.add_parser("print", help="print a briefing to the console", description="Render a briefing to the console.")
    show.add_argument("file", nargs="?", help="briefing YAML file (default: the bundled briefing)")
    _add_without(show)
    _add_today(show)
    show.add_argument("--width", type=_columns, metavar="COLUMNS", help="render at this width (default: the terminal's)")
    show.add_argument(
        "--section",
        action="append",
        choices=(*SECTIONS, "hypotheses"),
        metavar="SECTION",
        help=f"print only this part (repeatable): {', '.join(SECTIONS)}, hypotheses",
    )
    _add_file_options(show)

    commands.add_parser(
        "schema",
        help="print the JSON Schema of the briefing format",
        description="Print the JSON Schema of the briefing format (for editors: see data/briefing.yaml's first line).",
    )

    export = commands.add_parser(
        "export",
        help="export a briefing as Markdown, HTML, JSON, SVG, STIX 2.1 or W3C Web Annotations (its quotes)",
        description="Export a briefing. Without -o, to stdout; with -o, written atomically.",
    )
    export.add_argument("--format", "-f", required=True, choices=tuple(EXPORT_FORMATS), help="the format")
    export.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout; for a folder, the folder to write into")
    export.add_argument(
        "file", nargs="?", help="briefing YAML file, or a folder: one page per briefing and an index page (default: the bundled briefing)"
    )
    _add_file_options(export)

    compare = commands.add_parser(
        "diff",
        help="what changed between two versions of a briefing",
        description="What changed between two versions of a briefing, by id, field by field. "
        "Exit 0 when identical, 1 when different, 2 on error, like diff.",
    )
    compare.add_argument("old", metavar="OLD")
    compare.add_argument("new", metavar="NEW")
    compare.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json for scripts")
    _add_file_options(compare)

    matrix = commands.add_parser(
        "ach",
        help="the competing hypotheses matrix and its scores",
        description="Analysis of Competing Hypotheses: the matrix, each hypothesis's (weighted) inconsistency, "
        "the leading hypotheses, and each row's diagnosticity and whether it is critical. "
        "Exit 0, 1 when the briefing has errors, 2 on usage or I/O errors.",
    )
    matrix.add_argument("file", nargs="?", help="briefing YAML file (default: the bundled briefing)")
    _add_without(matrix)
    matrix.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json for scripts")
    _add_file_options(matrix)

    record = commands.add_parser(
        "score",
        help="the track record: how the judgments came out, scored",
        description="Score the judgments whose questions were resolved: the counts (resolved, void, open, due), "
        "the Brier and log scores, Murphy's decomposition, the calibration table by likelihood and a reliability "
        "diagram. Each judgment counts once across the versions of its briefing (the files sharing a briefing id, "
        "and each file's committed git history). Exit 0, 1 when a briefing has errors, 2 on usage or I/O errors.",
    )
    record.add_argument("files", nargs="*", metavar="FILE|DIR", help="briefing files or folders of them (default: the bundled briefing)")
    _add_today(record)
    record.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json for scripts")
    _add_file_options(record)

    serve = commands.add_parser(
        "serve",
        help="serve the dashboard to a web browser",
        description="Serve the dashboard (of a briefing, or the library of a folder) to a web browser, with textual-serve. "
        "Each browser tab runs its own dashboard on this machine.",
    )
    serve.add_argument("file", nargs="?", help="briefing YAML file or folder (default: the bundled briefing)")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000; 0 picks a free one, printed)")
    serve.add_argument(
        "--token",
        help="the token every request must carry (default: none on this machine, a new random one beyond it)",
    )
    _add_file_options(serve)

    capture = commands.add_parser(
        "capture",
        help="save a source's page beside the briefing, for its quotes",
        description="Save a copy of source N: fetch URL (http/https; redirects followed and recorded) into a WARC, "
        "or copy a file already saved (HTML, PDF, WARC, WACZ, text), under saved/ beside the briefing; "
        "then write saved: (file, sha256, captured) into the source, editing the briefing in place with its "
        "comments and formatting kept. Exit 0, 2 when the page or file cannot be saved.",
    )
    # One positional list: argparse would not give FILE to a second positional after --source N.
    capture.add_argument(
        "targets", nargs="+", metavar="URL|PATH [FILE]", help="the page's http(s) URL or a saved file; then the briefing (default: the bundled one)"
    )
    capture.add_argument("--source", type=int, required=True, metavar="N", help="the source it is a copy of")

    verify = commands.add_parser(
        "verify",
        help="look for each quote on its source's live page",
        description="Fetch each quoted source's URL again and say, quote by quote, whether its words are still there, "
        "changed (with the closest passage) or gone (HTTP status). Changes nothing. "
        "Exit 0 when every quote is still there, 1 when any is not, 2 on usage or I/O errors.",
    )
    verify.add_argument("--live", action="store_true", required=True, help="fetch the live pages (the only mode: check reads the saved copies)")
    verify.add_argument("file", nargs="?", help="briefing YAML file (default: the bundled briefing)")
    _add_file_options(verify)

    commands.add_parser(
        "keys",
        help="list every action's id and keys (for the config's [keymap])",
        description="Every action of the dashboard and the library: its id, its keys (with the config's [keymap] applied) "
        'and what it does. Remap one in $XDG_CONFIG_HOME/briefing/config.toml: [keymap] quit = "x".',
    )
    return parser


def _report(diagnostics: Sequence[Diagnostic]) -> None:
    from .render import clean

    for diagnostic in diagnostics:
        print(clean(diagnostic), file=sys.stderr)


def _load_or_report(file: str | None, max_bytes: int, **options) -> tuple[Loaded | None, int]:
    from .loader import LoadError, load

    try:
        loaded = load(file or default_path(), max_bytes, **options)
    except LoadError as error:
        _report(error.diagnostics)
        return None, EXIT_USAGE if error.kind == "io" else EXIT_INVALID
    _report(loaded.warnings)
    return loaded, EXIT_OK


def run_check(
    files: Sequence[str], max_bytes: int, quiet: bool, max_age: int = 180, without: Sequence[int] = (), today: datetime.date | None = None
) -> int:
    from functools import partial

    # `check` composes the checks: the loader knows the format, tradecraft the analysis.
    from .saved import evidence_findings
    from .tradecraft import tradecraft_findings

    status = EXIT_OK
    expanded = _expand_folders(files or [str(default_path())])
    if expanded is None:
        return EXIT_USAGE
    tally = {"clean": 0, "warnings": 0, "errors": 0}
    for file in expanded:
        checks = [
            partial(tradecraft_findings, max_age_days=max_age, today=today),
            partial(evidence_findings, folder=Path(file).parent, parallel=True),
        ]
        loaded, code = _load_or_report(file, max_bytes, checks=checks)
        status = max(status, code)
        if loaded is None:
            tally["errors"] += 1
            continue
        unknown = sorted(set(without) - {source.id for source in loaded.briefing.sources})
        if unknown:  # before "ok": the command as asked cannot be answered for this file
            print(f"briefing check: error: no source {', '.join(f'[{n}]' for n in unknown)} in {file}", file=sys.stderr)
            status = max(status, EXIT_USAGE)
            continue
        tally["warnings" if loaded.count("warning") else "clean"] += 1
        if not quiet:
            warnings = loaded.count("warning")
            notes = len(loaded.warnings) - warnings
            counts = f"{warnings} warning{'s' * (warnings != 1)}" + (f", {notes} note{'s' * (notes != 1)}" if notes else "")
            print(f"{file}: ok ({counts})")
        if without:
            _print_withdrawal(file, loaded, without)
    if any(Path(file).is_dir() for file in files):  # a folder: say how the desk stands
        total = len(expanded)
        print(f"{total} briefing{'s' * (total != 1)}: {tally['clean']} clean, {tally['warnings']} with warnings, {tally['errors']} with errors")
    return status


def _expand_folders(files: Sequence[str]) -> list[str] | None:
    """Files as given, and every briefing under each folder given (None: a folder held none)."""
    from .library import discover

    expanded: list[str] = []
    for file in files:
        if Path(file).is_dir():
            found = [path for path, _, _ in discover(file)]
            if not found:
                print(f"{file}: error: no briefings in this folder (YAML files with schema_version)", file=sys.stderr)
                return None
            expanded += found
        else:
            expanded.append(file)
    return expanded


def _print_withdrawal(file: str, loaded: Loaded, without: Sequence[int]) -> None:
    from .index import BriefingIndex
    from .render import clean, one_line
    from .tradecraft import withdraw

    index = BriefingIndex(loaded.briefing)
    result = withdraw(index, without)
    print(f"{file}: {result.summary()}")
    unsupported = set(result.unsupported)
    for ref in result.affected:
        mark = "UNSUPPORTED" if ref in unsupported else "affected"
        print(f"  {mark:11} {index.kind_name(ref)} {clean(ref.key)}: {one_line(index.label(ref), 80)}")


def run_print(file: str | None, max_bytes: int, width: int | None, sections: Sequence[str] | None = None, without: Sequence[int] = ()) -> int:
    import gc

    from .index import BriefingIndex
    from .render import document_parts
    from .versions import has_outcomes, record_of

    loaded, code = _load_or_report(file, max_bytes)
    if loaded is None:
        return code
    index = BriefingIndex(loaded.briefing)
    if has_outcomes(loaded.briefing):  # the forecast scored may be an earlier version's
        index.use_record(record_of(loaded.path, loaded.briefing, max_bytes))
    unknown = sorted(set(without or ()) - {source.id for source in loaded.briefing.sources})
    if unknown:
        print(f"briefing print: error: no source {', '.join(f'[{n}]' for n in unknown)} in {file or default_path()}", file=sys.stderr)
        return EXIT_USAGE
    # The briefing lives until the process ends: spare the collector walking it again
    # and again while the output is drawn (a fifth of the time for a large briefing).
    gc.freeze()
    # Piped, the lines lose the spaces Rich pads them with to the width.
    stream = sys.stdout if sys.stdout.isatty() else _TrimmedLines(sys.stdout)
    console = _QuietOnClosedPipe(highlight=False, width=width, emoji=False, file=stream)
    # Part by part, each written as it is drawn: the whole document's lines at once took
    # a quarter of a gigabyte for a large briefing.
    for part in document_parts(loaded.briefing, index, sections=sections, withdrawn=frozenset(without or ())):
        console.print(part)
    stream.flush()
    return EXIT_OK


def _print_to_stdout(renderable) -> None:
    """A Rich renderable on stdout; piped, its lines lose the spaces Rich pads them with."""
    stream = sys.stdout if sys.stdout.isatty() else _TrimmedLines(sys.stdout)
    _QuietOnClosedPipe(highlight=False, emoji=False, file=stream).print(renderable)
    stream.flush()


def _QuietOnClosedPipe(**options):
    """A Rich console that leaves a closed pipe to `main` (Rich's own answer is exit 1)."""
    from rich.console import Console

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    return QuietConsole(**options)


class _TrimmedLines:
    """A text stream that drops the spaces at the end of each line written through it."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        if lines:
            self._stream.write("\n".join(line.rstrip(" ") for line in lines) + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._stream.write(self._pending.rstrip(" "))
            self._pending = ""
        self._stream.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", "utf-8")


def run_schema() -> int:
    from .schema import schema_json

    sys.stdout.write(schema_json())
    return EXIT_OK


def _gather_or_report(paths: Sequence[str], max_bytes: int):
    """The versions of the briefings named (files, or every briefing under a folder), their
    problems reported; None (after saying why) when a path is missing or a folder holds none."""
    from .versions import gather

    missing = [path for path in paths if not Path(path).exists()]
    if missing:
        print(f"{missing[0]}: error: no such file or folder", file=sys.stderr)
        return None
    expanded = _expand_folders(paths)
    if expanded is None:
        return None
    gathered = gather(expanded, max_bytes)  # the files found once: not each folder walked again
    _report(gathered.problems)
    return gathered


def _write_output(text: str, output: str | None, status: int) -> int:
    """Text to stdout, or written atomically to ``output``; ``status`` unless it cannot be written."""
    from .files import write_atomically

    if output is None:
        sys.stdout.write(text)
        return status
    try:
        write_atomically(output, text)
    except OSError as error:
        print(f"{output}: error: cannot write: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    return status


def run_score(files: Sequence[str], max_bytes: int, today: datetime.date | None, format: str) -> int:
    from .track import as_json, current_day, forecasts, score

    gathered = _gather_or_report(list(files) or [str(default_path())], max_bytes)
    if gathered is None:
        return EXIT_USAGE
    today = today or current_day()
    scores = score(forecasts(gathered.versions), today)
    if format == "json":
        import json

        print(json.dumps(as_json(scores, today), indent=2, ensure_ascii=False))
    else:
        from .render import score_document

        _print_to_stdout(score_document(scores, today))
    return EXIT_INVALID if gathered.problems else EXIT_OK


def run_calendar(file: str | None, max_bytes: int, output: str | None) -> int:
    """`export -f ics`: the open questions of a briefing, or of every briefing under a folder."""
    from .export import to_ics
    from .track import forecasts

    gathered = _gather_or_report([file or str(default_path())], max_bytes)
    if gathered is None:
        return EXIT_USAGE
    return _write_output(to_ics(forecasts(gathered.versions)), output, EXIT_INVALID if gathered.problems else EXIT_OK)


def run_export(file: str | None, max_bytes: int, format: str, output: str | None) -> int:
    if format == "ics":
        return run_calendar(file, max_bytes, output)
    if file is not None and Path(file).is_dir():
        return run_export_folder(Path(file), max_bytes, format, output)
    loaded, code = _load_or_report(file, max_bytes)
    if loaded is None:
        return code
    from .export import export

    try:
        text = export(loaded.briefing, format, Path(loaded.path).parent)
    except RuntimeError as error:  # an optional library is missing
        print(f"briefing export: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    return _write_output(text, output, EXIT_OK)


def export_targets(relatives: Sequence[Path], suffix: str, reserved: frozenset[str] = frozenset()) -> tuple[dict[Path, Path], list[str]]:
    """Where each briefing of a folder is written: its path with the format's suffix, or,
    where two would share a file (``dup.yaml`` and ``dup.yml``; ``index.yaml`` and the index
    page), its whole name and the suffix (``dup.yml.html``). Returns the targets and a line
    for each renamed one; raises ValueError when even that leaves two on one file."""

    def key(path: Path) -> str:  # one file on a case-insensitive disk too
        return path.as_posix().casefold()

    plain = {relative: relative.with_suffix(suffix) for relative in relatives}
    claims: dict[str, list[Path]] = {}
    for relative, target in plain.items():
        claims.setdefault(key(target), []).append(relative)
    targets, renamed = {}, []
    for relative, target in plain.items():
        if len(claims[key(target)]) > 1 or key(target) in reserved:
            targets[relative] = relative.with_name(relative.name + suffix)
            renamed.append(f"{relative.as_posix()} → {targets[relative].as_posix()} ({target.as_posix()} would be shared)")
        else:
            targets[relative] = target
    seen: dict[str, Path] = {}
    for relative, target in targets.items():
        if key(target) in seen or key(target) in reserved:
            other = seen.get(key(target))
            raise ValueError(f"{relative.as_posix()} and {other.as_posix() if other else 'the index'} would both be written to {target.as_posix()}")
        seen[key(target)] = relative
    return targets, renamed


def run_export_folder(folder: Path, max_bytes: int, format: str, output: str | None) -> int:
    """One file per briefing under ``folder``, at the same relative path, and for HTML an
    index page linking them. A briefing with errors is reported and listed, not written;
    no briefing is written over another's file or the index."""
    import os
    from urllib.parse import quote

    from .export import IndexEntry, export, html_index, write_atomically
    from .loader import LoadError, load
    from .tradecraft import tradecraft_findings

    if output is None:
        print("briefing export: error: a folder is exported into a folder: give one with -o OUTDIR", file=sys.stderr)
        return EXIT_USAGE
    found = _expand_folders([str(folder)])
    if found is None:
        return EXIT_USAGE
    suffix = EXPORT_FORMATS[format][1]
    relatives = [Path(os.path.relpath(path, folder)) for path in found]
    try:
        targets, renamed = export_targets(relatives, suffix, frozenset({"index.html"}) if format == "html" else frozenset())
    except ValueError as error:
        print(f"briefing export: error: {error}; nothing was written", file=sys.stderr)
        return EXIT_USAGE
    for line in renamed:
        print(f"note: {line}", file=sys.stderr)
    status, entries = EXIT_OK, []
    for path, relative in zip(found, relatives):
        target = Path(output) / targets[relative]
        try:  # checked as `check` does, so that the index says what `check` would
            loaded = load(path, max_bytes, checks=[tradecraft_findings])
        except LoadError as error:
            _report(error.diagnostics)
            status = max(status, EXIT_USAGE if error.kind == "io" else EXIT_INVALID)
            entries.append(IndexEntry(None, relative.as_posix(), None, None, None, None, "not exported: it has errors"))
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, export(loaded.briefing, format, Path(loaded.path).parent))
        except RuntimeError as error:  # an optional library is missing
            print(f"briefing export: error: {error}", file=sys.stderr)
            return EXIT_USAGE
        except OSError as error:
            print(f"{target}: error: cannot write: {error.strerror or error}", file=sys.stderr)
            return EXIT_USAGE
        briefing = loaded.briefing
        warnings = loaded.count("warning")
        entries.append(
            IndexEntry(
                quote(targets[relative].as_posix()),  # `Brief #3.html` is a link, not a fragment
                relative.as_posix(),
                briefing.title,
                briefing.as_of,
                briefing.region,
                (len(briefing.summary), len(briefing.judgments), len(briefing.sources)),
                f"{warnings} warning{'s' * (warnings != 1)}" if warnings else "clean",
            )
        )
    if format == "html":
        try:
            Path(output).mkdir(parents=True, exist_ok=True)
            write_atomically(Path(output) / "index.html", html_index(f"Briefings in {folder.name or folder}", entries))
        except OSError as error:
            print(f"{output}: error: cannot write the index: {error.strerror or error}", file=sys.stderr)
            return EXIT_USAGE
    written = sum(1 for entry in entries if entry.href)
    print(f"wrote {written} of {len(entries)} briefing{'s' * (len(entries) != 1)} to {output}", file=sys.stderr)
    return status


def run_serve(file: str | None, host: str, port: int, max_bytes: int, token: str | None = None) -> int:
    """The dashboard in a browser, through textual-serve: each tab runs `briefing FILE`.
    Off this machine, every request needs a token (generated unless given)."""
    import shlex

    path = Path(file) if file else default_path()
    if not path.exists():
        return _load_or_report(str(path), max_bytes)[1]
    try:
        from .serve import bind, is_loopback, make_server, new_token
    except ImportError:  # pragma: no cover - textual-serve is a dependency
        print("briefing serve: error: textual-serve is not installed (pip install textual-serve)", file=sys.stderr)
        return EXIT_USAGE
    local = is_loopback(host)
    if not local and token is None:
        token = new_token()
    try:
        listener = bind(host, port)
    except OSError as error:
        print(f"briefing serve: error: cannot listen on {host}:{port}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    bound = listener.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{bound}/" + (f"?token={token}" if token else "")
    if local:
        print(f"Serving {path} at {url} (this machine only). Ctrl+C stops.", file=sys.stderr)
    else:
        print(
            f"warning: serving on {host}: anyone who can reach this address and has the token can read the briefings "
            f"in {path}.\nOpen {url} (the token is in it; requests without it are refused). Ctrl+C stops.",
            file=sys.stderr,
        )
    command = shlex.join([sys.executable, "-m", "briefing", "tui", "--max-bytes", str(max_bytes), str(path.resolve())])
    make_server(command, listener, "briefing", token).serve()
    return EXIT_OK


def run_diff(old: str, new: str, max_bytes: int, format: str) -> int:
    before, _ = _load_or_report(old, max_bytes)
    if before is None:
        return EXIT_USAGE
    after, _ = _load_or_report(new, max_bytes)
    if after is None:
        return EXIT_USAGE
    from .track import record_changes
    from .tradecraft import diff, unexplained_changes

    changes = diff(before.briefing, after.briefing)
    rewritten, outcomes = record_changes(before.briefing, after.briefing)
    warnings = unexplained_changes(changes) + rewritten
    if format == "json":
        import json

        payload = {
            "identical": not changes,
            "changes": [
                {"collection": c.collection, "id": c.key, "change": c.kind, "fields": [{"field": f, "old": a, "new": b} for f, a, b in c.fields]}
                for c in changes
            ],
            "warnings": warnings,
            "outcomes": outcomes,
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        from .render import diff_document

        _print_to_stdout(diff_document(changes, old, new))
        for line in outcomes:
            print(line)
    for warning in warnings:
        print(f"{new}: warning: {warning}", file=sys.stderr)
    return EXIT_OK if not changes else EXIT_INVALID


def run_ach(file: str | None, max_bytes: int, without: Sequence[int], format: str) -> int:
    loaded, code = _load_or_report(file, max_bytes)
    if loaded is None:
        return code
    from .ach import as_json, score
    from .index import BriefingIndex
    from .tradecraft import withdrawn_with_derivations

    briefing = loaded.briefing
    index = BriefingIndex(briefing)
    unknown = sorted(set(without) - index.sources.keys())
    if unknown:
        print(f"briefing ach: error: no source {', '.join(f'[{n}]' for n in unknown)} in {file or default_path()}", file=sys.stderr)
        return EXIT_USAGE
    if briefing.ach is None:
        print(f'{file or default_path()}: no ACH matrix in this briefing (see the README\'s "Competing hypotheses")', file=sys.stderr)
        if format == "json":  # a script still gets the shape it reads, empty
            import json

            print(json.dumps({"question": None, "hypotheses": [], "evidence": []}, indent=2))
        return EXIT_OK
    matrix = score(briefing.hypotheses, briefing.ach, index, withdrawn_with_derivations(index, without))
    if format == "json":
        import json

        print(json.dumps(as_json(matrix), indent=2, ensure_ascii=False))
        return EXIT_OK

    from .render import ach_document

    _print_to_stdout(ach_document(index, matrix))
    return EXIT_OK


def run_capture(target: str, source: int, file: str | None) -> int:
    from .capture import CaptureError, capture
    from .loader import LoadError

    path = Path(file or default_path())
    try:
        done = capture(target, source, path)
    except CaptureError as error:
        print(f"briefing capture: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except LoadError as error:  # the briefing itself is broken: say where, as check does
        _report(error.diagnostics)
        return EXIT_USAGE if error.kind == "io" else EXIT_INVALID
    except OSError as error:
        print(f"briefing capture: error: {error.filename or path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    size = f"{done.size / 1024:.1f} KB"
    print(f"{done.file} ({size}, sha256 {done.sha256[:12]}…) saved for source [{source}] in {path}")
    for hop in done.redirects:
        print(f"  redirected to {hop}")
    return EXIT_OK


def run_verify(file: str | None, max_bytes: int) -> int:
    from .capture import verify_live
    from .text import clean

    loaded, code = _load_or_report(file, max_bytes)
    if loaded is None:
        return code
    results = verify_live(loaded.briefing)
    if not results:
        print("no quote of a source with a URL to look for")
        return EXIT_OK
    marks = {"there": "✔", "changed": "✘", "gone": "✘"}
    source = None
    for result in results:
        if result.source != source:
            source = result.source
            print(f"[{source}] {clean(result.url)}")
        words = result.text if len(result.text) <= 60 else result.text[:59] + "…"
        print(f'  {marks[result.state]} {result.ref} "{clean(words)}": {clean(result.detail)}')
    lost = sum(result.state != "there" for result in results)
    print(f"{len(results) - lost} of {len(results)} quotes still there" + (f", {lost} not" if lost else ""))
    return EXIT_INVALID if lost else EXIT_OK


def run_keys() -> int:
    from .config import read_settings
    from .tui.keys import check_keymap, keyed

    settings = read_settings()
    keymap, problems = check_keymap(settings.keymap)
    for problem in settings.problems + [f"{settings.path}: {p}" for p in problems]:
        print(f"briefing keys: warning: {problem}", file=sys.stderr)
    entries = keyed(keymap)
    width = max(len(entry.id) for entry in entries)
    keys_width = max(len(entry.keys) for entry in entries)
    where = None
    for entry in entries:
        if entry.where != where:
            where = entry.where
            print(f"{'' if entry is entries[0] else chr(10)}{where}:")
        remapped = "  (config)" if entry.id in keymap else ""
        print(f"  {entry.id:<{width}}  {entry.keys:<{keys_width}}  {entry.description}{remapped}".rstrip())
    print(f'\nRemap one in {settings.path}: [keymap] quit = "x"')
    return EXIT_OK


def run_tui(file: str | None, max_bytes: int, compare: str | None = None) -> int:
    path = Path(file) if file else default_path()
    baseline = None
    if compare is not None:  # briefing OLD --compare NEW: show NEW against OLD
        path, baseline = Path(compare), path
    if path.is_dir() and baseline is None:  # a folder: the library of every briefing in it
        from .tui.app import create_app

        app = create_app(path, max_bytes=max_bytes)
        app.run()
        return app.return_code or EXIT_OK
    for required in (path, baseline):
        if required is not None and not required.is_file():  # say so now rather than flash the screen
            return _load_or_report(str(required), max_bytes)[1]
    # The dashboard draws its first frame at once and loads the briefing in a worker:
    # Pydantic and PyYAML are imported while the reader already sees the screen.
    from .tui.app import create_app

    app = create_app(path, max_bytes=max_bytes, baseline=baseline)
    app.run()
    if app.startup_error is not None:
        _report(app.startup_error.diagnostics)
        return EXIT_USAGE if app.startup_error.kind == "io" else EXIT_INVALID
    return app.return_code or EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # `briefing FILE` opens the dashboard: anything that is not a command or an option is a file.
    if args and args[0] not in COMMANDS and not args[0].startswith("-"):
        mistyped = _mistyped_command(args[0])
        if mistyped is not None:
            print(mistyped, file=sys.stderr)
            return EXIT_USAGE
        args.insert(0, "tui")
    if not args or (args[0].startswith("-") and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "tui")
    if args and args[0] == "capture":
        args = ["capture", *_options_first(args[1:])]
    options = build_parser().parse_args(args)
    if getattr(options, "today", None) is not None:  # for every part of the command, the dashboard's `check` included
        import os

        from .track import TODAY_VARIABLE

        os.environ[TODAY_VARIABLE] = options.today.isoformat()
    try:
        if options.command == "check":
            return run_check(options.files, options.max_bytes, options.quiet, options.max_age, options.without or (), options.today)
        if options.command == "score":
            return run_score(options.files, options.max_bytes, options.today, options.format)
        if options.command == "print":
            return run_print(options.file, options.max_bytes, options.width, options.section, options.without or ())
        if options.command == "diff":
            return run_diff(options.old, options.new, options.max_bytes, options.format)
        if options.command == "schema":
            return run_schema()
        if options.command == "ach":
            return run_ach(options.file, options.max_bytes, options.without or (), options.format)
        if options.command == "export":
            return run_export(options.file, options.max_bytes, options.format, options.output)
        if options.command == "serve":
            return run_serve(options.file, options.host, options.port, options.max_bytes, options.token)
        if options.command == "capture":
            if len(options.targets) > 2:
                print(f"briefing capture: error: expected URL|PATH and at most one FILE; got {len(options.targets)} arguments", file=sys.stderr)
                return EXIT_USAGE
            return run_capture(options.targets[0], options.source, options.targets[1] if len(options.targets) > 1 else None)
        if options.command == "verify":
            return run_verify(options.file, options.max_bytes)
        if options.command == "keys":
            return run_keys()
        return run_tui(options.file, options.max_bytes, options.compare)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `briefing print | head` is not an error
        # Python flushes stdout again on the way out and would fail then: point it nowhere.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _options_first(args: list[str]) -> list[str]:
    """``URL --source N FILE`` as ``--source N URL FILE``: argparse gives no positional after an
    option to a second positional (parse_intermixed_args does not take subcommands)."""
    options: list[str] = []
    rest: list[str] = []
    words = iter(args)
    for word in words:
        if word == "--":
            rest += list(words)
        elif word == "--source":  # the one option that takes a value
            options += [word, next(words, "")]
        elif word.startswith("-") and len(word) > 1:
            options.append(word)
        else:
            rest.append(word)
    return [*options, *rest]


def _mistyped_command(word: str) -> str | None:
    """What to say when the first word is neither a command nor a file there is: the
    nearest command, when one is near."""
    import difflib

    if Path(word).exists() or Path(word).suffix or "/" in word or "\\" in word:
        return None  # a file's name: the dashboard says if it cannot be read
    near = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    hint = f"did you mean 'briefing {near[0]}'?" if near else f"commands: {', '.join(COMMANDS)}"
    return f"briefing: error: {word!r} is neither a command nor a file; {hint}"


def entry_point() -> None:
    sys.exit(main())
