"""kzdocs.Renderer with an office kit: the letterhead, emblem and Word blank in all six documents,
parity and determinism, threads, and no mixing between offices."""

from __future__ import annotations

import io
import pickle
import shutil
import subprocess
import threading
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from helpers import NAMES, body_text, docx_text, pdf_text, sample, squeeze
from kits import KIT, copy_kit, made_blank, second_kit, without_office_fields

from kzdocs import Office, OfficeConflictError, Renderer, render_docx, render_pdf
from kzdocs.render.letterhead import EMBLEM_PART

LANGUAGE_SETS = [("kk", "ru"), ("ru",)]


@pytest.fixture(scope="module")
def office() -> Office:
    return Office.load(KIT)


@pytest.fixture(scope="module")
def renders(office: Office) -> dict[tuple[str, tuple[str, ...]], tuple[bytes, bytes]]:
    renderer = Renderer(office)
    out = {}
    for name in NAMES:
        doc = renderer.document(name, without_office_fields(name))
        for languages in LANGUAGE_SETS:
            out[name, languages] = (renderer.render_pdf(doc, languages), renderer.render_docx(doc, languages))
    return out


def image_objects(pdf: bytes) -> int:
    document = pdfium.PdfDocument(pdf)
    return sum(1 for page in document for obj in page.get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("languages", LANGUAGE_SETS)
def test_every_document_on_the_letterhead_with_the_emblem_once(renders: dict, office: Office, name: str,
                                                              languages: tuple[str, ...]) -> None:
    pdf, docx_bytes = renders[name, languages]
    # issue 10: never below 12 pt; a long one flows onto a second page on the letterhead too
    assert len(pdfium.PdfDocument(pdf)) in (1, 2)
    assert image_objects(pdf) == 0  # the SVG emblem is drawn as vector paths (and the QR code is vector)
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        names = archive.namelist()
        assert names.count(EMBLEM_PART) == 1
        assert archive.read(EMBLEM_PART) == office.emblem.png  # type: ignore[union-attr]
        body = archive.read("word/document.xml").decode("utf-8")
    assert body.count('r:embed="rIdKzdocsEmblem"') == 1
    text = squeeze(pdf_text(pdf))
    expected = ["Қайырғалиев Ерлан Бекұлы", "Исп.: Жұмабаева Г. С., тел. +7 7112 50-12-40"]
    expected.append("Управление образования Западно-Казахстанской области" if languages == ("ru",)
                    else "Батыс Қазақстан облысының білім басқармасы")
    for line in expected:
        assert squeeze(line) in text and squeeze(line) in squeeze(docx_text(docx_bytes)), line


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("languages", LANGUAGE_SETS)
def test_pdf_and_docx_carry_the_same_text_on_the_letterhead(renders: dict, office: Office, name: str,
                                                            languages: tuple[str, ...]) -> None:
    pdf, docx_bytes = renders[name, languages]
    renderer = Renderer(office)
    view = renderer.view(renderer.document(name, without_office_fields(name)), languages)
    in_pdf, in_docx = squeeze(body_text(pdf)), squeeze(docx_text(docx_bytes))  # no page numbers
    for line in view.text_lines():
        for part in line.split("\n"):
            assert squeeze(part) in in_pdf, part
            assert squeeze(part) in in_docx, part
    assert Counter(in_pdf) == Counter(in_docx)


def test_same_input_and_kit_same_bytes(renders: dict, office: Office, tmp_path: Path) -> None:
    again = Renderer(Office.load(copy_kit(tmp_path)))  # a fresh load of a copy of the kit
    for name in ("queue-receipt", "aid-assignment"):
        doc = again.document(name, without_office_fields(name))
        assert again.render_pdf(doc) == renders[name, ("kk", "ru")][0]
        assert again.render_docx(doc) == renders[name, ("kk", "ru")][1]


def test_the_word_blank_gives_page_setup_styles_and_header(renders: dict, office: Office) -> None:
    _, docx_bytes = renders["visitation-permit", ("kk", "ru")]
    rendered = docx.Document(io.BytesIO(docx_bytes))
    blank = docx.Document(io.BytesIO(KIT.joinpath("letterhead.docx").read_bytes()))
    for attribute in ("left_margin", "right_margin", "top_margin", "bottom_margin", "page_width", "header_distance"):
        assert getattr(rendered.sections[0], attribute) == getattr(blank.sections[0], attribute), attribute
    assert rendered.styles["Normal"].font.size == blank.styles["Normal"].font.size
    assert rendered.styles["KzBody"].base_style.name == "Normal"
    header = rendered.sections[0].header
    assert header.part.related_parts and any("image" in p.content_type for p in header.part.related_parts.values())


def test_the_default_renderer_is_kzdocs_own_look() -> None:
    doc = sample("queue-receipt")
    assert Renderer().render_pdf(doc) == render_pdf(doc)
    assert Renderer().render_docx(doc, ("ru",)) == render_docx(doc, ("ru",))


def test_a_document_naming_another_signatory_needs_keep_own(office: Office) -> None:
    renderer = Renderer(office)
    doc = sample("queue-receipt")  # the sample's own signatory differs from the kit's
    with pytest.raises(OfficeConflictError) as caught:
        renderer.render_pdf(doc)
    assert caught.value.field == "signatory"
    pdf = renderer.render_pdf(doc, keep_own=True)
    assert squeeze("Жұмабаева Гүлнар Серікқызы") in squeeze(pdf_text(pdf))


def test_eight_threads_two_offices_same_bytes_as_one(office: Office, tmp_path: Path) -> None:
    first, second = Renderer(office), Renderer(Office.load(second_kit(tmp_path)))
    jobs = [(renderer, name, fmt) for renderer in (first, second) for name in ("queue-receipt", "aid-assignment",
            "motivated-refusal") for fmt in ("pdf", "docx")]

    def render(job: tuple[Renderer, str, str]) -> bytes:
        renderer, name, fmt = job
        doc = renderer.document(name, without_office_fields(name))
        return renderer.render_pdf(doc) if fmt == "pdf" else renderer.render_docx(doc)

    alone = [render(job) for job in jobs]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(render, jobs * 4))
    assert together == alone * 4
    karaganda = squeeze(pdf_text(alone[len(alone) // 2]))
    assert squeeze("Отдел занятости и социальных программ города Караганды") in karaganda
    assert squeeze("Уральска") not in karaganda and squeeze("Сапарова") in karaganda


def test_an_office_calendar_moves_deadlines_for_that_office_only(office: Office, tmp_path: Path) -> None:
    karaganda = Renderer(Office.load(second_kit(tmp_path)))  # 24 and 25 November 2026 are days off there
    oral = Renderer(office)
    data = without_office_fields("queue-receipt")  # registered Monday 23 November, due in 3 working days
    seen: dict[str, str] = {}

    def render(name: str, renderer: Renderer) -> None:
        seen[name] = squeeze(pdf_text(renderer.render_pdf(renderer.document("queue-receipt", data))))

    threads = [threading.Thread(target=render, args=(n, r)) for n, r in (("karaganda", karaganda), ("oral", oral))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert squeeze("30 ноября 2026") in seen["karaganda"] and squeeze("26 ноября 2026") not in seen["karaganda"]
    assert squeeze("26 ноября 2026") in seen["oral"]
    assert sample("queue-receipt").result_date.isoformat() == "2026-11-26"  # outside a renderer: untouched


def test_a_renderer_travels_to_a_process_pool(office: Office) -> None:
    renderer = pickle.loads(pickle.dumps(Renderer(office)))
    doc = renderer.document("visitation-permit", without_office_fields("visitation-permit"))
    assert renderer.render_docx(doc) == Renderer(office).render_docx(doc)


def test_a_word_blank_made_in_python_docx_with_arial_and_a_header_picture(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path)
    (kit / "letterhead.docx").write_bytes(made_blank("Arial"))
    renderer = Renderer(Office.load(kit))
    doc = renderer.document("motivated-refusal", without_office_fields("motivated-refusal"))
    rendered = docx.Document(io.BytesIO(renderer.render_docx(doc)))
    assert rendered.styles["Normal"].font.name == "Arial"
    assert rendered.styles["KzTitle"].base_style.font.name == "Arial"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_a_word_blank_round_tripped_through_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "in" / "letterhead.docx"
    source.parent.mkdir()
    source.write_bytes(KIT.joinpath("letterhead.docx").read_bytes())
    out = tmp_path / "out"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "docx", "--outdir", str(out), str(source)], check=True, capture_output=True,
                   timeout=180)
    kit = copy_kit(tmp_path)
    (kit / "letterhead.docx").write_bytes((out / "letterhead.docx").read_bytes())
    assert (kit / "letterhead.docx").read_bytes() != source.read_bytes()  # LibreOffice rewrote it
    office = Office.load(kit)
    renderer = Renderer(office)
    doc = renderer.document("aid-assignment", without_office_fields("aid-assignment"))
    first = renderer.render_docx(doc)
    assert first == renderer.render_docx(doc)
    rendered = docx.Document(io.BytesIO(first))
    blank = docx.Document(io.BytesIO((kit / "letterhead.docx").read_bytes()))
    assert rendered.sections[0].left_margin == blank.sections[0].left_margin
    header = rendered.sections[0].header
    assert any("image" in p.content_type for p in header.part.related_parts.values())
    assert squeeze("Исп.: Жұмабаева") in squeeze(docx_text(first)) or squeeze("Орынд.:") in squeeze(docx_text(first))
    pdf_dir = tmp_path / "pdf"
    (tmp_path / "r.docx").write_bytes(first)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(pdf_dir), str(tmp_path / "r.docx")], check=True,
                   capture_output=True, timeout=180)
    assert squeeze("Отдел образования города Уральска") in squeeze(pdf_text((pdf_dir / "r.pdf").read_bytes()))


def path_objects(pdf: bytes) -> int:
    document = pdfium.PdfDocument(pdf)
    return sum(1 for page in document for obj in page.get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_PATH)


def test_an_svg_emblem_is_vector_in_the_pdf_and_a_png_one_an_image(tmp_path: Path) -> None:
    from PIL import Image

    data = without_office_fields("visitation-permit")
    svg_kit = Renderer(Office.load(KIT))
    bare = copy_kit(tmp_path, "bare")
    (bare / "emblem.svg").unlink()
    png = copy_kit(tmp_path, "png")
    (png / "emblem.svg").unlink()
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "navy").save(buffer, format="PNG")
    (png / "emblem.png").write_bytes(buffer.getvalue())
    pdfs = {name: renderer.render_pdf(renderer.document("visitation-permit", data))
            for name, renderer in {"svg": svg_kit, "bare": Renderer(Office.load(bare)),
                                   "png": Renderer(Office.load(png))}.items()}
    assert image_objects(pdfs["svg"]) == 0 and path_objects(pdfs["svg"]) > path_objects(pdfs["bare"])
    assert image_objects(pdfs["png"]) == 1 and image_objects(pdfs["bare"]) == 0
