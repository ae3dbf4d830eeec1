"""The versions of briefings a track record is scored from: the files given (every briefing
under a folder), and — for a file in a git repository — each version of it that was
committed, read with dulwich (no ``git`` command, no parsing of its output).

I/O only; what is scored from the versions is ``track``'s.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .defaults import DEFAULT_MAX_BYTES
from .track import Version

if TYPE_CHECKING:
    from .loader import Diagnostic
    from .model import Briefing
    from .track import Forecast


class Gathered(NamedTuple):
    versions: list[Version]
    #: Files that could not be read as a briefing: their located errors.
    problems: list[Diagnostic]
    #: How many files (not committed versions) were read.
    files: int


def gather(paths: Sequence[str | os.PathLike], max_bytes: int = DEFAULT_MAX_BYTES, history: bool = True) -> Gathered:
    """Every version of every briefing under ``paths``: each file as it is now and, with
    ``history``, each committed version of it. A committed version that no longer loads is
    skipped (the record is what could be read); a file that does not is a problem."""
    from .library import discover
    from .loader import LoadError, load

    files: list[str] = []
    for path in paths:
        if Path(path).is_dir():
            files += [found for found, _, _ in discover(path)]
        else:
            files.append(os.fspath(path))
    versions: list[Version] = []
    problems: list[Diagnostic] = []
    for file in files:
        try:
            versions.append(Version(load(file, max_bytes).briefing, file))
        except LoadError as error:
            problems += [d for d in error.diagnostics if d.severity == "error"][:1] or error.diagnostics[:1]
    if history:
        versions += committed_versions(files, max_bytes)
    return Gathered(versions, problems, len(files))


def committed_versions(files: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Version]:
    """Each committed version of each file that lives in a git repository, oldest first.
    One walk of a repository's history serves every file in it."""
    by_repository: dict[Path, list[tuple[str, bytes]]] = {}
    roots: dict[Path, Path | None] = {}  # folder → its repository's root: looked up once per folder
    ceilings = _ceilings()  # read once, not at each folder climbed
    for file in files:
        path = Path(file).resolve()
        root = _root_of(path.parent, roots, ceilings)
        if root is not None:
            by_repository.setdefault(root, []).append((file, path.relative_to(root).as_posix().encode()))
    versions: list[Version] = []
    for root, tracked in by_repository.items():
        versions += _history(root, tracked, max_bytes)
    return versions


def _root_of(folder: Path, roots: dict[Path, Path | None], ceilings: set[Path]) -> Path | None:
    """The work tree root of the git repository a folder lies in, or None. As git does, the
    search goes no higher than a folder named in ``$GIT_CEILING_DIRECTORIES``."""
    if folder not in roots:
        if (folder / ".git").exists():
            roots[folder] = folder
        elif folder.parent == folder or folder.parent in ceilings:
            roots[folder] = None
        else:
            roots[folder] = _root_of(folder.parent, roots, ceilings)
    return roots[folder]


def _ceilings() -> set[Path]:
    return {Path(entry) for entry in os.environ.get("GIT_CEILING_DIRECTORIES", "").split(os.pathsep) if os.path.isabs(entry)}


def _history(root: Path, tracked: list[tuple[str, bytes]], max_bytes: int) -> list[Version]:
    """The committed versions of files in one repository. A repository dulwich cannot read
    (a shallow clone's missing commits, a damaged pack) gives what it could read."""
    from dulwich.errors import NotGitRepository
    from dulwich.repo import Repo

    try:
        repo = Repo(str(root))
    except (NotGitRepository, OSError, ValueError):  # a .git that is not a repository dulwich can open
        return []
    versions: list[Version] = []
    try:
        versions += _walk(repo, tracked, max_bytes)
    except Exception:  # any repository on disk: what dulwich cannot read is no part of the record
        pass
    finally:
        repo.close()  # its pack files: closed here, not by the collector at exit
    return versions


def _walk(repo: Any, tracked: list[tuple[str, bytes]], max_bytes: int) -> Iterator[Version]:
    from dulwich.object_store import tree_lookup_path

    from .loader import LoadError, load_text

    try:
        head = repo.head()
    except KeyError:  # no commit yet
        return
    store = repo.object_store
    head_tree = store[head].tree
    # Only files the last commit holds have a history to walk: a folder of untracked files
    # inside a repository (a desk beside the code) costs one lookup each, not a walk.
    tracked = [(file, path) for file, path in tracked if _holds(store, head_tree, path)]
    if not tracked:
        return
    seen: set[bytes] = set()
    walker = repo.get_walker(include=[head], paths=[path for _, path in tracked])
    entries = sorted(walker, key=lambda entry: entry.commit.commit_time)
    for entry in entries:
        commit = entry.commit
        for file, path in tracked:
            try:
                _, blob_id = tree_lookup_path(store.__getitem__, commit.tree, path)
            except KeyError:
                continue
            if blob_id in seen:
                continue
            seen.add(blob_id)
            data = store[blob_id].data
            if len(data) > max_bytes:
                continue
            name = f"{file}@{commit.id.decode()[:7]}"
            try:
                briefing = load_text(data.decode("utf-8"), name).briefing
            except (LoadError, UnicodeDecodeError):
                continue
            yield Version(briefing, name, float(commit.commit_time))


def _holds(store: Any, tree: Any, path: bytes) -> bool:
    from dulwich.object_store import tree_lookup_path

    try:
        tree_lookup_path(store.__getitem__, tree, path)
    except KeyError:
        return False
    return True


def has_outcomes(briefing: Briefing) -> bool:
    """Whether any judgment is resolved: only then does the forecast scored (perhaps an older
    version's) matter to what is shown, and the versions are worth reading."""
    return any(j.resolution is not None and j.resolution.outcome is not None for j in briefing.judgments)


def record_of(path: str | os.PathLike, briefing: Briefing, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Forecast]:
    """The track record of one briefing, from all its versions: the briefings under its folder
    that share its id, and each one's committed history."""
    from .library import discover
    from .track import briefing_key, forecasts

    key = briefing_key(briefing)
    folder = Path(path).parent
    here = os.path.abspath(path)
    # Only the files that name the key are read in full: a briefing in a folder of a thousand
    # others must not load them all to find its two versions.
    named = [found for found, _, _ in discover(folder) if os.path.abspath(found) != here and _names(found, key, max_bytes)] if folder.is_dir() else []
    gathered = gather(named, max_bytes, history=False)
    versions = [v for v in gathered.versions if briefing_key(v.briefing) == key]
    versions += committed_versions([os.fspath(path), *(v.file for v in versions)], max_bytes)
    return forecasts([*versions, Version(briefing, os.fspath(path))])


def _names(file: str, key: str, max_bytes: int) -> bool:
    """Whether a file's text holds the key at all (its id, or its title when it has none); no
    more of it is read than a briefing may hold."""
    try:
        with open(file, encoding="utf-8", errors="replace") as handle:
            return key in handle.read(max_bytes)
    except OSError:
        return False
