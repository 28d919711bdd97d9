"""Writing outputs safely, and reading inputs with a bound whatever kind of file they are.

An output is written to an anonymous file in its folder (``O_TMPFILE``: a kill while writing
leaves nothing behind), made durable, given a distinctive temporary name (``.kzdocs-<hex>.part``)
and renamed over its target in one step, so readers see the old file or the whole new one.
New files get the mode the umask allows (never wider). Inputs are opened once and checked by
type: a regular file's size is checked before reading; a pipe, FIFO or device is read only up to
the limit.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kzdocs.errors import InputFileError, OutputError

TEMP_PREFIX = ".kzdocs-"
TEMP_SUFFIX = ".part"
#: The longest file name (in bytes) Linux file systems allow.
MAX_NAME_BYTES = 255


def temp_name() -> str:
    """A fresh temporary file name no other program uses: ``.kzdocs-<16 hex>.part``."""
    return f"{TEMP_PREFIX}{secrets.token_hex(8)}{TEMP_SUFFIX}"


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.fsync(fd)


def _link_anonymous(folder: Path, data: bytes, temp: Path) -> bool:
    """Write ``data`` to an anonymous file in ``folder`` and give it the name ``temp``; False when the
    file system cannot make anonymous files."""
    flags = getattr(os, "O_TMPFILE", 0)
    if not flags:
        return False
    try:
        fd = os.open(folder, flags | os.O_WRONLY | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return False
        raise
    try:
        _write_all(fd, data)
        folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:  # linkat(..., AT_SYMLINK_FOLLOW): a directory fd makes Python call linkat, not link
            os.link(f"/proc/self/fd/{fd}", temp.name, dst_dir_fd=folder_fd, follow_symlinks=True)
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.EXDEV, errno.EPERM, errno.EOPNOTSUPP) and not temp.exists():
                return False  # no /proc, or linkat refused: fall back to a named temporary file
            raise
        finally:
            os.close(folder_fd)
    finally:
        os.close(fd)
    return True


def _write_named(data: bytes, temp: Path) -> None:
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    try:
        _write_all(fd, data)
    except BaseException:
        os.close(fd)
        temp.unlink(missing_ok=True)
        raise
    os.close(fd)


def write_atomic(path: Path, data: bytes, *, temp: str | None = None) -> None:
    """Write ``data`` to ``path`` so that readers see either the old file or the whole new one.

    ``temp`` is the temporary name to use (a caller that records its temporary files, as the batch
    journal does, chooses it first); by default a fresh :func:`temp_name`. A target that is not a
    regular file (a folder, a symlink, a FIFO) is refused with :class:`OutputError`.
    """
    path = Path(path)
    folder = path.parent
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        pass
    else:
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(f"{path}: is not a regular file; kzdocs will not replace it")
    tmp = folder / (temp or temp_name())
    for attempt in (1, 2):
        try:
            if not _link_anonymous(folder, data, tmp):
                _write_named(data, tmp)
            os.replace(tmp, path)
        except FileNotFoundError:
            if attempt == 2 or not folder.is_dir():
                raise
            continue  # the temporary file vanished before the rename: write it again, once
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        break
    _fsync_dir(folder)


def open_input(path: str | Path, stdin: BinaryIO | None = None) -> tuple[BinaryIO, int | None]:
    """Open an input for reading: ``-`` is standard input. Returns the stream and, for a regular
    file, its size (``None`` for a pipe, FIFO or device, which must be read with a bound).

    A FIFO is opened without blocking on a missing writer; a folder or a socket is refused.
    """
    if str(path) == "-":
        import sys

        return (stdin or sys.stdin.buffer), None
    file = Path(path)
    try:
        fd = os.open(file, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputFileError(f"{file}: no such file", "file_not_found") from None
    except IsADirectoryError:
        raise InputFileError(f"{file}: is a folder, not a file", "file_not_found") from None
    except PermissionError:
        raise InputFileError(f"{file}: permission denied", "file_unreadable") from None
    except OSError as exc:
        raise InputFileError(f"{file}: cannot be opened ({exc.strerror or exc})", "file_unreadable") from None
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        os.close(fd)
        raise InputFileError(f"{file}: is a folder, not a file", "file_not_found")
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        os.close(fd)
        raise InputFileError(f"{file}: is not a file kzdocs can read", "file_unreadable")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb"), (info.st_size if stat.S_ISREG(info.st_mode) else None)


def read_limited(path: str | Path, limit: int | None, stdin: BinaryIO | None = None, what: str = "") -> bytes:
    """The bytes of an input, never more than ``limit`` (a larger input is refused, whatever the file
    type: a regular file by its size before reading, a pipe or device after ``limit`` bytes)."""
    stream, size = open_input(path, stdin)
    name = "standard input" if str(path) == "-" else str(path)
    what = what or "the limit for one document"
    try:
        if limit is not None and size is not None and size > limit:
            raise InputFileError(f"{name} is {size:,} bytes; one document's input may be at most {limit:,} bytes",
                                 "too_large")
        data = stream.read(limit + 1) if limit is not None else stream.read()
    except OSError as exc:
        raise InputFileError(f"{name}: cannot be read ({exc.strerror or exc})", "file_unreadable") from None
    finally:
        if str(path) != "-":
            stream.close()
    if limit is not None and len(data) > limit:
        raise InputFileError(f"{name} is larger than {limit:,} bytes, {what}", "too_large")
    return data


def bounded_lines(stream: BinaryIO, limit: int, give_up: int) -> Iterator[tuple[int, bytes | None]]:
    """Lines of a binary stream with their numbers; a line longer than ``limit`` bytes is skipped
    unread and given as ``None``. A line longer than ``give_up`` bytes ends the input with an
    :class:`InputFileError` (``/dev/zero`` is not JSON Lines)."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or (line.endswith(b"\n") and len(line) <= limit + 1):
            yield number, line
            continue
        skipped = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(1 << 20)
            if not line:
                break
            skipped += len(line)
            if skipped > give_up:
                raise InputFileError(f"line {number} is longer than {give_up:,} bytes; this is not a file of "
                                     "records, one per line", "too_large")
        yield number, None
