"""The seal's optional dependencies (the ``seal`` extra), checked before they are used."""

from __future__ import annotations

import importlib.util

from kzdocs.errors import MissingExtraError

#: The modules of the ``seal`` extra: signing, the signed payload, reading QR codes.
SIGNING = ("cryptography", "cbor2")
READING = ("cryptography", "cbor2", "zxingcpp")


def require(modules: tuple[str, ...]) -> None:
    """Raise :class:`MissingExtraError` naming the modules of the seal extra that are not installed."""
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        raise MissingExtraError("seal", missing)
