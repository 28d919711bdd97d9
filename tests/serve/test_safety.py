"""``kzdocs serve`` safe by default: tokens, back-pressure, time limits, graceful shutdown, no public
address without a token, and nothing heavy imported by ``import kzdocs``."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed (pip install 'kzdocs[serve]')")
pytest.importorskip("uvicorn", reason="the serve extra is not installed (pip install 'kzdocs[serve]')")

from helpers import SAMPLES, pdf_text, sample, sample_data, squeeze
from kits import KIT
from serving import CLEAN_EXIT, Server

from kzdocs import Office, Renderer, parse_document, render_pdf
from kzdocs.render.archive import extract_source
from kzdocs.serve.logs import number_for_log
from kzdocs.serve.messages import negotiate

TOKEN = "s3cret-token-for-tests-0123456789"
HEADERS = {"Content-Type": "application/json"}
RECEIPT = (SAMPLES / "queue-receipt.json").read_bytes()


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One worker, at most one render in flight, a token from a file, a second for the body to arrive, and
    the sample office kit."""
    tmp = tmp_path_factory.mktemp("guarded")
    (tmp / "token").write_text(TOKEN + "\n")
    running = Server(tmp, "--workers", "1", "--max-in-flight", "1", "--token-file", str(tmp / "token"),
                     "--read-timeout", "1", "--office", str(KIT))
    yield running
    assert running.stop() in CLEAN_EXIT


def test_the_token_is_required_on_everything_but_health(guarded: Server) -> None:
    url = f"{guarded.url}/documents/queue-receipt.pdf?keep_own=true"
    missing = httpx.post(url, content=RECEIPT, headers=HEADERS, timeout=60)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert missing.json()["errors"][0]["type"] == "auth.token"
    wrong = httpx.post(url, content=RECEIPT, headers={**HEADERS, "Authorization": f"Bearer {TOKEN}x"}, timeout=60)
    assert wrong.status_code == 401
    assert httpx.get(f"{guarded.url}/documents").status_code == 401
    assert httpx.get(f"{guarded.url}/health").status_code == 200
    right = httpx.post(url, content=RECEIPT, headers={**HEADERS, "Authorization": f"Bearer {TOKEN}"}, timeout=120)
    looks = Renderer(Office.load(KIT))  # the server's office look
    assert right.status_code == 200 and right.content == looks.render_pdf(sample("queue-receipt"), keep_own=True)
    assert TOKEN not in guarded.log()


def test_past_the_renders_in_flight_the_answer_is_503_with_retry_after(guarded: Server) -> None:
    headers = {**HEADERS, "Authorization": f"Bearer {TOKEN}"}
    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(lambda _: httpx.post(f"{guarded.url}/documents/queue-receipt.pdf?keep_own=true",
                                                       content=RECEIPT, headers=headers, timeout=120), range(6)))
    codes = sorted(r.status_code for r in responses)
    assert 200 in codes and 503 in codes and set(codes) == {200, 503}
    busy = next(r for r in responses if r.status_code == 503)
    assert busy.headers["retry-after"] == "1"
    assert busy.json()["errors"][0]["type"] == "busy"


def test_the_office_kit_completes_every_input(guarded: Server) -> None:
    headers = {**HEADERS, "Authorization": f"Bearer {TOKEN}"}
    data = sample_data("queue-receipt")
    del data["issuer"], data["signatory"]
    filled = httpx.post(f"{guarded.url}/documents/queue-receipt.docx", content=json.dumps(data, default=str),
                        headers=headers, timeout=120)
    assert filled.status_code == 200
    looks = Renderer(Office.load(KIT))  # served in the office's look: its Word blank, letterhead, executor
    assert filled.content == looks.render_docx(looks.document("queue-receipt", data))
    pdf = httpx.post(f"{guarded.url}/documents/queue-receipt.pdf", content=json.dumps(data, default=str),
                     headers=headers, timeout=120)
    assert pdf.status_code == 200 and pdf.content == looks.render_pdf(looks.document("queue-receipt", data))
    assert squeeze("Батыс Қазақстан облысының білім басқармасы") in squeeze(pdf_text(pdf.content))
    archived = httpx.post(f"{guarded.url}/documents/queue-receipt.pdf?archive=true",
                          content=json.dumps(data, default=str), headers=headers, timeout=120)
    assert archived.status_code == 200
    assert archived.content == looks.render_pdf(looks.document("queue-receipt", data), archive=True)
    assert extract_source(archived.content).settings["document"] == "queue-receipt"  # carries its input
    refused = httpx.post(f"{guarded.url}/documents/queue-receipt.docx?archive=true",
                         content=json.dumps(data, default=str), headers=headers, timeout=120)
    assert refused.status_code == 422 and refused.json()["errors"][0]["loc"] == ["query", "archive"]
    own = sample_data("queue-receipt")
    del own["issuer"]
    conflict = httpx.post(f"{guarded.url}/documents/queue-receipt.docx", content=json.dumps(own, default=str),
                          headers=headers, timeout=120)
    assert conflict.status_code == 422
    [error] = conflict.json()["errors"]
    assert error["loc"] == ["signatory"] and error["type"] == "input.office_conflict"
    kept = httpx.post(f"{guarded.url}/documents/queue-receipt.docx?keep_own=true",
                      content=json.dumps(own, default=str), headers=headers, timeout=120)
    assert kept.status_code == 200
    assert kept.content == looks.render_docx(looks.document("queue-receipt", own, keep_own=True), keep_own=True)


