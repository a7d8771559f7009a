"""Writing a file so that a crash or a full disk never leaves it half-written."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path


def write_atomically(path: str | Path, data: bytes | str) -> int:
    """Write to a temporary file beside path, sync it, then move it over path in one step.

    The new file is created like any other (mode 0o666 less the umask), and an existing
    file keeps its permissions. Returns the number of bytes written.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return len(payload)
