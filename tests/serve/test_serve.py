"""``kzdocs serve`` over real HTTP: renders equal the library's, every error answer, the catalogue."""

from __future__ import annotations

import json
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed (pip install 'kzdocs[serve]')")
pytest.importorskip("uvicorn", reason="the serve extra is not installed (pip install 'kzdocs[serve]')")

from helpers import NAMES, SAMPLES, sample, sample_data
from serving import Server

from kzdocs import DOCUMENTS, render_docx, render_html, render_pdf
from kzdocs.documents import MAX_INPUT_BYTES

HEADERS = {"Content-Type": "application/json"}


def body(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


def post(server: Server, path: str, content: bytes, **kwargs: Any) -> httpx.Response:
    headers = {**HEADERS, **kwargs.pop("headers", {})}
    return httpx.post(f"{server.url}{path}", content=content, headers=headers, timeout=120, **kwargs)


def errors(response: httpx.Response) -> list[dict[str, Any]]:
    payload = response.json()
    assert set(payload) == {"errors"}
    for error in payload["errors"]:
        assert set(error) == {"loc", "type", "msg"} and "\n" not in error["msg"]
    return list(payload["errors"])


@pytest.mark.parametrize("name", NAMES)
def test_pdf_and_docx_equal_the_library_render(server: Server, name: str) -> None:
    source = (SAMPLES / f"{name}.json").read_bytes()
    pdf = post(server, f"/documents/{name}.pdf", source)
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content == render_pdf(sample(name))
    docx = post(server, f"/documents/{name}.docx", source)
    assert docx.status_code == 200, docx.text
    assert docx.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument")
    assert docx.content == render_docx(sample(name))


def test_html_and_one_language(server: Server) -> None:
    source = (SAMPLES / "aid-assignment.json").read_bytes()
    html = post(server, "/documents/aid-assignment.html", source)
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert html.text == render_html(sample("aid-assignment"))
    russian = post(server, "/documents/aid-assignment.pdf?languages=ru", source)
    assert russian.content == render_pdf(sample("aid-assignment"), ("ru",))


def test_the_file_is_named_from_the_document_number(server: Server) -> None:
    data = sample_data("queue-receipt")
    data["number"] = "ЗКО-02/15 3381"
    response = post(server, "/documents/queue-receipt.docx", body(data))
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="')
    assert disposition.endswith("filename*=UTF-8''%D0%97%D0%9A%D0%9E-02_15_3381.docx")


def test_invalid_input_names_every_field_and_rule(server: Server) -> None:
    data = sample_data("queue-receipt")
    data["child"]["iin"] = "123"
    del data["issue_date"]
    response = post(server, "/documents/queue-receipt.pdf", body(data))
    assert response.status_code == 422
    found = {tuple(e["loc"]): e for e in errors(response)}
    assert set(found) == {("child", "iin"), ("issue_date",)}
    assert found[("issue_date",)]["type"] == "missing"
    assert "12 digits" in found[("child", "iin")]["msg"]
    assert response.headers["content-language"] == "en"
    russian = post(server, "/documents/queue-receipt.pdf", body(data), headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    assert russian.headers["content-language"] == "ru"
    found_ru = {tuple(e["loc"]): e for e in errors(russian)}  # the same machine keys, the message in Russian
    assert found_ru[("child", "iin")]["type"] == found[("child", "iin")]["type"]
    assert "12 цифр" in found_ru[("child", "iin")]["msg"]
    kazakh = post(server, "/documents/queue-receipt.pdf", body(data), headers={"Accept-Language": "kk"})
    assert {tuple(e["loc"]): e["msg"] for e in errors(kazakh)}[("issue_date",)] == "міндетті, бірақ толтырылмаған"


@pytest.mark.parametrize(("content", "kind"), [
    (b'{"number": ', "json_invalid"),
    (b"\xff\xfe", "json_invalid"),
    (b"[1, 2]", "document.type"),
    (b"[" * 100_000, "json_invalid"),  # nested past the parser's depth
])
def test_input_that_is_not_a_json_object_is_422(server: Server, content: bytes, kind: str) -> None:
    response = post(server, "/documents/queue-receipt.pdf", content)
    assert response.status_code == 422
    assert [e["type"] for e in errors(response)] == [kind]


def test_options_are_checked(server: Server) -> None:
    source = (SAMPLES / "queue-receipt.json").read_bytes()
    unknown = post(server, "/documents/queue-receipt.pdf?lang=kk", source)
    assert unknown.status_code == 422
    assert errors(unknown) == [{"loc": ["query", "lang"], "type": "option.unknown",
                                "msg": "unknown option 'lang'; options: languages, keep_own, archive"}]
    language = post(server, "/documents/queue-receipt.pdf?languages=en", source)
    assert language.status_code == 422
    assert errors(language)[0]["loc"] == ["query", "languages"]


def test_a_document_too_long_for_its_page_is_422_naming_the_field(server: Server) -> None:
    data = sample_data("queue-receipt")
    data["accepted_documents"] = [{"name_kk": "Құжаттың толық атауы, берілген күні мен органы " * 20,
                                   "name_ru": "Полное название документа, дата выдачи и орган " * 20}] * 30
    response = post(server, "/documents/queue-receipt.pdf", body(data))
    assert response.status_code == 422
    [error] = errors(response)
    assert error["loc"] == ["accepted_documents"] and error["type"] == "page_limit"


def test_input_over_the_limit_is_413(server: Server) -> None:
    data = sample_data("motivated-refusal")
    data["padding"] = "x" * MAX_INPUT_BYTES
    response = post(server, "/documents/motivated-refusal.pdf", body(data))
    assert response.status_code == 413
    assert errors(response)[0]["type"] == "input.too_large"

    def chunks() -> Any:  # no Content-Length: counted as it arrives
        for _ in range(20):
            yield b" " * 100_000

    streamed = httpx.post(f"{server.url}/documents/motivated-refusal.pdf", content=chunks(), headers=HEADERS,
                          timeout=60)
    assert streamed.status_code == 413


def test_unknown_documents_formats_and_methods(server: Server) -> None:
    source = (SAMPLES / "queue-receipt.json").read_bytes()
    unknown = post(server, "/documents/queue-reciept.pdf", source)
    assert unknown.status_code == 404
    assert errors(unknown)[0]["type"] == "input.unknown_document"
    assert post(server, "/documents/queue-receipt.odt", source).status_code == 404
    assert httpx.get(f"{server.url}/documents/nothing/schema").status_code == 404
    assert httpx.get(f"{server.url}/nowhere").status_code == 404
    wrong = httpx.get(f"{server.url}/documents/queue-receipt.pdf")
    assert wrong.status_code == 405 and errors(wrong)[0]["type"] == "method_not_allowed"
    text = post(server, "/documents/queue-receipt.pdf", source, headers={"Content-Type": "text/plain"})
    assert text.status_code == 415


def test_catalogue_schema_example_and_openapi(server: Server) -> None:
    catalogue = httpx.get(f"{server.url}/documents").json()["documents"]
    assert [entry["name"] for entry in catalogue] == NAMES
    assert catalogue[0]["title_kk"] == DOCUMENTS[NAMES[0]].titles["kk"]
    for name, model in DOCUMENTS.items():
        assert httpx.get(f"{server.url}/documents/{name}/schema").json() == model.model_json_schema()
        example = httpx.get(f"{server.url}/documents/{name}/example")
        assert example.content == (SAMPLES / f"{name}.json").read_bytes()
    spec = httpx.get(f"{server.url}/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert len([path for path in spec["paths"] if path.endswith((".pdf", ".docx", ".html"))]) == 3 * len(NAMES)
    ref = spec["paths"]["/documents/queue-receipt.pdf"]["post"]["requestBody"]["content"]["application/json"]
    model = ref["schema"]["$ref"].rpartition("/")[2]
    assert set(spec["components"]["schemas"][model]["required"]) >= {"number", "issue_date", "issuer"}
    health = httpx.get(f"{server.url}/health").json()
    assert health["status"] == "ok" and health["workers"] == 2


def test_32_concurrent_requests_are_all_answered(server: Server) -> None:
    source = (SAMPLES / "kindergarten-referral.json").read_bytes()
    expected = render_pdf(sample("kindergarten-referral"))
    with ThreadPoolExecutor(32) as pool:
        responses = list(pool.map(lambda _: post(server, "/documents/kindergarten-referral.pdf", source), range(32)))
    assert [r.status_code for r in responses] == [200] * 32
    assert all(r.content == expected for r in responses)


def test_a_worker_that_dies_is_replaced(server: Server) -> None:
    before = server.workers()
    assert len(before) == 2
    os.kill(before[0], signal.SIGKILL)
    source = (SAMPLES / "visitation-permit.json").read_bytes()
    for _ in range(4):  # whichever worker each request meets, every one is answered
        assert post(server, "/documents/visitation-permit.pdf", source).status_code == 200
    deadline = time.monotonic() + 60
    while httpx.get(f"{server.url}/health").json()["ready"] < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    after = server.workers()
    assert len(after) == 2 and before[0] not in after


def test_the_log_names_kind_number_status_and_time_but_no_person(server: Server) -> None:
    data = sample_data("guardianship-certificate")
    assert post(server, "/documents/guardianship-certificate.pdf", body(data)).status_code == 200
    data["number"] = "870412300123"  # an IIN typed as a number: only its hash is logged
    assert post(server, "/documents/guardianship-certificate.docx", body(data)).status_code == 200
    time.sleep(0.2)
    log = server.log()
    number = sample_data("guardianship-certificate")["number"]
    assert "POST /documents/guardianship-certificate.pdf 200 " in log
    assert f"kind=guardianship-certificate number={number}" in log
    assert "870412300123" not in log
    people = [v for k, v in _leaves(data) if k in {"full_name", "iin"}]
    assert people and not [value for value in people if value in log]


def _leaves(node: Any, key: str = "") -> list[tuple[str, Any]]:
    if isinstance(node, dict):
        return [leaf for k, v in node.items() for leaf in _leaves(v, k)]
    if isinstance(node, list):
        return [leaf for v in node for leaf in _leaves(v, key)]
    return [(key, node)]
