"""What a document prints, ready for any engine: passages in each language, and tables.

A document writes a :class:`Draft` in its source languages (Kazakh and Russian). A draft
becomes a :class:`View` for the languages asked for — ``("kk", "ru")``, ``("kk-Latn",)``,
``("kk", "kk-Latn")``, ... — and a layout: the languages side by side in ``columns``, or each
passage ``stacked`` one language under another. A view holds every printed string; the DOCX and
HTML templates only place them, so the DOCX and the PDF of one input carry the same text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal, TypeAlias

from kzdocs.lang import Lang, check_languages, derive, source_of

Style = Literal[
    "issuer", "number", "title", "subtitle", "body", "center", "right", "label",
    "blank", "caption", "item", "signature", "small", "heading",
]
Layout = Literal["columns", "stacked"]
LAYOUTS: Final = ("columns", "stacked")
#: A text in each source language: ``{"kk": "...", "ru": "..."}``.
Texts: TypeAlias = Mapping[Lang, str]


@dataclass(frozen=True)
class Line:
    """One printed paragraph in one style. A ``blank`` line is followed by its ``caption``."""

    text: str
    style: Style = "body"


@dataclass(frozen=True)
class Passage:
    """One block of paragraphs in each language (printed side by side, or one under another)."""

    texts: Mapping[Lang, tuple[Line, ...]]

    def lines(self, lang: Lang) -> tuple[Line, ...]:
        """The paragraphs in ``lang``."""
        return self.texts[lang]


@dataclass(frozen=True)
class Multi:
    """A table cell that differs by language; the languages of one cell are joined by ``sep``."""

    texts: Texts
    sep: str = " / "

    def __str__(self) -> str:
        return self.sep.join(self.texts.values())


#: A table cell: the same in every language (a name, an IIN, a date in digits) or :class:`Multi`.
Cell: TypeAlias = str | Multi


@dataclass(frozen=True)
class Table:
    """A full-width table. In a view every cell is a string, its languages already joined."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: Relative column widths in percent.
    widths: tuple[int, ...]


Block = Passage | Table


@dataclass(frozen=True)
class Draft:
    """A document's printed text in its source languages, before languages and layout are chosen."""

    name: str
    number: str
    issue_date: date
    title: Texts
    author: Texts
    blocks: tuple[Block, ...]
    #: What the QR code encodes: the verification address with the document number.
    qr_payload: str
    #: The text beside the QR code, per language.
    qr_caption: Texts
    #: Index of the block the QR code is printed beside (the signature).
    qr_at: int = -1
    #: Identifiers printed as written in every language and script (document and application numbers).
    verbatim: tuple[str, ...] = ()
    #: Phrases a printed line never breaks inside (the signatory's name under the signature line).
    together: tuple[str, ...] = ()

    def view(self, languages: Iterable[str] | str = ("kk", "ru"), layout: Layout | None = None) -> View:
        """The view for ``languages`` (checked, in print order) in ``layout`` (default: columns)."""
        langs = check_languages(languages)
        chosen: Layout = layout or "columns"
        if chosen not in LAYOUTS:
            raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
        blocks: list[Block] = []
        qr_at = -1
        keep = (self.number, *self.verbatim)
        for index, block in enumerate(self.blocks):
            if isinstance(block, Table):
                blocks.append(_table(block, langs, keep))
            elif chosen == "columns" or len(langs) == 1:
                blocks.append(_passage(block, langs, keep))
            else:
                blocks.extend(_passage(block, (lang,), keep) for lang in langs)
            if index == self.qr_at % len(self.blocks):
                qr_at = len(blocks) - 1
        return View(
            name=self.name,
            languages=langs,
            columns=len(langs) if chosen == "columns" else 1,
            number=self.number,
            issue_date=self.issue_date,
            title=_text(self.title, langs[0], keep),
            author=_text(self.author, langs[0], keep),
            blocks=tuple(blocks),
            qr_payload=self.qr_payload,
            qr_caption=tuple(_text(self.qr_caption, lang) for lang in langs),
            qr_at=qr_at,
            together=tuple(dict.fromkeys(derive(p, lang, keep) for p in self.together for lang in langs)),
        )


@dataclass(frozen=True)
class View:
    """Everything one rendered document shows, for the requested ``languages``, every string final."""

    name: str
    languages: tuple[Lang, ...]
    #: Languages side by side in one passage: all of them in the columns layout, 1 when stacked.
    columns: int
    number: str
    issue_date: date
    title: str
    author: str
    blocks: tuple[Block, ...]
    qr_payload: str
    #: The text beside the QR code, one line per language.
    qr_caption: tuple[str, ...] = field(default=())
    qr_at: int = -1
    #: Phrases a printed line never breaks inside, as printed in the view's languages.
    together: tuple[str, ...] = ()

    def text_lines(self) -> Iterable[str]:
        """Every printed string, in reading order (used by the parity tests)."""
        for block in self.blocks:
            if isinstance(block, Table):
                yield from (str(cell) for cell in block.header)
                for row in block.rows:
                    yield from (str(cell) for cell in row)
            else:
                for lines in block.texts.values():
                    yield from (line.text for line in lines)
        yield from self.qr_caption


def _text(texts: Texts, lang: Lang, keep: tuple[str, ...] = ()) -> str:
    return derive(texts[source_of(lang)], lang, keep)


def _passage(block: Passage, langs: tuple[Lang, ...], keep: tuple[str, ...]) -> Passage:
    return Passage({
        lang: tuple(Line(derive(line.text, lang, keep), line.style) for line in block.texts[source_of(lang)])
        for lang in langs
    })


def _table(table: Table, langs: tuple[Lang, ...], keep: tuple[str, ...]) -> Table:
    # A cell the same in every language (a name, an IIN) is written in Latin letters only when
    # every language of the view is; where scripts differ it stays as the input wrote it.
    one_script = len({derive("ә", lang) for lang in langs}) == 1

    def cell(c: Cell) -> str:
        if isinstance(c, Multi):
            return c.sep.join(_text(c.texts, lang, keep) for lang in langs)
        return derive(c, langs[0], keep) if one_script else c

    return Table(
        header=tuple(cell(c) for c in table.header),
        rows=tuple(tuple(cell(c) for c in row) for row in table.rows),
        widths=table.widths,
    )


def bi(kk: str, ru: str, sep: str = " / ") -> Multi:
    """A short label or cell in both source languages: «Аты-жөні / Ф.И.О.» in a bilingual view."""
    return Multi({"kk": kk, "ru": ru}, sep)
