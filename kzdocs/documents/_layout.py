"""Builders of the parts every document prints: issuer header, number line, signature, QR text.

Documents write Kazakh and Russian (the source languages); the view derives the others."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final
from urllib.parse import quote

from kzdocs.lang import Lang, format_date

from ._base import Document
from ._view import Block, Draft, Line, Passage, Style

#: The footer of an electronic document: it is equal to a paper one (Law on electronic documents, art. 7.1).
ELECTRONIC: Final[dict[Lang, str]] = {
    "kk": "Бұл құжат «Электрондық құжат және электрондық цифрлық қолтаңба туралы» Қазақстан Республикасының "
          "2003 жылғы 7 қаңтардағы Заңының 7-бабының 1-тармағына сәйкес қағаз жеткізгіштегі құжатпен бірдей.",
    "ru": "Данный документ согласно пункту 1 статьи 7 Закона Республики Казахстан от 7 января 2003 года "
          "«Об электронном документе и электронной цифровой подписи» равнозначен документу на бумажном носителе.",
}
#: The caption beside the QR code, before the verification address.
VERIFY_CAPTION: Final[dict[Lang, str]] = {"kk": "Құжатты тексеру", "ru": "Проверка документа"}


def pair(kk: list[Line] | tuple[Line, ...], ru: list[Line] | tuple[Line, ...]) -> Passage:
    """A passage written in both source languages."""
    return Passage({"kk": tuple(kk), "ru": tuple(ru)})


def same(text: str, style: Style = "body") -> Passage:
    """A passage printed the same in both languages (a name, a number)."""
    line = Line(text, style)
    return Passage({"kk": (line,), "ru": (line,)})


def blank(value: str, caption: str) -> list[Line]:
    """A filled blank of an official form: the value underlined, its caption in small type beneath."""
    return [Line(value, "blank"), Line(caption, "caption")]


def issuer_block(doc: Document) -> Passage:
    issuer = doc.issuer
    phone = issuer.phone.replace(" ", "\u00a0")
    return pair(
        [Line(issuer.name_kk, "issuer"), Line(f"{issuer.address_kk}, тел. {phone}", "small"),
         Line(f"БСН {issuer.bin}", "small")],
        [Line(issuer.name_ru, "issuer"), Line(f"{issuer.address_ru}, тел. {phone}", "small"),
         Line(f"БИН {issuer.bin}", "small")],
    )


def number_block(doc: Document) -> Passage:
    return pair(
        [Line(f"№\u00a0{doc.number}, {format_date(doc.issue_date, 'kk')}", "number")],
        [Line(f"№\u00a0{doc.number} от {format_date(doc.issue_date, 'ru')}", "number")],
    )


def title_block(kk: str, ru: str, subtitle_kk: str | None = None, subtitle_ru: str | None = None) -> Passage:
    kk_lines = [Line(kk, "title")] + ([Line(subtitle_kk, "subtitle")] if subtitle_kk else [])
    ru_lines = [Line(ru, "title")] + ([Line(subtitle_ru, "subtitle")] if subtitle_ru else [])
    return pair(kk_lines, ru_lines)


def signature_block(doc: Document, seal_kk: str = "М.О.", seal_ru: str = "М.П.") -> Passage:
    """Position, the signature line with the name, «(қолы)» / «(подпись)» under the line; an
    electronic document prints its EDS block instead of the line.

    A form's caption («Ф.И.О. начальника …») labels an empty blank; once the position and the name
    are printed it would contradict them, so only the signature is captioned.
    """
    s = doc.signatory
    kk = [Line(s.position_kk, "signature"), Line(f"__________ {s.full_name}", "label"), Line("(қолы)", "caption")]
    ru = [Line(s.position_ru, "signature"), Line(f"__________ {s.full_name}", "label"), Line("(подпись)", "caption")]
    if doc.electronic:
        signed_kk, signed_ru = electronic_signature_lines(doc)
        kk[1:] = [Line(s.full_name, "label"), *signed_kk]
        ru[1:] = [Line(s.full_name, "label"), *signed_ru]
    if not doc.electronic:
        kk.append(Line(seal_kk, "small"))
        ru.append(Line(seal_ru, "small"))
    return pair(kk, ru)


def signing_time(moment: datetime, lang: str) -> str:
    """«2026 жылғы 8 қазан, 14:32:10 (UTC+05:00)» / «8 октября 2026 года, 14:32:10 (UTC+05:00)»."""
    offset = moment.strftime("%z")
    zone = f" (UTC{offset[:3]}:{offset[3:]})" if offset else ""
    return f"{format_date(moment.date(), lang)}, {moment:%H:%M:%S}{zone}"


def electronic_signature_lines(doc: Document) -> tuple[list[Line], list[Line]]:
    """The electronic-signature block that replaces the handwritten line: signer, certificate, time."""
    signature = doc.electronic_signature
    signer = signature.signer if signature else doc.signatory.full_name
    kk = [Line("Электрондық цифрлық қолтаңбамен қол қойылған", "label"), Line(f"Қол қойған: {signer}", "label")]
    ru = [Line("Подписано электронной цифровой подписью", "label"), Line(f"Подписант: {signer}", "label")]
    if signature:
        kk += [Line(f"Сертификаттың сериялық нөмірі: {signature.certificate_serial}", "label"),
               Line(f"Қол қойылған уақыты: {signing_time(signature.signed_at, 'kk')}", "label")]
        ru += [Line(f"Серийный номер сертификата: {signature.certificate_serial}", "label"),
               Line(f"Время подписания: {signing_time(signature.signed_at, 'ru')}", "label")]
    return kk, ru


def verification_payload(doc: Document) -> str:
    """The verification address with the document number, as the QR code encodes it."""
    url = doc.issuer.verify_url
    return f"{url}{'&' if '?' in url else '?'}number={quote(doc.number, safe='')}"


def assemble(doc: Document, *, title_kk: str, title_ru: str, body: Sequence[Block],
             verbatim: Sequence[str] = ()) -> Draft:
    """The draft of a document: issuer header, the document's own blocks, and the electronic footer.

    ``verbatim`` lists identifiers (application numbers, ...) printed as written in every script.
    """
    blocks: list[Block] = [issuer_block(doc), number_block(doc), *body]
    signature_at = len(blocks) - 1  # every document ends its body with the signature
    if doc.electronic:
        blocks.append(pair([Line(ELECTRONIC["kk"], "small")], [Line(ELECTRONIC["ru"], "small")]))
    url = doc.issuer.verify_url
    return Draft(
        name=doc.kind,
        number=doc.number,
        issue_date=doc.issue_date,
        title={"kk": title_kk, "ru": title_ru},
        author={"kk": doc.issuer.name_kk, "ru": doc.issuer.name_ru},
        blocks=tuple(blocks),
        qr_payload=verification_payload(doc),
        qr_caption={lang: f"{caption}: {url}" for lang, caption in VERIFY_CAPTION.items()},
        qr_at=signature_at,
        verbatim=tuple(verbatim),
        together=tuple(dict.fromkeys(
            [doc.signatory.full_name, *([doc.electronic_signature.signer] if doc.electronic_signature else [])])),
    )
