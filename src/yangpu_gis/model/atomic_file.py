"""The one way the app writes a file a planner asked for: maps, pages, projects, notes exports.

Every output goes through `atomic_output` (or `write_atomically`, built on it), which:

- refuses a destination that is one of the files being read (the same file, found by its
  inode, so a hard link, a symbolic link or another spelling of the path cannot fool it);
- refuses a name whose suffix does not match what is written (HTML into `x.png`, or into
  `b.geojson` when `export-html --file a.geojson b.geojson` made it the output);
- refuses a destination that is not a regular file: a folder, a character or block device
  (`/dev/null`), a FIFO or a socket. The final rename would replace any of them silently;
- writes through a symbolic link: the link stays and its target gets the new content (as
  editors do), provided the target is itself an acceptable destination;
- writes a temporary file beside the destination, syncs it and renames it over the
  destination in one step, so a crash, a full disk or any error leaves the old file whole;
- creates new files with the usual permissions (0o666 less the umask, so 0644 for most
  users) and keeps an existing file's permissions.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from yangpu_gis.model.messages import MESSAGES, Keyed

# The outputs' names in messages ("HTML map"...) by their model.messages ids.
_WHAT_IDS = {MESSAGES[key]: key for key in MESSAGES if key.startswith("what_")}


class OutputRefused(Keyed, OSError, ValueError):
    """The destination may not be written; the message is one self-contained line.

    An OSError (callers that report failed writes report it) and a ValueError (callers
    that report bad arguments do too)."""


def _matches(name: str, suffixes: Sequence[str]) -> bool:
    lower = name.lower()
    return any(lower.endswith(suffix.lower()) for suffix in suffixes)


def _suffix_list(suffixes: Sequence[str]) -> dict:
    """The allowed endings as the `suffixes` parameter of a model.messages text."""
    if len(suffixes) == 2:
        first, second = suffixes
        return {"suffixes_key": ("output_two_suffixes", {"first": first, "second": second})}
    return {"suffixes": " or *".join(suffixes)}


def _what(what: str) -> dict:
    """The output's name as the `what` parameter: by its id when it has one."""
    return {"what_key": _WHAT_IDS[what]} if what in _WHAT_IDS else {"what": what}


def _same_file(a: Path, b) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError, TypeError):
        return False  # an input that is gone, or a GDAL path such as /vsizip/...


def check_destination(
    path: str | os.PathLike,
    *,
    suffixes: Sequence[str] | None = None,
    inputs: Iterable[str | os.PathLike] = (),
    what: str = "file",
) -> Path:
    """The file to write for `path` (a symbolic link's target), or OutputRefused / OSError.

    `suffixes` are the endings the format allows (".html", ".ygis.json"...), `inputs` the
    files being read, `what` names the output in messages ("HTML map").
    """
    text = os.fspath(path)
    if not str(text).strip():
        raise OutputRefused.of("output_no_name", **_what(what))
    path = Path(text)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder; name the file to write", str(path))
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise OutputRefused.of(
            "output_not_regular",
            path=str(path),
            kind_key=_special_kind(status.st_mode),
            **_what(what),
        )
    if suffixes and not _matches(path.name, suffixes):
        raise OutputRefused.of(
            "output_wrong_suffix", name=path.name, **_suffix_list(suffixes), **_what(what)
        )
    if target != path and suffixes and not _matches(target.name, suffixes):
        raise OutputRefused.of(
            "output_link_elsewhere", name=path.name, target=str(target), **_suffix_list(suffixes)
        )
    for source in inputs:
        if _same_file(target, source):
            raise OutputRefused.of(
                "output_is_input",
                name=path.name,
                input=Path(os.fspath(source)).name,
                **_what(what),
            )
    folder = target.absolute().parent
    if not folder.is_dir():
        raise FileNotFoundError(
            errno.ENOENT, f"{os.strerror(errno.ENOENT)}: the folder does not exist", str(folder)
        )
    return target


def _special_kind(mode: int) -> str:
    """What a destination that is not a regular file is, as a model.messages id."""
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "kind_device"
    if stat.S_ISFIFO(mode):
        return "kind_fifo"
    if stat.S_ISSOCK(mode):
        return "kind_socket"
    return "kind_special"


@contextmanager
def atomic_output(
    path: str | os.PathLike,
    *,
    suffixes: Sequence[str] | None = None,
    inputs: Iterable[str | os.PathLike] = (),
    what: str = "file",
) -> Iterator[Path]:
    """Yield a temporary path beside the destination to write into (by any means, GDAL's
    included: it ends in the destination's suffix); on a clean exit it is synced and moved
    over the destination in one step, on an exception it is removed and the old file kept.

    The temporary file exists, empty, when the block starts (mode 0o666 less the umask).
    """
    target = check_destination(path, suffixes=suffixes, inputs=inputs, what=what)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    if suffixes:  # so a writer that picks its format by the name (GDAL) sees the right one
        tmp = tmp.with_name(tmp.name + next(s for s in suffixes if _matches(target.name, [s])))
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        if target.exists():
            shutil.copymode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomically(
    path: str | os.PathLike,
    data: bytes | str,
    *,
    suffixes: Sequence[str] | None = None,
    inputs: Iterable[str | os.PathLike] = (),
    what: str = "file",
) -> int:
    """Write data (str as UTF-8) to path through `atomic_output`; returns the bytes written."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_output(path, suffixes=suffixes, inputs=inputs, what=what) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    return len(payload)
