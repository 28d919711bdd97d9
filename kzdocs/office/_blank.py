"""The office's Word blank (``letterhead.docx``): checked once, kept as its parts.

A blank is a DOCX made or edited in Word or LibreOffice. kzdocs takes from it the page setup,
margins, styles and header/footer (with their pictures) and fills the generated body in. It is
refused when it is not a DOCX (a broken zip, a missing main part), when it is macro-enabled or a
template, when it links to outside files, or when a font embedded in it lacks Kazakh letters.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Final

from kzdocs.errors import KitRuleError

MAX_BYTES: Final = 10_000_000
MAX_UNPACKED: Final = 60_000_000
MAX_PARTS: Final = 400
W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
MAIN_TYPE: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_TYPES: Final = ("application/vnd.ms-word.document.macroEnabled.main+xml",
                      "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
TEMPLATE_TYPE: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
#: Letters a font of the blank must have (the Kazakh letters beyond Russian ones, and №).
KAZAKH_LETTERS: Final = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


@dataclass(frozen=True)
class WordBlank:
    """A checked Word blank: its parts in archive order, and the fonts it names."""

    name: str
    parts: tuple[tuple[str, bytes], ...]
    #: Font names the blank's styles and font table name.
    fonts: tuple[str, ...]
    #: Fonts embedded in the blank (checked for Kazakh letters).
    embedded_fonts: tuple[str, ...]

    def part(self, name: str) -> bytes | None:
        return next((data for part, data in self.parts if part == name), None)


def _xml(name: str, part: str, data: bytes) -> object:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise KitRuleError(name, "docx.broken", f"part {part} is not well-formed XML ({exc.msg})") from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise KitRuleError(name, "docx.dtd", f"part {part} declares a DTD; Word never writes one")
    return root


def load_blank(name: str, data: bytes) -> WordBlank:
    """Check a Word blank; :class:`KitRuleError` names the rule it breaks."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise KitRuleError(name, "docx.not_docx", "is not a DOCX file (not a zip archive); save it from Word as "
                           "«Word Document (*.docx)»") from None
    with archive:
        if len(infos) > MAX_PARTS or sum(info.file_size for info in infos) > MAX_UNPACKED:
            raise KitRuleError(name, "docx.too_large", "unpacks to too many or too large parts")
        names = [info.filename for info in infos]
        if "[Content_Types].xml" not in names:
            raise KitRuleError(name, "docx.not_docx", "is not a DOCX file ([Content_Types].xml is missing)")
        if any(n.lower().endswith("vbaproject.bin") or (n.lower().endswith(".bin") and "vba" in n.lower())
               for n in names):
            raise KitRuleError(name, "docx.macro", "is macro-enabled (it holds VBA code); save it as a plain .docx")
        try:
            parts = tuple((info.filename, archive.read(info)) for info in infos if not info.is_dir())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise KitRuleError(name, "docx.broken", f"is a damaged archive ({exc})") from None
    content = dict(parts)
    types = _xml(name, "[Content_Types].xml", content["[Content_Types].xml"])
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
                 for o in types.iter(f"{{{TYPES}}}Override")}  # type: ignore[attr-defined]
    if any(t in MACRO_TYPES for t in overrides.values()):
        raise KitRuleError(name, "docx.macro", "is macro-enabled (.docm); save it as a plain .docx")
    if TEMPLATE_TYPE in overrides.values():
        raise KitRuleError(name, "docx.template", "is a Word template (.dotx); save it as a plain .docx")
    if overrides.get("word/document.xml") != MAIN_TYPE or "word/document.xml" not in content:
        raise KitRuleError(name, "docx.not_docx", "is not a Word document (word/document.xml is missing)")
    for part, payload in parts:
        if part.endswith(".rels"):
            rels = _xml(name, part, payload)
            for rel in rels.iter(f"{{{RELS}}}Relationship"):  # type: ignore[attr-defined]
                if rel.get("TargetMode") == "External":
                    raise KitRuleError(name, "docx.external",
                                       f"links to an outside file ({rel.get('Target')}); embed it instead")
        elif part.endswith(".xml"):
            _xml(name, part, payload)
    if "word/styles.xml" not in content:
        raise KitRuleError(name, "docx.styles", "has no styles part (word/styles.xml); save it from Word again")
    fonts, embedded = _fonts(name, content)
    return WordBlank(name, parts, fonts, embedded)


def _fonts(name: str, content: dict[str, bytes]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Fonts the styles name, and the embedded ones, each embedded one checked for Kazakh letters."""
    named: set[str] = set()
    styles = _xml(name, "word/styles.xml", content["word/styles.xml"])
    for fonts in styles.iter(f"{{{W}}}rFonts"):  # type: ignore[attr-defined]
        for attr in ("ascii", "hAnsi", "cs"):
            value = fonts.get(f"{{{W}}}{attr}")
            if value:
                named.add(value)
    embedded: list[str] = []
    table = content.get("word/fontTable.xml")
    if table is not None:
        root = _xml(name, "word/fontTable.xml", table)
        rels = _rels(name, content, "word/_rels/fontTable.xml.rels")
        for font in root.iter(f"{{{W}}}font"):  # type: ignore[attr-defined]
            family = font.get(f"{{{W}}}name", "")
            for kind in ("embedRegular", "embedBold", "embedItalic", "embedBoldItalic"):
                embed = font.find(f"{{{W}}}{kind}")
                if embed is None:
                    continue
                target = rels.get(embed.get(f"{{{R}}}id", ""))
                payload = content.get(f"word/{target}") if target else None
                if payload is None:
                    raise KitRuleError(name, "docx.font", f"embeds font {family!r} but its file is missing")
                _check_embedded(name, family, payload, embed.get(f"{{{W}}}fontKey"))
                embedded.append(family)
    return tuple(sorted(named)), tuple(sorted(set(embedded)))


def _rels(name: str, content: dict[str, bytes], part: str) -> dict[str, str]:
    if part not in content:
        return {}
    root = _xml(name, part, content[part])
    return {rel.get("Id", ""): rel.get("Target", "")
            for rel in root.iter(f"{{{RELS}}}Relationship")}  # type: ignore[attr-defined]


def deobfuscate(payload: bytes, font_key: str | None) -> bytes:
    """An embedded (obfuscated, ECMA-376 §17.8.1) font's TrueType bytes: the first 32 bytes XORed
    with the font key, a GUID read as 16 bytes in reverse order."""
    if not font_key:
        return payload
    key = bytes.fromhex(font_key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ key[i % 16] for i, b in enumerate(payload[:32]))
    return head + payload[32:]


def _check_embedded(name: str, family: str, payload: bytes, font_key: str | None) -> None:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(io.BytesIO(deobfuscate(payload, font_key)), lazy=True) as font:
            cmap = font.getBestCmap() or {}
    except (TTLibError, AssertionError, KeyError, ValueError, struct_error()) as exc:
        raise KitRuleError(name, "docx.font", f"embeds font {family!r}, which cannot be read ({exc})") from None
    missing = "".join(ch for ch in KAZAKH_LETTERS if ord(ch) not in cmap)
    if missing:
        raise KitRuleError(name, "docx.font_coverage",
                           f"font {family!r} lacks the Kazakh letters {' '.join(missing)}; choose a font that has "
                           "them (Times New Roman, Arial) so nothing prints blank")


def struct_error() -> type[Exception]:
    import struct

    return struct.error
