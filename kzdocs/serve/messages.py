"""The language of error messages, from ``Accept-Language``.

Messages are English today; each error's ``type`` is stable, so a client can show its own text.
The seam for Kazakh and Russian messages: when the library has message catalogs, add their
languages to :data:`AVAILABLE` and translate in :func:`localize`; the service needs no other change.
"""

from __future__ import annotations

from typing import Any

#: Languages error messages are written in, the first the default.
AVAILABLE: tuple[str, ...] = ("en",)


def negotiate(accept_language: str | None) -> str:
    """The best of :data:`AVAILABLE` for an ``Accept-Language`` header (``kk, ru;q=0.8``)."""
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in AVAILABLE and quality > 0:
            choices.append((-quality, position, primary))
    return min(choices)[2] if choices else AVAILABLE[0]


def localize(errors: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    """``errors`` with ``msg`` in ``language`` (one of :data:`AVAILABLE`)."""
    return errors
