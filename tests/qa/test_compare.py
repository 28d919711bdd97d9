"""QA comparisons: what passes, what is reported as different, and where."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from helpers import DELETE, SAMPLES, apply_changes, sample, sample_data
from PIL import Image
from typer.testing import CliRunner

from kzdocs import parse_document, render_docx, render_pdf
from kzdocs.cli import app
from kzdocs.qa import Mask, compare_docx, compare_files, compare_pdf
from kzdocs.render.pdf import fitted_html, pdf_from_html


def changed(name: str, max_pages: int = 2, **changes: Any) -> bytes:
    return render_pdf(parse_document(name, apply_changes(sample_data(name), changes)), max_pages=max_pages)


def boxes_of(pdf: bytes, text: str, number: int = 1) -> list[tuple[float, float, float, float]]:
    """Where ``text`` is printed on page ``number``, as (x, y, w, h) in points from the top-left."""
    document = pdfium.PdfDocument(pdf)
    page = document[number - 1]
    height = page.get_height()
    textpage = page.get_textpage()
    searcher = textpage.search(text)
    found = []
    while (hit := searcher.get_next()) is not None:
        index, count = hit
        for left, bottom, right, top in (textpage.get_charbox(i) for i in range(index, index + count)):
            found.append((left, height - top, right - left, top - bottom))
    return found


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_identical_renders_pass() -> None:
    doc = sample("aid-assignment")
    assert compare_pdf(render_pdf(doc), render_pdf(doc)).status == "identical"
    assert compare_docx(render_docx(doc), render_docx(doc)).status == "identical"
    # Against the committed goldens: identical with the versions in samples/GOLDEN.json, at least
    # equivalent with others (a new engine release may move bytes without changing the page).
    assert compare_pdf((SAMPLES / "aid-assignment.pdf").read_bytes(), render_pdf(doc)).ok
    assert compare_docx((SAMPLES / "aid-assignment.docx").read_bytes(), render_docx(doc)).ok


@pytest.mark.parametrize(
    ("name", "changes", "old", "new"),
    [
        ("aid-assignment", {"monthly_amount": "42500.60", "total_amount": "127501.80",
                            "members__0__monthly_amount": "10625.24"}, "теңге 50 тиын", "теңге 60 тиын"),
        ("kindergarten-referral", {"child__address_ru": "город Уральск, улица Сарайшык, дом 16, квартира 27"},
         "дом 14", "дом 16"),
        ("visitation-permit", {"period_to": "2027-04-30"}, "31 мамырға", "30 сәуірге"),
        ("guardianship-certificate", {"guardian__full_name": "Нұрпейісова Гүлжан Әміржанқызы-Ахметова"},
         None, "Ахметова"),
        ("queue-receipt", {"accepted_documents__2": DELETE}, "3) Көп балалы", None),
    ],
    ids=["amount", "address", "date", "name", "removed line"],
)
def test_changes_are_reported_with_page_text_and_image(tmp_path: Path, name: str, changes: dict[str, Any],
                                                       old: str | None, new: str | None) -> None:
    golden = (SAMPLES / f"{name}.pdf").read_bytes()
    actual = changed(name, **changes)
    report = compare_pdf(golden, actual, diff_dir=tmp_path)
    assert report.status == "different"

    def shows(page: Any, sign: str, text: str | None) -> bool:
        return text is None or any(line.startswith(sign) and text in line for line in page.text_diff.splitlines())

    # the page that shows the change (a two-page receipt moves its section when a line goes)
    page = next((p for p in report.pages if p.different and shows(p, "-", old) and shows(p, "+", new)), None)
    assert page is not None, report.summary()
    if new:
        assert page.bbox is not None
        assert any(overlaps(page.bbox, box) for box in boxes_of(actual, new, page.page))
    image = Image.open(tmp_path / f"page-{page.page}-diff.png").convert("RGB")
    assert page.diff_path == tmp_path / f"page-{page.page}-diff.png"
    pixels = image.tobytes()
    reds = sum(1 for i in range(0, len(pixels), 3) if pixels[i] > 200 and pixels[i + 1] < 40 and pixels[i + 2] < 40)
    assert reds >= page.changed_pixels > 0
    assert f"page {page.page}:" in report.summary()


def shifted(name: str, css: str) -> bytes:
    view = sample(name).view()
    html = fitted_html(view).replace("</head>", f"<style>{css}</style></head>")
    return pdf_from_html(html)


def test_a_one_pixel_shift_within_tolerance_passes() -> None:
    # 0.25 mm is one pixel at the default 100 dpi; the page moves right and down, nothing reflows.
    golden = (SAMPLES / "kindergarten-referral.pdf").read_bytes()
    one_pixel = shifted("kindergarten-referral", "body { position: relative; left: 0.25mm; top: 0.25mm }")
    report = compare_pdf(golden, one_pixel)
    assert report.status == "equivalent", report.summary()
    far = compare_pdf(golden, shifted("kindergarten-referral", "body { position: relative; left: 3mm }"))
    assert far.status == "different"
    assert compare_pdf(golden, one_pixel, shift=0).status == "different"


def test_a_masked_region_is_ignored() -> None:
    golden = (SAMPLES / "queue-receipt.pdf").read_bytes()
    actual = changed("queue-receipt", accepted_time="15:07")
    assert compare_pdf(golden, actual).status == "different"
    # the time is printed in the receipt's own section, on page 2 since it flows at 12 pt
    masks = [Mask(2, x - 2, y - 2, w + 4, h + 4) for x, y, w, h in boxes_of(golden, "10:42", 2)]
    assert len(masks) == 10  # the time, once in Kazakh and once in Russian, five characters each
    report = compare_pdf(golden, actual, masks=masks)
    assert report.status == "equivalent", report.summary()


def test_page_count_and_fonts_are_compared() -> None:
    one = (SAMPLES / "kindergarten-referral.pdf").read_bytes()
    two = (SAMPLES / "queue-receipt.pdf").read_bytes()  # at 12 pt the bilingual receipt takes two pages
    report = compare_pdf(one, two)
    assert report.status == "different"
    assert "page count: expected 1, actual 2" in report.differences


def test_metadata_changes_are_notes() -> None:
    golden = (SAMPLES / "motivated-refusal.pdf").read_bytes()
    html = fitted_html(sample("motivated-refusal").view())
    retitled = pdf_from_html(html.replace('content="kzdocs"', 'content="kzdocs QA"'))  # Creator; nothing visible
    report = compare_pdf(golden, retitled)
    assert report.status == "equivalent"
    assert any("Creator" in note for note in report.notes)


def rezip(data: bytes, date_time: tuple[int, ...], reverse: bool = False) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    infos = source.infolist()[::-1] if reverse else source.infolist()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in infos:
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)  # type: ignore[arg-type]
            target.writestr(entry, source.read(info.filename), compresslevel=9)
    return out.getvalue()


def test_docx_with_only_zip_timestamps_changed_is_equivalent() -> None:
    golden = (SAMPLES / "visitation-permit.docx").read_bytes()
    stamped = rezip(golden, (2031, 5, 17, 12, 30, 0), reverse=True)
    assert stamped != golden
    report = compare_docx(golden, stamped)
    assert report.status == "equivalent"
    assert "zip entries are in a different order" in report.notes


def test_docx_text_changes_are_shown_by_paragraph_and_cell() -> None:
    golden = (SAMPLES / "guardianship-certificate.docx").read_bytes()
    data = sample_data("guardianship-certificate")
    data["children"][0]["full_name"] = "Бекмұханов Дәурен Асланұлы-Жаңа"
    report = compare_docx(golden, render_docx(parse_document("guardianship-certificate", data)))
    assert report.status == "different"
    assert "part word/document.xml differs" in report.differences
    diff = report.pages[0].text_diff
    assert "-[table" in diff and "+[table" in diff and "Асланұлы-Жаңа" in diff


def test_version_notes_from_golden_json(tmp_path: Path) -> None:
    golden = tmp_path / "notice.pdf"
    golden.write_bytes((SAMPLES / "aid-assignment.pdf").read_bytes())
    record = json.loads((SAMPLES / "GOLDEN.json").read_text(encoding="utf-8"))
    record["packages"]["weasyprint"] = "61.0"
    (tmp_path / "GOLDEN.json").write_text(json.dumps(record), encoding="utf-8")
    report = compare_files(golden, SAMPLES / "aid-assignment.pdf")
    assert report.status == "identical"
    assert any("weasyprint 61.0" in note for note in report.notes)
    assert not compare_files(SAMPLES / "aid-assignment.pdf", SAMPLES / "aid-assignment.pdf").notes


def test_compare_command(tmp_path: Path) -> None:
    runner = CliRunner()
    same = runner.invoke(app, ["compare", str(SAMPLES / "aid-assignment.pdf"), str(SAMPLES / "aid-assignment.pdf")])
    assert same.exit_code == 0 and "PDF: identical" in same.stdout
    other = tmp_path / "new.pdf"
    other.write_bytes(changed("aid-assignment", monthly_amount="42500.60", total_amount="127501.80",
                              members__0__monthly_amount="10625.24"))
    diff = runner.invoke(app, ["compare", str(SAMPLES / "aid-assignment.pdf"), str(other), "--diff-dir",
                               str(tmp_path / "d"), "--json"])
    assert diff.exit_code == 1
    result = json.loads(diff.stdout)
    assert result["status"] == "different" and result["pages"][0]["diff_image"].endswith("page-1-diff.png")
    masked = runner.invoke(app, ["compare", str(SAMPLES / "aid-assignment.pdf"), str(other), "--mask",
                                 "1:0,0,600,850"])
    assert masked.exit_code == 0, masked.stdout
    broken = runner.invoke(app, ["compare", str(SAMPLES / "aid-assignment.pdf"), str(SAMPLES / "x.pdf")])
    assert broken.exit_code == 2 and "no such file" in broken.stderr
    bad_mask = runner.invoke(app, ["compare", str(SAMPLES / "aid-assignment.pdf"), str(other), "--mask", "1:2,3"])
    assert bad_mask.exit_code == 2 and "a mask is page:x,y,width,height" in bad_mask.stderr
