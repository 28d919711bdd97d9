"""Long texts wrap or shrink; a document that cannot fit names the field; oversized input is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from helpers import sample_data
from typer.testing import CliRunner

from kzdocs import PageLimitError, parse_document, render_many, render_pdf
from kzdocs.cli import app
from kzdocs.documents import MAX_INPUT_BYTES, InputTooLargeError

A4_WIDTH = 595.28


def right_edge(pdf: bytes) -> float:
    page = pdfium.PdfDocument(pdf)[0]
    textpage = page.get_textpage()
    boxes = (textpage.get_charbox(i) for i in range(textpage.count_chars()))
    return max(right for left, _bottom, right, _top in boxes if right > left)  # printed glyphs only


def test_a_name_of_the_longest_unbroken_words_wraps_inside_the_page() -> None:
    data = sample_data("kindergarten-referral")
    data["child"]["full_name"] = " ".join(["Ә" * 30] * 6)
    pdf = render_pdf(parse_document("kindergarten-referral", data))
    assert len(pdfium.PdfDocument(pdf)) == 1
    assert right_edge(pdf) < A4_WIDTH - 14 / 25.4 * 72  # inside the right margin


def font_sizes(pdf: bytes) -> set[float]:
    sizes = set()
    for obj in pdfium.PdfDocument(pdf)[0].get_objects():
        if obj.type == pdfium.raw.FPDF_PAGEOBJ_TEXT:
            size = pdfium.raw.c_float()
            pdfium.raw.FPDFTextObj_GetFontSize(obj.raw, size)
            sizes.add(round(size.value, 1))
    return sizes


def test_a_longer_document_steps_down_to_12_pt_then_flows_onto_a_second_page() -> None:
    # issue 10: bilingual body 13 pt, then 12 pt to fit one page; never smaller: the text flows instead
    permit = render_pdf(parse_document("visitation-permit", sample_data("visitation-permit")))
    assert len(pdfium.PdfDocument(permit)) == 1 and max(font_sizes(permit)) == round(13 / 0.75, 1)  # 13 pt fits
    refusal = render_pdf(parse_document("motivated-refusal", sample_data("motivated-refusal")))
    assert len(pdfium.PdfDocument(refusal)) == 1 and max(font_sizes(refusal)) == 16.0  # 12 pt: 13 pt did not fit
    data = sample_data("motivated-refusal")
    data["grounds"][0]["details_kk"] = "құжаттың көшірмесі " * 15
    data["grounds"][0]["details_ru"] = "копия документа " * 15
    doc = parse_document("motivated-refusal", data)
    pdf = render_pdf(doc)
    assert len(pdfium.PdfDocument(pdf)) == 2
    assert max(font_sizes(pdf)) == 16.0  # 12 pt (WeasyPrint writes CSS pixels)
    with pytest.raises(PageLimitError):
        render_pdf(doc, max_pages=1)


def test_a_document_that_cannot_fit_names_the_field() -> None:
    data = sample_data("queue-receipt")
    data["accepted_documents"] = [{"name_kk": f"{i}. " + "Құжаттың толық атауы, берілген күні мен органы " * 20,
                                   "name_ru": f"{i}. " + "Полное название документа, дата выдачи и орган " * 20}
                                  for i in range(30)]
    doc = parse_document("queue-receipt", data)
    with pytest.raises(PageLimitError) as info:
        render_pdf(doc)
    assert info.value.field == "accepted_documents"
    assert "must fit on 2; shorten accepted_documents (30 items," in str(info.value)
    assert len(pdfium.PdfDocument(render_pdf(doc, max_pages=20))) > 2
    result = next(render_many([doc]))
    assert result.errors == [{"loc": ["accepted_documents"], "msg": str(info.value), "type": "page_limit"}]


def test_cli_reports_the_page_limit_as_bad_input(tmp_path: Path) -> None:
    data = sample_data("queue-receipt")
    data["accepted_documents"] = [{"name_kk": "Құжаттың толық атауы, берілген күні мен органы " * 20,
                                   "name_ru": "Полное название документа, дата выдачи и орган " * 20}] * 30
    source = tmp_path / "long.json"
    source.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    result = CliRunner().invoke(app, ["render", "queue-receipt", str(source), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Accepted documents (accepted_documents): the document needs ")
    assert not (tmp_path / "x.pdf").exists()


def oversized() -> str:
    data = sample_data("motivated-refusal")
    data["padding"] = "x" * (MAX_INPUT_BYTES + 1)
    return json.dumps(data, ensure_ascii=False, default=str)


def test_oversized_input_is_refused_before_parsing() -> None:
    with pytest.raises(InputTooLargeError, match="may be at most 1,000,000 bytes"):
        parse_document("motivated-refusal", oversized())


def test_cli_refuses_oversized_files_and_stdin(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text(oversized(), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["render", "motivated-refusal", str(big), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 3
    assert "one document's input may be at most 1,000,000 bytes" in result.stderr
    piped = runner.invoke(app, ["render", "motivated-refusal", "-", "-o", str(tmp_path / "x.pdf")], input=oversized())
    assert piped.exit_code == 3
    assert result.stderr.count("\n") == 1


def test_batch_refuses_an_oversized_line_and_renders_the_rest(tmp_path: Path) -> None:
    good = json.dumps(sample_data("motivated-refusal"), ensure_ascii=False, default=str)
    source = tmp_path / "in.jsonl"
    source.write_text(oversized() + "\n" + good + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", "motivated-refusal", str(source), "--out", str(tmp_path / "out"),
                                      "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["rendered"] == 1
    error = json.loads((tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8"))
    assert error["line"] == 1 and error["errors"][0]["type"] == "too_large"


def test_a_document_far_over_its_page_limit_is_refused_before_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    from kzdocs.render import pdf as engine

    data = sample_data("queue-receipt")
    words = "Әлеуметтік көмек алушының құжаты " * 30
    data["accepted_documents"] = [{"name_kk": words[:1000], "name_ru": words[:1000]}] * 30
    doc = parse_document("queue-receipt", data)

    def no_layout(html: str) -> None:
        raise AssertionError("laid out a document that cannot fit")

    monkeypatch.setattr(engine, "lay_out", no_layout)
    with pytest.raises(PageLimitError) as info:  # 60,000 characters cannot fit one page: no layout is tried
        render_pdf(doc)
    assert info.value.field == "accepted_documents" and info.value.limit == 2
