"""The shape of the package: light imports, one exception tree, language as a value, one registry."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from typing import Any, ClassVar

import pytest
from helpers import sample, sample_data

import kzdocs
from kzdocs import KzdocsError
from kzdocs.documents import DOCUMENTS, Document, Draft, Line, Table, bi, register, unregister
from kzdocs.documents._base import Person
from kzdocs.documents._layout import assemble, pair, signature_block, title_block
from kzdocs.errors import EngineError, UnknownDocumentError, UnknownLanguageError
from kzdocs.render import render_docx, render_html, render_pdf

ENGINES = ("weasyprint", "docxtpl", "docx", "pypdfium2", "qrcode", "PIL", "fontTools", "jinja2", "cryptography",
           "openpyxl", "starlette", "uvicorn")


def loaded_by(code: str) -> set[str]:
    """The top-level modules a fresh interpreter has loaded after running ``code``."""
    script = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("code", [
    "import kzdocs",
    "import kzdocs.lang",
    "import kzdocs.ids",
    "import kzdocs.workdays",
    "import kzdocs.errors",
    "import kzdocs.qa.pytest_plugin",
    "from kzdocs import render_pdf, QueueReceipt",
])
def test_imports_load_no_engine(code: str) -> None:
    assert not loaded_by(code) & set(ENGINES)


def test_light_modules_stay_light() -> None:
    assert not loaded_by("import kzdocs.lang") & {"pydantic", "holidays", "typer", "rich"}
    assert not loaded_by("import kzdocs") & {"pydantic", "babel", "holidays", "num2words"}


def test_cli_help_loads_no_engine() -> None:
    code = ("import sys\nsys.argv = ['kzdocs', '--help']\nfrom kzdocs.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass")
    assert not loaded_by(code) & set(ENGINES)


def test_first_render_loads_the_engine() -> None:
    code = ("from helpers import sample\nfrom kzdocs import render_pdf\n"
            "assert render_pdf(sample('queue-receipt')).startswith(b'%PDF')")
    result = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, 'tests')\n{code}"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def public_classes() -> Iterator[type]:
    for module in pkgutil.walk_packages(kzdocs.__path__, "kzdocs."):
        if module.name.startswith(("kzdocs.__main__",)):
            continue
        try:
            loaded = importlib.import_module(module.name)
        except ImportError as exc:  # an optional extra that is not installed here
            pytest.skip(f"{module.name} needs an optional dependency: {exc}")
        for name, value in vars(loaded).items():
            if isinstance(value, type) and value.__module__.startswith("kzdocs") and not name.startswith("_"):
                yield value


def test_every_public_exception_is_a_kzdocs_error() -> None:
    exceptions = {cls for cls in public_classes() if issubclass(cls, BaseException)}
    assert len(exceptions) >= 15
    stray = sorted(cls.__qualname__ for cls in exceptions if not issubclass(cls, KzdocsError))
    assert not stray, f"not under KzdocsError: {stray}"
    codes = {cls.code: cls for cls in exceptions if issubclass(cls, KzdocsError) and "code" in vars(cls)}
    assert all(isinstance(code, str) and code for code in codes)
    for cls in exceptions:
        assert isinstance(cls.exit_code, int)  # type: ignore[attr-defined]


def test_errors_keep_their_builtin_bases() -> None:
    with pytest.raises(KeyError):
        kzdocs.documents.document_class("no-such-document")
    with pytest.raises(ValueError):
        kzdocs.lang.format_date(date(2026, 1, 1), "en")


@pytest.mark.parametrize("lang", ["en", "kz", "KK", "", "ru-RU", None])
def test_unknown_language_is_refused_not_russian(lang: Any) -> None:
    with pytest.raises(UnknownLanguageError):
        kzdocs.lang.format_date(date(2026, 11, 23), lang)
    with pytest.raises(UnknownLanguageError):
        sample("queue-receipt").view(("kk", lang))


def test_engine_failure_is_wrapped_at_the_boundary() -> None:
    from kzdocs.render.determinism import engine_errors
    from kzdocs.render.pdf import pdf_from_html

    with pytest.raises(EngineError, match="PDF engine failed") as caught:
        with engine_errors("PDF"):
            pdf_from_html('<html><body><img src="https://example.com/seal.png"></body></html>')
    assert caught.value.__cause__ is not None


class Reference(Document):
    """A seventh document, registered from a test: a certificate of one person."""

    kind: ClassVar[str] = "test-reference"
    titles: ClassVar[dict[str, str]] = {"kk": "Анықтама", "ru": "Справка", "en": "Reference"}

    person: Person
    purpose_kk: str
    purpose_ru: str

    def draft(self) -> Draft:
        p = self.person
        body = [
            title_block("Анықтама", "Справка"),
            pair([Line(f"{p.full_name} {self.purpose_kk} үшін берілді.")],
                 [Line(f"Выдана {p.full_name} для предъявления {self.purpose_ru}.")]),
            Table(header=(bi("Аты-жөні", "Ф.И.О."), bi("ЖСН", "ИИН")), rows=((p.full_name, p.iin),), widths=(60, 40)),
            signature_block(self),
        ]
        return assemble(self, title_kk="Анықтама", title_ru="Справка", body=body)


@pytest.fixture
def seventh() -> Iterator[type[Document]]:
    register(Reference)
    yield Reference
    unregister(Reference.kind)


@pytest.mark.parametrize("languages", [("kk", "ru"), ("kk",), ("ru",), ("kk-Latn",), ("kk-Latn", "ru"),
                                       ("kk", "kk-Latn")])
def test_a_seventh_document_renders_everywhere(seventh: type[Document], languages: tuple[str, ...]) -> None:
    base = sample_data("queue-receipt")
    doc = kzdocs.parse_document("test-reference", {
        "number": "7", "issue_date": "2026-11-23", "issuer": base["issuer"], "signatory": base["signatory"],
        "person": {key: base["applicant"][key] for key in ("full_name", "iin")},
        "purpose_kk": "жұмыс орнына", "purpose_ru": "по месту работы",
    })
    assert DOCUMENTS["test-reference"] is Reference
    pdf = render_pdf(doc, languages)
    docx = render_docx(doc, languages)
    html = render_html(doc, languages)
    assert pdf.startswith(b"%PDF") and docx.startswith(b"PK")
    if languages == ("kk-Latn",):
        assert "Anyqtama" in html and "Seitqalieva Äigerım Maratqyzy" in html


def test_registering_is_checked(seventh: type[Document]) -> None:
    with pytest.raises(ValueError, match="already registered"):
        class Other(Reference):
            pass
        register(Other)
    with pytest.raises(UnknownDocumentError, match="unknown document 'nope'"):
        kzdocs.documents.document_class("nope")


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@pytest.mark.parametrize("languages", [("kk-Latn", "ru"), ("kk", "kk-Latn"), ("kk-Latn",)])
def test_every_sample_renders_in_latin_script(name: str, languages: tuple[str, ...]) -> None:
    doc = sample(name)
    view = doc.view(languages)
    latin = [block.texts["kk-Latn"] for block in view.blocks if not isinstance(block, Table)]
    kept = (doc.number, *doc.draft().verbatim)

    def without_identifiers(text: str) -> str:
        for identifier in kept:
            text = text.replace(identifier, "")
        return text

    cyrillic = [line.text for lines in latin for line in lines
                if any("а" <= c.lower() <= "я" or c in "әғқңөұүһіё" for c in without_identifiers(line.text))]
    assert not cyrillic
    assert render_docx(doc, languages).startswith(b"PK")


def test_stacked_layout_prints_each_language_in_full_width() -> None:
    doc = sample("motivated-refusal")
    columns, stacked = doc.view(("kk", "ru")), doc.view(("kk", "ru"), "stacked")
    assert columns.columns == 2 and stacked.columns == 1
    assert list(columns.text_lines()) == list(stacked.text_lines())
    assert render_pdf(doc, ("kk", "ru"), layout="stacked", max_pages=2).startswith(b"%PDF")


def test_codes_are_tied_to_the_catalogue() -> None:
    from typing import get_args

    from kzdocs.documents import aid_assignment, catalogue, motivated_refusal, queue_receipt

    assert set(get_args(motivated_refusal.ServiceCode)) <= set(catalogue.SERVICES)
    assert set(get_args(motivated_refusal.GroundCode)) == set(catalogue.REFUSAL_GROUNDS)
    assert set(get_args(queue_receipt.PriorityGround)) == set(catalogue.QUEUE_PRIORITIES)
    assert set(get_args(aid_assignment.AidType)) == set(aid_assignment.AIDS) <= set(catalogue.SERVICES)


def test_the_language_layer_loads_its_data_on_first_use() -> None:
    assert not loaded_by("import kzdocs.lang") & {"babel", "num2words"}
    assert {"babel", "num2words"} <= loaded_by(
        "from decimal import Decimal\nfrom kzdocs.lang import format_amount\nformat_amount(Decimal(1), 'kk')")
