"""Reading files of an office kit without ever leaving its folder."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from kzdocs.errors import KitPathError, KitRuleError


def kit_path(folder: Path, name: str, field: str) -> Path:
    """``folder/name`` if it stays inside ``folder`` (no absolute path, no ``..``, no symlink pointing out).

    ``folder`` must already be resolved. Raises :class:`KitPathError` naming ``field`` otherwise.
    """
    pure = PurePosixPath(name.replace("\\", "/"))
    if not name or pure.is_absolute() or name.startswith("~") or ":" in name.split("/")[0]:
        raise KitPathError(field, "path.absolute", f"{name!r} must be a file name inside the kit's folder")
    if ".." in pure.parts:
        raise KitPathError(field, "path.parent",
                           f"{name!r} leaves the kit's folder (..); kits read only their own files")
    candidate = folder.joinpath(*pure.parts)
    real = Path(os.path.realpath(candidate))
    if real != folder and folder not in real.parents:
        raise KitPathError(field, "path.symlink",
                           f"{name!r} is a link to {real}, outside the kit's folder; copy the file into the kit")
    return candidate


def read_kit_file(folder: Path, name: str, field: str, limit: int) -> bytes | None:
    """The bytes of a kit file (``None`` when it does not exist), refused over ``limit`` bytes."""
    path = kit_path(folder, name, field)
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() and not path.exists():
        raise KitRuleError(field, "file.broken_link", f"{name!r} is a broken link")
    if not path.is_file():
        raise KitRuleError(field, "file.not_a_file", f"{name!r} is not a regular file")
    size = path.stat().st_size
    if size > limit:
        raise KitRuleError(field, "file.too_large", f"{name!r} is {size:,} bytes; the limit is {limit:,} bytes")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise KitRuleError(field, "file.unreadable", f"{name!r} cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise KitRuleError(field, "file.too_large", f"{name!r} is larger than {limit:,} bytes")
    return data
