"""Writing outputs safely: a temporary file in the same directory, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PART_SUFFIX = ".part"


def remove_stale_parts(folder: Path) -> int:
    """Delete temporary files a killed writer left in ``folder`` (``.<name>.<random>.part``)."""
    removed = 0
    for leftover in folder.glob(f".*{PART_SUFFIX}"):
        leftover.unlink(missing_ok=True)
        removed += 1
    return removed


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see either the old file or the whole new one."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
