"""The language of error messages, from ``Accept-Language``.

English by default; ``Accept-Language: kk`` or ``ru`` answers in Kazakh or Russian through the
library's message catalogs (:mod:`kzdocs.messages`). Each error's ``loc`` and ``type`` stay the
stable machine keys whatever the language.
"""

from __future__ import annotations

from typing import Any

#: Languages error messages are written in, the first the default.
AVAILABLE: tuple[str, ...] = ("en", "kk", "ru")


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
    """``errors`` with ``msg`` in ``language`` (one of :data:`AVAILABLE`); ``loc`` and ``type`` kept."""
    if language == "en":
        return errors
    from kzdocs.messages import localize_error

    return [{**error, "msg": localize_error(error, language)["msg"]} for error in errors]
