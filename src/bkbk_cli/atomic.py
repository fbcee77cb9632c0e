"""Write a file so that a reader sees the old one or the whole new one, never half of it.

Every file this tool writes for someone else to open (an annotated roster, a
report, an export) goes through here: the content is written to a temporary file
beside the target, flushed to disk, given the target's permissions and renamed
into place in one step. On failure the temporary file is removed and the target
is as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_temporary(
    out: Path, write: Callable[[Path], None], prefix: str = ".", suffix: str = ".tmp"
) -> Path:
    """Call ``write(temporary_path)`` for a new file beside ``out``, flushed to disk and given
    ``out``'s permissions; return that path (the caller renames it into place).

    Raises ``OSError`` naming ``out`` when the temporary file cannot be made; on any
    failure the temporary file is removed.
    """
    out = Path(out)
    try:
        mode = out.stat().st_mode & 0o7777 if out.exists() else 0o644
        fd, tmp_name = tempfile.mkstemp(
            dir=out.parent, prefix=f"{prefix}{out.name}.", suffix=suffix
        )
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(out)) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_atomically(out: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temporary_path)``, then move the result onto ``out`` in one step.

    Raises ``OSError`` naming ``out`` (not the temporary file) when it cannot be written.
    """
    tmp = write_temporary(out, write)
    try:
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomically(out: Path, text: str) -> None:
    """``write_atomically`` for UTF-8 text, written as given (no newline translation)."""
    write_atomically(out, lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""))
