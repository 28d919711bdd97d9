"""The office kit: what Office.load accepts, and every bad kit refused with its field and rule."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from helpers import sample_data
from kits import copy_kit, part, plain_docx, rezip, settings, write_settings
from PIL import Image

from kzdocs.errors import KitPathError, KitRuleError, OfficeConflictError, OfficeError
from kzdocs.office import Office
from kzdocs.office._blank import deobfuscate
from kzdocs.render.fonts import font_path


def refused(folder: Path) -> KitRuleError:
    with pytest.raises(KitRuleError) as caught:
        Office.load(folder)
    return caught.value


def test_the_sample_kit_loads_with_its_svg_emblem_rastered_for_word(tmp_path: Path) -> None:
    office = Office.load(copy_kit(tmp_path))
    assert office.issuer.name_ru == "Отдел образования города Уральска"
    assert office.signatory is not None and office.signatory.full_name == "Қайырғалиев Ерлан Бекұлы"
    assert office.emblem is not None and office.emblem.kind == "svg"
    with Image.open(io.BytesIO(office.emblem.png)) as image:
        assert image.format == "PNG" and image.size == (600, 600)
        assert image.getpixel((300, 30))[3] == 255 and image.getpixel((2, 2))[3] == 0  # ring drawn, corner clear
    again = Office.load(copy_kit(tmp_path, "again"))
    assert again.emblem is not None and again.emblem.png == office.emblem.png  # deterministic raster
    assert again.digest == office.digest


def test_a_png_emblem_is_kept_as_it_is(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path)
    (kit / "emblem.svg").unlink()
    buffer = io.BytesIO()
    Image.new("RGB", (200, 180), "navy").save(buffer, format="PNG")
    (kit / "emblem.png").write_bytes(buffer.getvalue())
    office = Office.load(kit)
    assert office.emblem is not None and office.emblem.png == buffer.getvalue()
    assert office.emblem.aspect == pytest.approx(200 / 180)


def test_a_missing_kit_or_office_json(tmp_path: Path) -> None:
    with pytest.raises(OfficeError, match="no such folder"):
        Office.load(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    error = refused(tmp_path / "empty")
    assert (error.field, error.rule) == ("office.json", "office.missing")
    assert "kzdocs office init" in str(error)


@pytest.mark.parametrize(("content", "field", "rule"), [
    (b"{not json", "office.json", "office.json"),
    (b"\xff\xfe", "office.json", "office.encoding"),
    (b"[]", "office.json", "office.json"),
])
def test_office_json_that_is_not_an_object(tmp_path: Path, content: bytes, field: str, rule: str) -> None:
    kit = copy_kit(tmp_path)
    (kit / "office.json").write_bytes(content)
    error = refused(kit)
    assert (error.field, error.rule) == (field, rule)


@pytest.mark.parametrize(("path", "value", "field", "rule"), [
    (("issuer", "bin"), "980340012007", "office.json: issuer.bin", "bin.check_digit"),
    (("issuer", "verify_url"), "ftp://x", "office.json: issuer.verify_url", "url.format"),
    (("signatory", "full_name"), "", "office.json: signatory.full_name", "text.empty"),
    (("executor", "phone"), "call me", "office.json: executor.phone", "phone.format"),
    (("letterhead", "ru"), [], "office.json: letterhead.ru", "office.lines_mismatch"),
    (("issuer", "name_kk"), "FILL IN: the body's name", "office.json: issuer.name_kk", "office.placeholder"),
    (("colour",), "red", "office.json: colour", "extra_forbidden"),
    (("kzdocs_office",), 2, "office.json: kzdocs_office", "office.format"),
    (("calendar", "days_off"), ["2026-02-30"], "office.json: calendar.days_off[0]", "date.impossible"),
])
def test_office_json_fields_by_their_rules(tmp_path: Path, path: tuple[str, ...], value: object, field: str,
                                           rule: str) -> None:
    kit = copy_kit(tmp_path)
    data = settings(kit)
    target = data
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value
    write_settings(kit, data)
    error = refused(kit)
    assert (error.field, error.rule) == (field, rule), str(error)


def test_the_emblem_must_be_a_png_or_an_svg(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path)
    (kit / "emblem.svg").unlink()
    (kit / "logo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    write_settings(kit, {**settings(kit), "emblem": "logo.jpg"})
    assert refused(kit).rule == "emblem.format"
    (kit / "emblem.png").write_bytes(b"GIF89a...")
    write_settings(kit, {k: v for k, v in settings(kit).items() if k != "emblem"})
    error = refused(kit)
    assert (error.field, error.rule) == ("emblem.png", "emblem.not_png")


def test_an_emblem_over_the_size_limits(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path)
    (kit / "emblem.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>" + b" " * 1_000_001)
    assert refused(kit).rule == "file.too_large"
    (kit / "emblem.svg").unlink()
    buffer = io.BytesIO()
    Image.new("1", (5000, 10)).save(buffer, format="PNG")
    (kit / "emblem.png").write_bytes(buffer.getvalue())
    error = refused(kit)
    assert (error.field, error.rule) == ("emblem.png", "emblem.too_large")


def test_two_emblems_are_ambiguous(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path)
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="PNG")
    (kit / "emblem.png").write_bytes(buffer.getvalue())
    assert refused(kit).rule == "emblem.ambiguous"


SVG_HEAD = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' viewBox='0 0 10 10'>"


@pytest.mark.parametrize(("svg", "rule"), [
    (SVG_HEAD + "<script>alert(1)</script></svg>", "svg.script"),
    (SVG_HEAD.replace("viewBox", "onload='alert(1)' viewBox") + "</svg>", "svg.script"),
    (SVG_HEAD + "<rect width='5' height='5' onclick='x()'/></svg>", "svg.script"),
    (SVG_HEAD + "<image href='http://example.com/a.png' width='5' height='5'/></svg>", "svg.element"),
    (SVG_HEAD + "<use xlink:href='file:///etc/passwd#x'/></svg>", "svg.external"),
    (SVG_HEAD + "<rect width='5' height='5' fill='url(http://evil/x.svg#g)'/></svg>", "svg.external"),
    (SVG_HEAD + "<rect width='5' height='5' style='fill: url(\"https://x/y#z\")'/></svg>", "svg.external"),
    (SVG_HEAD + "<style>@import url(http://x/y.css);</style></svg>", "svg.element"),
    (SVG_HEAD + "<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'>x</div></foreignObject></svg>",
     "svg.element"),
    (SVG_HEAD + "<a href='https://x'><rect width='1' height='1'/></a></svg>", "svg.element"),
    (SVG_HEAD + "<text x='1' y='5'>Герб</text></svg>", "svg.text"),
    (SVG_HEAD + "<animate attributeName='x'/></svg>", "svg.element"),
    ("<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;'>]>"
     + SVG_HEAD + "<desc>&b;</desc></svg>", "svg.dtd"),
    ("<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>" + SVG_HEAD
     + "<desc>&x;</desc></svg>", "svg.dtd"),
    ("<?xml-stylesheet href='http://x/y.css'?>" + SVG_HEAD + "</svg>", "svg.instruction"),
    (SVG_HEAD + "<rect width='5' height='5' xmlns:x='urn:x' x:y='1'/><x:evil xmlns:x='urn:x'/></svg>", "svg.foreign"),
    ("<html xmlns='http://www.w3.org/1999/xhtml'/>", "svg.root"),
    ("<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>", "svg.size"),
    ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 100 5'/>", "svg.size"),
    ("<svg", "svg.syntax"),
])
def test_an_unsafe_svg_is_refused_not_cleaned(tmp_path: Path, svg: str, rule: str) -> None:
    kit = copy_kit(tmp_path)
    (kit / "emblem.svg").write_text(svg, encoding="utf-8")
    error = refused(kit)
    assert (error.field, error.rule) == ("emblem.svg", rule), str(error)


def test_internal_references_in_an_svg_are_fine(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path)
    (kit / "emblem.svg").write_text(
        SVG_HEAD + "<defs><linearGradient id='g'><stop offset='0' stop-color='navy'/></linearGradient>"
        "<circle id='c' cx='5' cy='5' r='4'/></defs><use xlink:href='#c' fill='url(#g)'/></svg>", encoding="utf-8")
    office = Office.load(kit)
    assert office.emblem is not None and office.emblem.png.startswith(b"\x89PNG")


@pytest.mark.parametrize("name", ["../outside.svg", "/etc/hostname", "sub/../../outside.svg", "~/emblem.svg"])
def test_a_kit_path_leaving_the_folder_is_refused(tmp_path: Path, name: str) -> None:
    kit = copy_kit(tmp_path)
    (tmp_path / "outside.svg").write_bytes((kit / "emblem.svg").read_bytes())
    write_settings(kit, {**settings(kit), "emblem": name})
    with pytest.raises(KitPathError) as caught:
        Office.load(kit)
    assert caught.value.rule in ("path.parent", "path.absolute")


def test_a_symlink_out_of_the_kit_is_refused(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path)
    (tmp_path / "outside.svg").write_bytes((kit / "emblem.svg").read_bytes())
    (kit / "emblem.svg").unlink()
    os.symlink(tmp_path / "outside.svg", kit / "emblem.svg")
    with pytest.raises(KitPathError) as caught:
        Office.load(kit)
    assert (caught.value.field, caught.value.rule) == ("emblem.svg", "path.symlink")
    os.symlink(tmp_path, kit / "art")  # a linked folder: a path through it leaves the kit too
    (kit / "emblem.svg").unlink()
    write_settings(kit, {**settings(kit), "emblem": "art/outside.svg"})
    with pytest.raises(KitPathError):
        Office.load(kit)
    office_json = tmp_path / "elsewhere.json"
    office_json.write_bytes((kit / "office.json").read_bytes())
    (kit / "office.json").unlink()
    os.symlink(office_json, kit / "office.json")
    with pytest.raises(KitPathError) as caught:
        Office.load(kit)
    assert caught.value.field == "office.json"


def test_a_symlink_inside_the_kit_is_followed(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path)
    (kit / "art").mkdir()
    (kit / "emblem.svg").rename(kit / "art" / "mark.svg")
    os.symlink(kit / "art" / "mark.svg", kit / "emblem.svg")
    assert Office.load(kit).emblem is not None
    with pytest.raises(KitPathError):
        Office.load(kit).kit_file("../seal.key")
    assert Office.load(kit).kit_file("seal/office.key") == kit.resolve() / "seal" / "office.key"


def test_a_word_blank_made_by_python_docx_is_accepted(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path)
    (kit / "letterhead.docx").write_bytes(plain_docx())
    office = Office.load(kit)
    assert office.word_blank is not None and office.word_blank.part("word/document.xml")


def _blank_refused(tmp_path: Path, data: bytes, name: str = "letterhead.docx") -> KitRuleError:
    kit = copy_kit(tmp_path)
    (kit / name).write_bytes(data)
    return refused(kit)


def test_a_word_blank_that_is_not_a_docx(tmp_path: Path) -> None:
    error = _blank_refused(tmp_path, b"%PDF-1.7 this is a pdf")
    assert (error.field, error.rule) == ("letterhead.docx", "docx.not_docx")
    docx = plain_docx()
    assert _blank_refused(tmp_path / "2", rezip(docx, {"word/document.xml": None})).rule == "docx.not_docx"
    assert _blank_refused(tmp_path / "3", rezip(docx, {"word/styles.xml": b"<w:styles"})).rule == "docx.broken"


def test_a_macro_enabled_word_blank_is_refused(tmp_path: Path) -> None:
    docx = plain_docx()
    with_vba = rezip(docx, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 VBA"})
    assert _blank_refused(tmp_path, with_vba).rule == "docx.macro"
    types = part(docx, "[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml")
    assert _blank_refused(tmp_path / "2", rezip(docx, {"[Content_Types].xml": types})).rule == "docx.macro"
    assert _blank_refused(tmp_path / "3", docx, "letterhead.docm").rule == "docx.macro"


def test_a_word_blank_linking_outside_is_refused(tmp_path: Path) -> None:
    docx = plain_docx()
    rels = part(docx, "word/_rels/document.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        b'Target="http://example.com/logo.png" TargetMode="External"/></Relationships>')
    error = _blank_refused(tmp_path, rezip(docx, {"word/_rels/document.xml.rels": rels}))
    assert error.rule == "docx.external" and "example.com" in str(error)


def _embed_font(docx: bytes, font: bytes, family: str) -> bytes:
    key = "{6C3C5B6A-1F2E-4D3C-9B8A-7E6F5D4C3B2A}"
    obfuscated = deobfuscate(font, key)  # XOR is its own inverse
    table = (f'<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
             f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             f'<w:font w:name="{family}"><w:embedRegular r:id="rIdF1" w:fontKey="{key}"/></w:font></w:fonts>')
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdF1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/font" '
            'Target="fonts/font1.odttf"/></Relationships>')
    return rezip(docx, {"word/fontTable.xml": table.encode(), "word/_rels/fontTable.xml.rels": rels.encode(),
                        "word/fonts/font1.odttf": obfuscated})


def test_a_font_in_the_word_blank_lacking_kazakh_letters_is_refused(tmp_path: Path) -> None:
    from fontTools import subset

    tinos = font_path("Tinos-Regular.ttf").read_bytes()
    kit = copy_kit(tmp_path / "ok")
    (kit / "letterhead.docx").write_bytes(_embed_font(plain_docx(), tinos, "Tinos"))
    assert Office.load(kit).word_blank.embedded_fonts == ("Tinos",)  # type: ignore[union-attr]
    options = subset.Options()
    subsetter = subset.Subsetter(options)
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(tinos))
    subsetter.populate(unicodes=range(0x20, 0x480))  # Latin and Russian, no Kazakh letters
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    error = _blank_refused(tmp_path, _embed_font(plain_docx(), buffer.getvalue(), "Old Office Serif"))
    assert (error.field, error.rule) == ("letterhead.docx", "docx.font_coverage")
    assert "Old Office Serif" in str(error) and "Ә" in str(error)


def test_the_office_fills_what_a_document_leaves_out(tmp_path: Path) -> None:
    office = Office.load(copy_kit(tmp_path))
    data = sample_data("queue-receipt")
    own_signatory = data["signatory"]
    del data["issuer"], data["signatory"]
    filled = office.fill(data)
    assert filled["issuer"]["name_kk"] == office.issuer.name_kk
    assert filled["signatory"]["full_name"] == "Қайырғалиев Ерлан Бекұлы"
    with pytest.raises(OfficeConflictError) as caught:
        office.fill({**data, "signatory": own_signatory})
    assert caught.value.field == "signatory" and "keep_own" in str(caught.value)
    kept = office.fill({**data, "signatory": own_signatory}, keep_own=True)
    assert kept["signatory"] == own_signatory and kept["issuer"]["bin"] == office.issuer.bin
    same = office.fill({**data, "issuer": office.issuer.model_dump()})  # the office's own issuer is no conflict
    assert same["issuer"]["bin"] == office.issuer.bin
