"""Data never becomes code or markup, and rendering touches nothing but its own resources.

Every name and free text carries markup, template syntax and URLs of a local HTTP server: the
output must show them literally, the DOCX must open cleanly, and the server must see no request.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import docx
import pytest
from helpers import NAMES, apply_changes, docx_text, pdf_text, sample_data, squeeze, unvalidated
from pydantic import ValidationError

from kzdocs import parse_document, render_docx, render_html, render_pdf
from kzdocs.documents import Document


class Server:
    """A local HTTP server that counts every request it gets."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.stop()


def payloads(port: int) -> list[str]:
    base = f"http://127.0.0.1:{port}"
    return [
        "<script>alert(1)</script>",
        "</w:t></w:r><w:r><w:t>injected",
        "]]> <![CDATA[x]]>",
        "AT&T & Co &amp; &lt;",
        "{{ 7*7 }}",
        "{% for x in range(3) %}loop{% endfor %}",
        "{%p if true %} {{r x }} {%tc endfor %}",
        f'<img src="{base}/img.png">',
        f"url({base}/css) background: url('{base}/bg.png')",
        f'<link rel="stylesheet" href="{base}/style.css"><style>@import "{base}/import.css";</style>',
        f'<svg><image href="{base}/svg.png"/></svg>',
        f'<iframe src="file:///etc/passwd"></iframe> <object data="{base}/o"></object>',
    ]


TEXT_FIELDS: dict[str, list[str]] = {
    "queue-receipt": ["applicant.full_name", "child.full_name", "accepted_documents.0.name_kk",
                      "accepted_documents.0.name_ru", "issuer.address_kk", "signatory.position_ru"],
    "kindergarten-referral": ["child.full_name", "child.address_kk", "child.address_ru", "organisation.name_ru"],
    "aid-assignment": ["applicant.full_name", "members.1.full_name", "members.1.relation_ru", "payment.bank_ru",
                       "issuer.legal_basis_kk", "issuer.legal_basis_ru"],
    "guardianship-certificate": ["guardian.full_name", "children.0.full_name", "basis.authority_ru"],
    "visitation-permit": ["parent.full_name", "place_kk", "place_ru", "supervisor_ru", "court.name_kk"],
    "motivated-refusal": ["applicant.full_name", "grounds.0.details_kk", "grounds.0.details_ru"],
}


def cut(path: str, text: str) -> str:
    names = ("full_name", "position_ru", "bank_ru", "name_ru", "relation_ru")
    return text[:200] if path.endswith(names) else text[:1000]


def with_text(name: str, text: str) -> dict[str, Any]:
    """The sample with ``text`` in every listed field (cut to the field's length limit)."""
    return apply_changes(sample_data(name), {path: cut(path, text) for path in TEXT_FIELDS[name]})


def unchecked(name: str, text: str) -> Document:
    """The sample with ``text`` in every listed field, bypassing validation (which refuses markup
    characters): the engines must still print it literally."""
    return unvalidated(parse_document(name, sample_data(name)), {path: cut(path, text) for path in TEXT_FIELDS[name]})


@pytest.mark.parametrize("name", NAMES)
def test_payloads_print_literally_and_fetch_nothing(server: Server, name: str, tmp_path: Path) -> None:
    texts = payloads(server.port)
    combined = " ".join(texts)
    with pytest.raises(ValidationError) as info:  # validation refuses < > { } naming each field
        parse_document(name, with_text(name, combined))
    refused = {".".join(str(part) for part in error["loc"]) for error in info.value.errors()}
    assert refused == set(TEXT_FIELDS[name])
    doc = unchecked(name, combined)
    html = render_html(doc)
    assert "<script>" not in html and "<img " not in html and "<iframe" not in html and "<link " not in html
    assert "&lt;script&gt;" in html
    pdf = render_pdf(doc, max_pages=3)
    docx_bytes = render_docx(doc)
    # one language at a time as well: a long text that a bilingual page breaks across pages is
    # extracted interleaved with the other column, though it is printed whole
    in_pdf = "".join(squeeze(pdf_text(p)) for p in
                     (pdf, *(render_pdf(doc, languages=(lang,), max_pages=3) for lang in ("kk", "ru"))))
    in_docx = squeeze(docx_text(docx_bytes))
    assert len(combined) <= 1000  # every payload fits whole in the free-text fields
    for text in texts:  # literally there: had a template engine evaluated it, it would be gone
        assert squeeze(text) in in_pdf, text
        assert squeeze(text) in in_docx, text
    document = docx.Document(io.BytesIO(docx_bytes))  # well-formed: python-docx opens it
    assert document.paragraphs is not None
    assert server.requests == [], server.requests


@pytest.mark.parametrize(("control", "rule"), [
    ("\u202e", "invisible_character"), ("\u202d", "invisible_character"), ("\u2066", "invisible_character"),
    ("\u200f", "invisible_character"), ("\x00", "control_character"), ("\x1b", "control_character"),
    ("\x7f", "control_character"), ("\ud800", "not_a_character")])
def test_control_and_direction_characters_are_refused_with_the_field(control: str, rule: str) -> None:
    data = sample_data("motivated-refusal")
    data["grounds"][0]["details_ru"] = f"копия {control}свидетельства"
    with pytest.raises(ValidationError) as info:
        parse_document("motivated-refusal", data)
    error = info.value.errors()[0]
    assert error["loc"] == ("grounds", 0, "details_ru")
    assert error["type"] == f"text.{rule}"
    assert f"U+{ord(control):04X}" in error["msg"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_hostile_docx_opens_in_libreoffice(server: Server, tmp_path: Path) -> None:
    combined = " ".join(payloads(server.port))
    for name in ("motivated-refusal", "queue-receipt"):
        (tmp_path / f"{name}.docx").write_bytes(render_docx(unchecked(name, combined)))
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(tmp_path / "motivated-refusal.docx"), str(tmp_path / "queue-receipt.docx")],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for name in ("motivated-refusal", "queue-receipt"):
        text = squeeze(pdf_text(tmp_path / f"{name}.pdf"))
        assert squeeze("<script>alert(1)</script>") in text
    assert server.requests == []
