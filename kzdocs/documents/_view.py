"""What a document prints, ready for any engine: paired kk/ru text blocks and tables.

A view holds every printed string. The DOCX and HTML templates only place these strings, so
the DOCX and the PDF of one input carry the same text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal

LANGUAGES: Final = ("kk", "ru")

Style = Literal[
    "issuer", "number", "title", "subtitle", "body", "center", "right", "label",
    "blank", "caption", "item", "signature", "small", "heading",
]


@dataclass(frozen=True)
class Line:
    """One printed paragraph in one style. A ``blank`` line is followed by its ``caption``."""

    text: str
    style: Style = "body"


@dataclass(frozen=True)
class Pair:
    """The same block in Kazakh and in Russian (printed side by side, or one of them)."""

    kk: tuple[Line, ...]
    ru: tuple[Line, ...]
    kind: Literal["pair"] = "pair"

    def lines(self, lang: str) -> tuple[Line, ...]:
        return self.kk if lang == "kk" else self.ru


@dataclass(frozen=True)
class Table:
    """A full-width table; header cells already carry the requested languages («Аты-жөні / Ф.И.О.»)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Relative column widths in percent.
    widths: tuple[int, ...]
    kind: Literal["table"] = "table"


Block = Pair | Table


@dataclass(frozen=True)
class View:
    """Everything one rendered document shows, for the requested ``languages``."""

    name: str
    languages: tuple[str, ...]
    number: str
    issue_date: date
    title: str
    author: str
    blocks: tuple[Block, ...]
    #: What the QR code encodes: the verification address with the document number.
    qr_payload: str
    #: The text beside the QR code, one line per language.
    qr_caption: tuple[str, ...] = field(default=())
    #: Index of the block the QR code is printed beside (the signature).
    qr_at: int = -1

    def text_lines(self) -> Iterable[str]:
        """Every printed string, in reading order (used by the parity tests)."""
        for block in self.blocks:
            if isinstance(block, Table):
                yield from block.header
                for row in block.rows:
                    yield from row
            else:
                for lang in self.languages:
                    yield from (line.text for line in block.lines(lang))
        yield from self.qr_caption


def check_languages(languages: Iterable[str]) -> tuple[str, ...]:
    """Normalise ``languages`` to ``("kk",)``, ``("ru",)`` or ``("kk", "ru")`` (Kazakh first)."""
    if isinstance(languages, str):
        languages = [part.strip() for part in languages.split(",")]
    chosen = tuple(languages)
    unknown = [lang for lang in chosen if lang not in LANGUAGES]
    if unknown or not chosen or len(set(chosen)) != len(chosen):
        raise ValueError(f"languages must be ('kk',), ('ru',) or ('kk', 'ru'), not {chosen!r}")
    return tuple(lang for lang in LANGUAGES if lang in chosen)


def bi(languages: tuple[str, ...], kk: str, ru: str) -> str:
    """Join the requested languages of one short label: «Аты-жөні / Ф.И.О.»."""
    return " / ".join(kk if lang == "kk" else ru for lang in languages)
