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


class PageLimitError(RenderError):
    """A document that does not fit its page limit even in the smallest type; names the field to shorten."""

    def __init__(self, pages: int, limit: int, field: str, characters: int, items: int | None) -> None:
        what = f"{items} items, {characters} characters" if items is not None else f"{characters} characters"
        super().__init__(
            f"the document needs {pages} pages but must fit on {limit}; shorten {field or 'the input'} ({what})"
        )
        self.pages = pages
        self.limit = limit
        self.field = field
