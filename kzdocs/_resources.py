"""Where the package's own templates and fonts are: the only files rendering reads."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_ROOT = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    """The directory ``templates``, ``fonts`` or ``samples``: inside the package when installed from a wheel,
    beside it in a source checkout (and an editable install)."""
    for candidate in (_ROOT / "_data" / name, _ROOT.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kzdocs resource directory {name!r} is missing from this installation")
