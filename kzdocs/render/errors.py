"""Errors of the rendering layer."""

from __future__ import annotations


class RenderError(RuntimeError):
    """A document could not be rendered (engine or resource problem, not bad input)."""


class FontCoverageError(RenderError):
    """A font lacks letters the documents print (Kazakh letters, №, ₸): refused, not printed blank."""

    def __init__(self, font: str, missing: str) -> None:
        super().__init__(f"font {font} lacks the letters {' '.join(missing)}; kzdocs will not print them blank")
        self.font = font
        self.missing = missing
