"""Issue 10, typesetting: body type at least 12 pt side by side and 14 pt in one language, a longer
document flowing onto a numbered second page instead of smaller type, small print at least 8 pt, no
line breaks inside dates, phones, «№ 12», amounts and the signatory's name, URLs broken only after
«/», DOCX runs marked with their language — and a sealed two-page document still verifies."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from helpers import NAMES, apply_changes, pdf_text, sample, sample_data, squeeze

from kzdocs import parse_document, render_docx, render_pdf
from kzdocs.documents import Document
from kzdocs.errors import PageLimitError
from kzdocs.lang import TAGS
from kzdocs.lang.typeset import NBSP, keep_together
from kzdocs.render.html import break_urls
from kzdocs.render.typeset import name_fits

LANGUAGE_SETS = [("kk", "ru"), ("kk",), ("ru",), ("kk-Latn",)]
nb = NBSP


def font_sizes(pdf: bytes) -> Counter[float]:
    """How many text objects of each size in points, on every page (WeasyPrint writes CSS pixels)."""
    sizes: Counter[float] = Counter()
    for page in pdfium.PdfDocument(pdf):
        for obj in page.get_objects():
            if obj.type == pdfium.raw.FPDF_PAGEOBJ_TEXT:
                size = pdfium.raw.c_float()
                pdfium.raw.FPDFTextObj_GetFontSize(obj.raw, size)
                sizes[round(size.value * 0.75, 2)] += 1
    return sizes


def long_refusal() -> Document:
    """A refusal whose first ground is explained at length: too long for one page at 12 pt."""
    return parse_document("motivated-refusal", apply_changes(sample_data("motivated-refusal"), {
        "grounds__0__details_kk": "баланың туу туралы куәлігінің көшірмесі " * 10,
        "grounds__0__details_ru": "копия свидетельства о рождении ребенка " * 10,
    }))


@pytest.fixture(scope="module")
def renders() -> dict[tuple[str, tuple[str, ...]], bytes]:
    return {(name, languages): render_pdf(sample(name), languages) for name in NAMES for languages in LANGUAGE_SETS}


@pytest.mark.parametrize("languages", LANGUAGE_SETS)
@pytest.mark.parametrize("name", NAMES)
def test_body_type_is_at_least_12_pt_bilingual_and_14_pt_in_one_language(
        renders: dict[tuple[str, tuple[str, ...]], bytes], name: str, languages: tuple[str, ...]) -> None:
    sizes = font_sizes(renders[name, languages])
    body = max(size for size, count in sizes.items() if count >= 5 and size >= 12)  # headings and body
    assert body >= (12 if len(languages) > 1 else 14), sizes
    assert min(sizes) >= 8, sizes  # small print: captions, the issuer's address, the QR caption


def test_a_document_too_long_for_one_page_flows_onto_a_numbered_second_page() -> None:
    pdf = render_pdf(long_refusal())
    pages = pdfium.PdfDocument(pdf)
    assert len(pages) == 2
    sizes = font_sizes(pdf)
    assert min(sizes) >= 8 and sizes.most_common(1)[0][0] == 12  # 12 pt, never smaller
    first, second = (page.get_textpage().get_text_range() for page in pages)
    assert "БСН" in first and "БСН" not in second  # the header once, on page 1
    assert "1" not in first.split("\r\n") and "2" in second.split("\r\n")  # numbered from page 2
    textpage = pages[1].get_textpage()
    last = textpage.count_chars() - 1
    assert textpage.get_text_range(last, 1) == "2"
    left, bottom, right, _top = textpage.get_charbox(last)
    assert bottom > pages[1].get_height() - 14 / 25.4 * 72  # in the top margin
    assert abs((left + right) / 2 - (22 + (210 - 22 - 14) / 2) / 25.4 * 72) < 6  # centred over the text
    with pytest.raises(PageLimitError) as info:
        render_pdf(long_refusal(), max_pages=1)
    assert info.value.field == "grounds"


def test_the_office_letterhead_follows_the_same_sizes_and_flow() -> None:
    from kits import KIT, without_office_fields

    from kzdocs import Office, Renderer

    renderer = Renderer(Office.load(KIT))
    for name in ("queue-receipt", "aid-assignment"):
        doc = renderer.document(name, without_office_fields(name))
        for languages in (("kk", "ru"), ("ru",)):
            pdf = renderer.render_pdf(doc, languages)
            sizes = font_sizes(pdf)
            assert min(sizes) >= 8, (name, sizes)
            assert max(s for s, n in sizes.items() if n >= 5) >= (12 if len(languages) > 1 else 14), (name, sizes)
            assert len(pdfium.PdfDocument(pdf)) <= 2


def test_keep_together_joins_what_must_not_break() -> None:
    assert keep_together("берілді 2026 жылғы 23 қарашада.") == f"берілді 2026{nb}жылғы{nb}23{nb}қарашада."
    assert keep_together("2026 jylğy 4 nauryzda berıldı") == f"2026{nb}jylğy{nb}4{nb}nauryzda berıldı"
    assert keep_together("от 27 февраля 2026 года №") == f"от 27{nb}февраля{nb}2026{nb}года №"
    assert keep_together("тел. +7 7112 50-12-34, +7 701 555 12 48") == (
        f"тел. +7{nb}7112{nb}50-12-34, +7{nb}701{nb}555{nb}12{nb}48")
    assert keep_together("под № 12.") == f"под №{nb}12."
    assert keep_together(f"42{nb}500 (сорок две тысячи пятьсот) тенге 50 тиын") == (
        f"42{nb}500{nb}(сорок две тысячи пятьсот){nb}тенге{nb}50{nb}тиын")
    assert keep_together(f"42{nb}500 (qyryq ekı myñ bes jüz) teñge 50 tiyn") == (
        f"42{nb}500{nb}(qyryq ekı myñ bes jüz){nb}teñge{nb}50{nb}tiyn")
    assert keep_together("__________ Әбілқасымов Ерболат Жәнібекұлы", ["Әбілқасымов Ерболат Жәнібекұлы"]) == (
        f"__________ Әбілқасымов{nb}Ерболат{nb}Жәнібекұлы")
    assert keep_together("ИИН 920314412346, дом 5") == "ИИН 920314412346, дом 5"  # nothing else


def test_a_url_breaks_only_after_a_slash() -> None:
    html = str(break_urls("<b>Проверка</b>: https://bilim-oral.gov.kz/verify?x=1&y=2."))
    assert ('<span class="nowrap">https://</span><wbr><span class="nowrap">bilim-oral.gov.kz/</span><wbr>'
            '<span class="nowrap">verify?x=1&amp;y=2</span></span>.') in html
    assert html.startswith("&lt;b&gt;Проверка&lt;/b&gt;: ")  # still escaped
    # in the PDF, the narrow QR caption wraps only after a slash
    for name in NAMES:
        url = sample(name).issuer.verify_url
        pieces = re.findall(r"[^/]*/+|[^/]+$", url)
        text = pdf_text(render_pdf(sample(name), ("kk", "ru"))).replace("\r", "")
        for line in text.split("\n"):
            if "gov.kz" in line:
                assert any(line.rstrip().endswith("".join(pieces[:i])[-len(pieces[i - 1]):])
                           for i in range(1, len(pieces) + 1)), (name, line)


MONTHS = ("января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|қаңтар|ақпан|наурыз"
          "|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан|qañtar|aqpan|nauryz|säuır|mamyr|mausym"
          "|şılde|tamyz|qyrküiek|qazan|qaraşa|jeltoqsan")
BROKEN = (
    rf"\d{{1,2}}\n(?:{MONTHS})", rf"(?:{MONTHS})\w*\n\d{{4}}", r"\d{4}\nгода", r"\d{4}\n(?:жылғы|jylğy)",
    r"(?:жылғы|jylğy)\n\d", r"№\n", r"\+7\n", r"\+7 \d+\n\d", r"\)\n(?:тенге|теңге|teñge)",
    r"(?:тенге|теңге|teñge)\n\d", r"\d\n(?:тиын|tiyn)", r"\d\n\(",
)


@pytest.mark.parametrize("languages", LANGUAGE_SETS)
def test_no_line_breaks_inside_dates_phones_numbers_amounts_and_names(
        renders: dict[tuple[str, tuple[str, ...]], bytes], languages: tuple[str, ...]) -> None:
    for name in NAMES:
        text = pdf_text(renders[name, languages]).replace("\r", "")
        for pattern in BROKEN:
            assert not re.search(pattern, text), (name, languages, pattern, re.search(pattern, text))
        if languages == ("kk-Latn",):
            continue
        view = sample(name).view(languages)
        signatory = sample(name).signatory.full_name
        lines = text.replace(nb, " ").split("\n")
        body = max(size for size, count in font_sizes(renders[name, languages]).items() if count >= 5)
        if name_fits(view, body)(signatory):
            assert any(signatory in line for line in lines), (name, languages)  # on one line
        else:  # wider than its column: it breaks between its words, never inside one
            assert all(any(word in line for line in lines) for word in signatory.split()), (name, languages)


def test_the_docx_keeps_the_same_phrases_together() -> None:
    body = docx_part(render_docx(sample("aid-assignment")), "word/document.xml")
    assert f"29{nb}сентября{nb}2026{nb}года" in body and f"2026{nb}жылғы{nb}29{nb}қыркүйектегі" in body
    assert f"Әбілқасымов{nb}Ерболат{nb}Жәнібекұлы" in body
    assert f"+7{nb}7212{nb}41</w:t>" in body  # then Word's non-breaking hyphens
    # side by side the body is ragged right, as in the PDF (no stretched spaces around unbreakable dates)
    assert '<w:pStyle w:val="KzBody"/><w:jc w:val="left"/>' in body
    assert '"KzBody"/><w:jc' not in docx_part(render_docx(sample("aid-assignment"), ("ru",)), "word/document.xml")


def docx_part(docx: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read(name).decode("utf-8")


@pytest.mark.parametrize(("languages", "tags", "body"), [
    (("kk", "ru"), {"kk-KZ", "ru-RU"}, 24), (("kk",), {"kk-KZ"}, 28), (("ru",), {"ru-RU"}, 28),
    (("kk-Latn",), {"kk-Latn-KZ"}, 28), (("kk-Latn", "ru"), {"kk-Latn-KZ", "ru-RU"}, 24),
])
def test_docx_runs_carry_their_language(languages: tuple[str, ...], tags: set[str], body: int) -> None:
    docx = render_docx(sample("queue-receipt"), languages)
    xml = docx_part(docx, "word/document.xml")
    runs = re.findall(r"<w:r>(.*?)</w:r>", xml, re.S)
    text_runs = [run for run in runs if "<w:t" in run and "</w:t>" in run and not re.search(r"<w:t[^>]*/>", run)]
    marked = [re.search(r'<w:lang w:val="([^"]+)"/>', run) for run in text_runs]
    assert all(marked), [run for run, mark in zip(text_runs, marked, strict=True) if not mark][:3]
    assert {mark.group(1) for mark in marked if mark} == tags
    issuer = sample("queue-receipt").issuer
    for name, tag in ((issuer.name_kk, "kk-KZ"), (issuer.name_ru, "ru-RU")):
        if tag in tags:
            assert all(f'w:val="{tag}"' in run for run in text_runs if f">{name}<" in run)
    core = docx_part(docx, "docProps/core.xml")
    assert f"<dc:language>{', '.join(TAGS[lang] for lang in languages)}</dc:language>" in core
    sizes = Counter(int(v) for v in re.findall(r'<w:sz w:val="(\d+)"/>', xml))
    assert min(sizes) >= 16 and sizes.most_common(1)[0][0] == body  # 8 pt small print; 12 or 14 pt body


def test_a_sealed_two_page_document_verifies(tmp_path: Path) -> None:
    pytest.importorskip("zxingcpp")
    from kzdocs import verify
    from kzdocs.errors import TextChangedError
    from kzdocs.seal import generate_key
    from kzdocs.seal.text import pdf_text as sealed_text

    doc = long_refusal()
    issuer = doc.issuer
    key = generate_key(tmp_path, bin=issuer.bin, office_kk=issuer.name_kk, office_ru=issuer.name_ru,
                       valid_from=date(2026, 1, 1))
    pdf = render_pdf(doc, seal=key)
    assert len(pdfium.PdfDocument(pdf)) == 2
    result = verify(pdf, [tmp_path / "seal-trust.json"])
    assert result.text_checked and result.seal.number == doc.number
    assert pdf_text(pdf).rstrip().endswith("2") and not sealed_text(pdf).rstrip().endswith("2")  # page number
    # a changed word on the second page is still caught
    changed = parse_document("motivated-refusal", apply_changes(doc.model_dump(mode="json"), {
        "grounds__0__details_ru": doc.grounds[0].details_ru.replace("копия", "копии", 1)}))  # type: ignore[union-attr]
    assert changed.view() != doc.view()
    forged = pdf_with_qr_of(changed, pdf)
    with pytest.raises(TextChangedError):
        verify(forged, [tmp_path / "seal-trust.json"])


def pdf_with_qr_of(doc: Document, sealed: bytes) -> bytes:
    """The PDF of ``doc`` carrying the QR code (the seal) of another PDF: the text was changed after sealing."""
    from dataclasses import replace

    from kzdocs.render.pdf import fitted_pdf
    from kzdocs.seal.verify import find_qr

    _, texts = find_qr(sealed, "sealed")
    return fitted_pdf(doc, replace(doc.view(), qr_payload=texts[0]), 2)


def test_the_docx_breaks_a_url_only_after_a_slash_and_no_number_at_its_hyphens() -> None:
    import docx

    data = render_docx(sample("queue-receipt"))
    body = docx_part(data, "word/document.xml")
    assert "https://\u200bbilim" in body and "bilim-oral" not in body  # a zero-width space after each «/»
    assert f"+7{nb}7112{nb}50</w:t>" in body and "50-12" not in body  # Word's non-breaking hyphens
    paragraphs = [p.text for table in docx.Document(io.BytesIO(data)).tables
                  for row in table.rows for cell in row.cells for p in cell.paragraphs]
    assert any("https://\u200bbilim-oral.gov.kz/\u200bverify" in text for text in paragraphs)  # reads as «-»
    assert any(f"+7{nb}7112{nb}50-12-34" in text for text in paragraphs)


def test_the_examples_in_the_docstrings_hold() -> None:
    import doctest

    import kzdocs.lang.typeset
    import kzdocs.render.docx
    import kzdocs.render.typeset

    for module in (kzdocs.lang.typeset, kzdocs.render.typeset, kzdocs.render.docx):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_a_page_never_holds_the_signature_alone(renders: dict[tuple[str, tuple[str, ...]], bytes]) -> None:
    from kzdocs.documents import Passage

    flowing = [(name, languages) for (name, languages), pdf in renders.items() if len(pdfium.PdfDocument(pdf)) > 1]
    for name, languages in [*flowing, ("motivated-refusal", ("kk", "ru"))]:
        pdf = renders[name, languages] if (name, languages) in renders else render_pdf(long_refusal())
        doc = sample(name) if (name, languages) in renders else long_refusal()
        view = doc.view(languages)
        before = view.blocks[view.qr_at - 1]
        last = pdfium.PdfDocument(pdf)[len(pdfium.PdfDocument(pdf)) - 1].get_textpage().get_text_range()
        if isinstance(before, Passage):  # the passage before the signature moved with it
            line = before.lines(view.languages[0])[0].text
            assert squeeze(line) in squeeze(last.replace("\ufffe", "-")), (name, languages, line)


def test_a_sealed_passage_that_would_run_over_a_page_is_refused(tmp_path: Path) -> None:
    """Three long grounds make one passage taller than a page: split, its columns would continue side by
    side on the next page and the text check could not read it as signed, so it is refused."""
    from kzdocs.errors import SealedSplitError
    from kzdocs.seal import generate_key

    data = sample_data("motivated-refusal")
    data["grounds"] = [{"code": "other", "details_kk": f"{i} " + "баланың туу туралы куәлігінің көшірмесі " * 23,
                        "details_ru": f"{i} " + "копия свидетельства о рождении ребенка " * 23} for i in range(3)]
    doc = parse_document("motivated-refusal", data)
    key = generate_key(tmp_path, bin=doc.issuer.bin, office_kk=doc.issuer.name_kk, office_ru=doc.issuer.name_ru,
                       valid_from=date(2026, 1, 1))
    assert len(pdfium.PdfDocument(render_pdf(doc, max_pages=4))) == 3  # unsealed, it may split
    with pytest.raises(SealedSplitError) as info:
        render_pdf(doc, max_pages=4, seal=key)
    assert isinstance(info.value, PageLimitError) and info.value.field == "grounds"
    assert "shorten grounds" in str(info.value)
