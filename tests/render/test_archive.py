"""The archive copy: PDF/A-3b structure (checked with pikepdf) and the render → extract → render
round trip, byte-identical for every document."""

from __future__ import annotations

import io
import json

import pytest
from helpers import NAMES, sample

from kzdocs import parse_document, render_pdf
from kzdocs.errors import InputFileError
from kzdocs.render.archive import extract_source

pikepdf = pytest.importorskip("pikepdf")


@pytest.mark.parametrize("name", NAMES)
def test_archive_round_trip_is_byte_identical(name: str) -> None:
    doc = sample(name)
    pdf = render_pdf(doc, archive=True)
    source = extract_source(pdf)
    assert source.name == f"{name}.json"
    assert source.settings == {"document": name, "languages": "kk,ru", "max_pages": "2", "seal": "none"}
    again = parse_document(source.settings["document"], source.data.decode("utf-8"))
    assert again == doc
    assert render_pdf(again, archive=True) == pdf


def test_archive_structure_is_pdf_a_3b() -> None:
    pdf = render_pdf(sample("aid-assignment"), ("ru",), archive=True)
    with pikepdf.open(io.BytesIO(pdf)) as archive:
        assert archive.pdf_version == "1.7"
        meta = archive.open_metadata()
        assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "B"
        assert meta["xmp:CreateDate"] == "2026-10-08"  # the issue date, not the time of rendering
        intent = archive.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1"
        profile = intent.DestOutputProfile.read_bytes()
        assert profile[36:40] == b"acsp" and profile[16:20] == b"RGB "  # an ICC RGB profile (sRGB)
        fonts = [font for page in archive.pages for font in page.Resources.Font.values()]
        assert fonts and all("/FontFile2" in font.DescendantFonts[0].FontDescriptor for font in fonts)
        (spec,) = list(archive.Root.AF)
        assert spec.AFRelationship == "/Source" and str(spec.UF) == "aid-assignment.json"
        embedded = spec.EF.F
        assert embedded.Subtype == "/application#2Fjson" or str(embedded.Subtype) == "/application/json"
        assert json.loads(embedded.read_bytes())["number"] == "02-15/3381"
        assert archive.Root.Names.EmbeddedFiles.Names[1] == spec


def test_a_plain_pdf_has_no_source() -> None:
    with pytest.raises(InputFileError, match="no kzdocs source"):
        extract_source(render_pdf(sample("queue-receipt")))
    with pytest.raises(InputFileError, match="not a readable PDF"):
        extract_source(b"%PDF-1.7 broken")