def test_a_body_that_does_not_arrive_in_time_is_408(guarded: Server) -> None:
    with socket.create_connection(("127.0.0.1", guarded.port), timeout=30) as sock:
        sock.sendall(f"POST /documents/queue-receipt.pdf HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\n"
                     "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{".encode())
        answer = b""
        while b"}]}" not in answer and (chunk := sock.recv(65536)):
            answer += chunk
    text = answer.decode()
    assert text.startswith("HTTP/1.1 408 ")
    assert '"type":"input.timeout"' in text


def test_a_render_over_the_time_limit_is_500_and_its_worker_replaced(tmp_path: Path) -> None:
    running = Server(tmp_path, "--workers", "1", "--render-timeout", "0.001")
    try:
        before = running.workers()
        response = httpx.post(f"{running.url}/documents/queue-receipt.pdf", content=RECEIPT, headers=HEADERS,
                              timeout=60)
        assert response.status_code == 500
        assert response.json() == {"errors": [{"loc": [], "type": "render.timeout",
                                               "msg": "the render took longer than 0.001 s, the limit"}]}
        deadline = time.monotonic() + 60
        while httpx.get(f"{running.url}/health").json()["ready"] < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        after = running.workers()
        assert len(after) == 1 and after != before
        assert "Traceback" not in running.log()
    finally:
        assert running.stop() in CLEAN_EXIT


def test_shutdown_lets_renders_in_flight_finish_and_refuses_new_ones(tmp_path: Path) -> None:
    """SIGTERM while renders are running and waiting: every accepted one is answered in full."""
    running = Server(tmp_path, "--workers", "1")
    data = sample_data("motivated-refusal")  # long enough to flow onto a second page at 12 pt: a slow render
    data["grounds"][0]["details_kk"] = "құжаттың көшірмесі " * 15
    data["grounds"][0]["details_ru"] = "копия документа " * 15
    source = json.dumps(data, ensure_ascii=False, default=str).encode()
    expected = render_pdf(parse_document("motivated-refusal", data))
    results: list[tuple[float, httpx.Response | Exception]] = []

    def send() -> None:
        try:
            response = httpx.post(f"{running.url}/documents/motivated-refusal.pdf", content=source, headers=HEADERS,
                                  timeout=120)
            results.append((time.monotonic(), response))
        except httpx.TransportError as exc:  # not yet accepted when the server stopped listening
            results.append((time.monotonic(), exc))

    senders = [threading.Thread(target=send) for _ in range(4)]
    for sender in senders:
        sender.start()
    in_flight = 0
    deadline = time.monotonic() + 60
    while in_flight < 1 and time.monotonic() < deadline:
        in_flight = httpx.get(f"{running.url}/health").json()["in_flight"]
    assert in_flight >= 1
    running.process.send_signal(signal.SIGTERM)
    refused_at = None
    while refused_at is None and time.monotonic() < deadline:
        try:
            httpx.get(f"{running.url}/health", timeout=5)
        except httpx.TransportError:  # new connections are refused
            refused_at = time.monotonic()
    for sender in senders:
        sender.join(120)
    answered = [(when, r) for when, r in results if isinstance(r, httpx.Response)]
    assert len(answered) >= in_flight
    assert all(r.status_code == 200 and r.content == expected for _, r in answered)
    assert refused_at is not None and refused_at < max(when for when, _ in answered)  # refused while rendering
    assert running.stop() in CLEAN_EXIT
    assert "render workers stopped" in running.log()


def kzdocs(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kzdocs", *args], capture_output=True, text=True, timeout=120,
                          env=env)


def test_unsafe_or_broken_configurations_are_refused(tmp_path: Path) -> None:
    refused = kzdocs("serve", "--host", "0.0.0.0", "--port", "1")
    assert refused.returncode == 2
    assert refused.stderr.strip() == ("error: --host 0.0.0.0 listens beyond this machine: give a bearer token "
                                      "with --token-file or KZDOCS_SERVE_TOKEN (or bind 127.0.0.1)")
    (tmp_path / "short").write_text("abc")
    weak = kzdocs("serve", "--host", "0.0.0.0", "--port", "1", "--token-file", str(tmp_path / "short"))
    assert weak.returncode == 2 and "at least 16 characters" in weak.stderr
    absent = kzdocs("serve", "--token-file", str(tmp_path / "nothing"))
    assert absent.returncode == 2 and "cannot read the token" in absent.stderr
    no_kit = kzdocs("serve", "--office", str(tmp_path / "nothing"))
    assert no_kit.returncode == 7 and no_kit.stderr.startswith("error: office kit: ")


def test_the_server_stack_is_imported_only_by_serve() -> None:
    code = ("import sys, kzdocs, kzdocs.cli; from typer.testing import CliRunner; "
            "CliRunner().invoke(kzdocs.cli.app, ['--help']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'httpx')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "[]", result.stderr


@pytest.mark.parametrize(("header", "language"), [
    (None, "en"), ("", "en"), ("kk, ru;q=0.8", "kk"), ("en-GB,en;q=0.9", "en"), ("fr;q=1, en;q=0.1", "en"),
    ("ru-RU,ru;q=0.9,en;q=0.5", "ru"), ("kk-KZ;q=0.5, ru;q=0.9", "ru"), ("fr", "en"),
])
def test_the_message_language_follows_accept_language(header: str | None, language: str) -> None:
    assert negotiate(header) == language


def test_numbers_that_could_be_an_iin_are_logged_only_as_a_hash() -> None:
    assert number_for_log("ЗКО-2026-004512") == "ЗКО-2026-004512"
    assert number_for_log("02-15/3381 бис") == "02-15/3381_бис"
    for number in ("870412300123", "8704 1230 0123", "№870412300123"):
        logged = number_for_log(number)
        assert logged.startswith("#") and len(logged) == 13 and "0123" not in logged
