"""Builders of the parts every document prints: issuer header, number line, signature, QR text."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from kzdocs.lang import format_date

from ._base import Document
from ._view import Block, Line, Pair, View

ELECTRONIC_KK = (
    "Бұл құжат «Электрондық құжат және электрондық цифрлық қолтаңба туралы» Қазақстан Республикасының "
    "2003 жылғы 7 қаңтардағы Заңының 7-бабының 1-тармағына сәйкес қағаз жеткізгіштегі құжатпен бірдей."
)
ELECTRONIC_RU = (
    "Данный документ согласно пункту 1 статьи 7 Закона Республики Казахстан от 7 января 2003 года "
    "«Об электронном документе и электронной цифровой подписи» равнозначен документу на бумажном носителе."
)


def pair(kk: list[Line] | tuple[Line, ...], ru: list[Line] | tuple[Line, ...]) -> Pair:
    """A block in both languages."""
    return Pair(tuple(kk), tuple(ru))


def same(text: str, style: str = "body") -> Pair:
    """A block printed the same in both languages (a name, a number)."""
    line = Line(text, style)  # type: ignore[arg-type]
    return Pair((line,), (line,))


def blank(value: str, caption: str) -> list[Line]:
    """A filled blank of an official form: the value underlined, its caption in small type beneath."""
    return [Line(value, "blank"), Line(caption, "caption")]


def issuer_block(doc: Document) -> Pair:
    issuer = doc.issuer
    phone = issuer.phone.replace(" ", "\u00a0")
    return pair(
        [Line(issuer.name_kk, "issuer"), Line(f"{issuer.address_kk}, тел. {phone}", "small"),
         Line(f"БСН {issuer.bin}", "small")],
        [Line(issuer.name_ru, "issuer"), Line(f"{issuer.address_ru}, тел. {phone}", "small"),
         Line(f"БИН {issuer.bin}", "small")],
    )


def number_block(doc: Document) -> Pair:
    return pair(
        [Line(f"№\u00a0{doc.number}, {format_date(doc.issue_date, 'kk')}", "number")],
        [Line(f"№\u00a0{doc.number} от {format_date(doc.issue_date, 'ru')}", "number")],
    )


def title_block(kk: str, ru: str, subtitle_kk: str | None = None, subtitle_ru: str | None = None) -> Pair:
    kk_lines = [Line(kk, "title")] + ([Line(subtitle_kk, "subtitle")] if subtitle_kk else [])
    ru_lines = [Line(ru, "title")] + ([Line(subtitle_ru, "subtitle")] if subtitle_ru else [])
    return pair(kk_lines, ru_lines)


def signature_block(doc: Document, caption_kk: str | None = None, caption_ru: str | None = None,
                    seal_kk: str = "М.О.", seal_ru: str = "М.П.") -> Pair:
    s = doc.signatory
    kk = [Line(s.position_kk, "signature"), Line(f"__________ {s.full_name}", "label")]
    ru = [Line(s.position_ru, "signature"), Line(f"__________ {s.full_name}", "label")]
    if caption_kk and caption_ru:
        kk.append(Line(caption_kk, "caption"))
        ru.append(Line(caption_ru, "caption"))
    if not doc.electronic:
        kk.append(Line(seal_kk, "small"))
        ru.append(Line(seal_ru, "small"))
    return pair(kk, ru)


def verification_payload(doc: Document) -> str:
    """The verification address with the document number, as the QR code encodes it."""
    url = doc.issuer.verify_url
    return f"{url}{'&' if '?' in url else '?'}number={quote(doc.number, safe='')}"


def assemble(doc: Document, languages: tuple[str, ...], *, title_kk: str, title_ru: str,
             body: Sequence[Block]) -> View:
    """The view of a document: issuer header, the document's own blocks, and the electronic footer."""
    blocks: list[Block] = [issuer_block(doc), number_block(doc), *body]
    signature_at = len(blocks) - 1  # every document ends its body with the signature
    if doc.electronic:
        blocks.append(pair([Line(ELECTRONIC_KK, "small")], [Line(ELECTRONIC_RU, "small")]))
    captions = {"kk": f"Құжатты тексеру: {doc.issuer.verify_url}", "ru": f"Проверка документа: {doc.issuer.verify_url}"}
    return View(
        name=doc.kind,
        languages=languages,
        number=doc.number,
        issue_date=doc.issue_date,
        title=title_kk if languages[0] == "kk" else title_ru,
        author=doc.issuer.name_kk if languages[0] == "kk" else doc.issuer.name_ru,
        blocks=tuple(blocks),
        qr_payload=verification_payload(doc),
        qr_caption=tuple(captions[lang] for lang in languages),
        qr_at=signature_at,
    )
