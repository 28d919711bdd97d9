"""Optional dependencies (the package's extras), checked before a feature uses them."""

from __future__ import annotations

import importlib.util

from kzdocs.errors import MissingExtraError

#: The seal extra's modules: signing and the signed payload; reading QR codes too.
SIGNING = ("cryptography", "cbor2")
READING = ("cryptography", "cbor2", "zxingcpp")
#: The serve extra's modules.
SERVING = ("starlette", "uvicorn")


def require(extra: str, modules: tuple[str, ...]) -> None:
    """Raise :class:`MissingExtraError` naming the modules of ``extra`` that are not installed."""
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        raise MissingExtraError(extra, missing)
