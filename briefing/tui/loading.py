"""The briefing's file: loaded, watched, reloaded — one component that reports by messages.

There is one way a file is read (``_read``): at once for a small file (a worker thread
would contend for the GIL with the event loop and take longer), in a worker for a large
one, so that the screen stays live. The dashboard hears ``Loaded``, ``Failed``,
``Missing`` or ``Unchanged`` and decides what the reader sees.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

from .workers import guarded_work

if TYPE_CHECKING:  # the loader (Pydantic, PyYAML) is imported when the first load runs, after the first frame
    from ..evidence import Verification
    from ..loader import Loaded as LoadedBriefing
    from ..loader import LoadError

POLL_SECONDS = 0.25
INLINE_LOAD_BYTES = 256 * 1024

Signature = tuple[int, int, int]


def signature(path: Path) -> Signature | None:
    """What changes when the file is written or replaced; None when it is missing."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class BriefingFile(Widget):
    """Loads a briefing (and the older version it is compared with), and follows its file:
    a change is reloaded once the file has held still for one poll (editors write in bursts)."""

    DEFAULT_CSS = "BriefingFile { display: none; }"

    class Loaded(Message):
        """A good briefing was read. ``by_hand``: the reader asked for it."""

        def __init__(self, loaded: LoadedBriefing, baseline: LoadedBriefing | None, by_hand: bool) -> None:
            super().__init__()
            self.loaded = loaded
            self.baseline = baseline
            self.by_hand = by_hand

    class Failed(Message):
        """The file (or the baseline) could not be loaded; every problem is located."""

        def __init__(self, error: LoadError) -> None:
            super().__init__()
            self.error = error

    class Missing(Message):
        """The file has gone (it may come back: it is still watched)."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class Unchanged(Message):
        """Reloaded by hand, and the file is as it was."""

    class Checked(Message):
        """What `briefing check` says of a loaded briefing (``problems.Problem``s)."""

        def __init__(self, loaded: LoadedBriefing, problems: list) -> None:
            super().__init__()
            self.loaded = loaded
            self.problems = problems

    class Verified(Message):
        """The quotes of a loaded briefing were looked for in its sources' saved copies."""

        def __init__(self, loaded: LoadedBriefing, verification: Verification) -> None:
            super().__init__()
            self.loaded = loaded
            self.verification = verification

    class Recorded(Message):
        """The briefing's track record, read from all its versions (the folder, git)."""

        def __init__(self, loaded: LoadedBriefing, record: list) -> None:
            super().__init__()
            self.loaded, self.record = loaded, record

    def __init__(self, path: Path, *, watch: bool, max_bytes: int, baseline: Path | LoadedBriefing | None = None, loaded: bool = False) -> None:
        super().__init__(id="briefing-file")
        self.path = path
        self.watch_file = watch
        self.max_bytes = max_bytes
        self._baseline_path = Path(baseline) if isinstance(baseline, (str, Path)) else None
        self.baseline = None if isinstance(baseline, (str, Path)) else baseline
        #: The file as last read (or as given, when the app was handed a loaded briefing).
        self._read_signature = signature(path) if loaded else None
        self._seen_signature = self._read_signature
        self._pending: Signature | None = None

    def on_mount(self) -> None:
        if self.watch_file:
            self.set_interval(POLL_SECONDS, self.poll)

    def load(self, by_hand: bool = False) -> None:
        """Read the file now (a small one) or in a worker (a large one)."""
        current = signature(self.path)
        if by_hand and current is not None and current == self._read_signature:
            self.post_message(self.Unchanged())
            return
        if current is not None and current[1] >= INLINE_LOAD_BYTES:
            self._load_in_worker(by_hand)
        else:
            self.post_message(self.read(by_hand))

    @guarded_work("Loading the briefing", group="load", exclusive=True)
    def _load_in_worker(self, by_hand: bool) -> None:
        self.post_message(self.read(by_hand))

    def read(self, by_hand: bool) -> Message:
        """The one load path: the baseline once, then the file; a message says how it went."""
        from ..loader import LoadError, load

        before = signature(self.path)
        # The file as read is the file as seen: else the first poll took the file read at
        # start for a change, and read it all again half a second later.
        self._seen_signature, self._pending = before, None
        try:
            if self.baseline is None and self._baseline_path is not None:
                self.baseline = load(self._baseline_path, self.max_bytes)
            loaded = load(self.path, self.max_bytes)
        except LoadError as error:
            return self.Failed(error)
        self._read_signature = before
        return self.Loaded(loaded, self.baseline, by_hand)

    def verify(self, loaded: LoadedBriefing) -> None:
        """Look for the briefing's quotes in its saved copies (reading a PDF or a WARC the first
        time takes a while); ``Verified`` brings the marks."""
        from ..saved import quoted_items

        if next(quoted_items(loaded.briefing), None) is not None:
            self._run_apart(loaded, partial(_quotes_checked, self.path.parent), "Checking the quotes", "verify")

    def read_record(self, loaded: LoadedBriefing) -> None:
        """Read the briefing's other versions when a judgment is resolved: the forecast scored,
        and so the post-mortem, may be an older version's. ``Recorded`` brings it."""
        from ..versions import has_outcomes

        if has_outcomes(loaded.briefing):
            self._run_apart(loaded, partial(_record_read, self.path, self.max_bytes), "Reading the track record", "record")

    def check(self, loaded: LoadedBriefing) -> None:
        """Run `briefing check` on the file apart, for the Problems list; ``Checked`` brings it."""
        self._run_apart(loaded, partial(_problems_found, self.path, self._read_signature), "Checking", "problems")

    def _run_apart(self, loaded: LoadedBriefing, compute: Callable[[LoadedBriefing], Message | None], what: str, group: str) -> None:
        """``compute(loaded)`` in a thread worker, its message (if any) posted here. The worker
        is the app's, started by the app, and holds this file and the briefing by weak reference:
        a worker's task keeps the context it was started in (here it names this screen), and
        Textual keeps the last worker, and its arguments, after it ends — which kept a closed
        briefing alive."""
        work = partial(_report_apart, self.app, weakref.ref(self), weakref.ref(loaded), compute, what)
        self.app.call_later(self.app.run_worker, work, thread=True, group=group, exclusive=True, exit_on_error=False, description=what)

    def poll(self) -> None:
        """Look at the file once (the timer does, every POLL_SECONDS): a change is read once
        it has held still since the last look, since editors write in bursts."""
        current = signature(self.path)
        if current == self._seen_signature:
            self._pending = None
            return
        if current is None:
            self._seen_signature = None
            self.post_message(self.Missing(self.path))
            return
        if current != self._pending:  # changed: wait until it holds still for a poll
            self._pending = current
            return
        self._seen_signature, self._pending = current, None
        self.load()


