"""Files the tool writes and keeps: atomic writes that keep a file's mode, and the cache folder."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    """``$BRIEFING_CACHE_DIR``, else ``$XDG_CACHE_HOME/briefing``, else ``~/.cache/briefing``."""
    explicit = os.environ.get("BRIEFING_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefing"


def write_atomically(path: str | os.PathLike, text: str | bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file.

    The file ends with the mode it would have had written in place: an existing file keeps
    its own, a new one gets what the umask allows (mkstemp makes every file 0600). A symbolic
    link is written through: its target gets the text, the link stays a link."""
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        if isinstance(text, bytes):
            with os.fdopen(handle, "wb") as binary:
                binary.write(text)
                os.fchmod(binary.fileno(), mode)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
                os.fchmod(stream.fileno(), mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux);
    elsewhere set and restored at once."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