def _report_apart(app, target: weakref.ref[BriefingFile], loaded_ref: weakref.ref[LoadedBriefing], compute, what: str) -> None:
    """Run ``compute`` on the briefing, if it is still there, and post what it gives to the file,
    if it is still there; a failure is a notice, never a crash (as ``guarded_work``)."""
    from .workers import notify_failure

    loaded = loaded_ref()
    if loaded is None:  # reloaded or closed meanwhile
        return
    try:
        message = compute(loaded)
    except Exception as error:
        notify_failure(app, what, error)
        return
    file = target()
    if message is not None and file is not None:
        file.post_message(message)


def _quotes_checked(folder: Path, loaded: LoadedBriefing) -> Message:
    from ..saved import verify

    return BriefingFile.Verified(loaded, verify(loaded.briefing, folder))


def _record_read(path: Path, max_bytes: int, loaded: LoadedBriefing) -> Message:
    from ..versions import record_of

    return BriefingFile.Recorded(loaded, record_of(path, loaded.briefing, max_bytes))


def _problems_found(path: Path, as_loaded: Signature | None, loaded: LoadedBriefing) -> Message | None:
    """`briefing check` apart; each problem placed on its item for a file small enough."""
    from ..index import BriefingIndex
    from .problems import PLACE_ITEMS_BYTES, check_file, place

    problems = check_file(path)
    if signature(path) != as_loaded:  # changed meanwhile: these are the problems of another version than the one on screen
        return None
    if problems and path.stat().st_size <= PLACE_ITEMS_BYTES:
        problems = place(problems, path, BriefingIndex(loaded.briefing))
    return BriefingFile.Checked(loaded, problems)
