"""The clerk's path through real processes: keygen, a sealed render, verify with exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import pdf_text, sample_data, squeeze

pytest.importorskip("zxingcpp")


def kzdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kzdocs", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_keygen_render_verify(tmp_path: Path) -> None:
    data = sample_data("queue-receipt")
    office = tmp_path / "office"
    office.mkdir()
    (office / "office.json").write_text(json.dumps({"issuer": data["issuer"]}, ensure_ascii=False), encoding="utf-8")
    made = kzdocs("seal", "keygen", "--office", "office", "--valid-from", "2026-01-01", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "PRIVATE" not in made.stdout + made.stderr
    assert kzdocs("seal", "keygen", "--office", "office", cwd=tmp_path).returncode == 7  # never overwritten
    (tmp_path / "case.json").write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    rendered = kzdocs("render", "queue-receipt", "case.json", "-o", "receipt.pdf", "--seal", "office", cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    checked = kzdocs("verify", "receipt.pdf", "--trust", "office/seal-trust.json", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Печать действительна" in checked.stdout and "Мөр жарамды" in checked.stdout
    assert "Номер очереди: 1548" in checked.stdout
    as_json = json.loads(kzdocs("verify", "receipt.pdf", "--trust", "office/seal-trust.json", "--json",
                                cwd=tmp_path).stdout)
    assert as_json["valid"] and as_json["text_checked"] and as_json["seal"]["number"] == data["number"]
    # an unsealed render has nothing to verify: exit 2
    kzdocs("render", "queue-receipt", "case.json", "-o", "plain.pdf", cwd=tmp_path)
    plain = kzdocs("verify", "plain.pdf", "--trust", "office/seal-trust.json", "--json", cwd=tmp_path)
    assert plain.returncode == 2 and json.loads(plain.stdout)["error"]["code"] == "verify.not_found"
    # another office's trust list: exit 1, the reason named, the seal's claims shown as untrusted
    other = tmp_path / "other"
    other.mkdir()
    kzdocs("seal", "keygen", "--office", "other", "--bin", data["issuer"]["bin"], "--name-kk", "x", "--name-ru", "y",
           cwd=tmp_path)
    wrong = kzdocs("verify", "receipt.pdf", "--trust", "other/seal-trust.json", cwd=tmp_path)
    assert wrong.returncode == 1
    assert "Ключа печати нет в списке доверия" in wrong.stdout and "не доверять" in wrong.stdout
    missing = kzdocs("verify", "nothing.pdf", "--trust", "office/seal-trust.json", cwd=tmp_path)
    assert missing.returncode == 3 and "no such file" in missing.stderr


def test_an_office_kit_with_a_key_seals_every_render(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    shutil.copytree(Path(__file__).resolve().parents[2] / "samples" / "office", kit)
    assert kzdocs("seal", "keygen", "--office", "kit", "--valid-from", "2026-01-01", cwd=tmp_path).returncode == 0
    data = sample_data("queue-receipt")
    del data["issuer"], data["signatory"]
    (tmp_path / "case.json").write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    rendered = kzdocs("render", "queue-receipt", "case.json", "-o", "r.pdf", "--office", "kit", cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    checked = kzdocs("verify", "r.pdf", "--trust", "kit/seal-trust.json", "--json", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert json.loads(checked.stdout)["office"]["bin"] == "980340012006"
    assert json.loads(checked.stdout)["text_checked"]
    # the office's look and its seal together: letterhead line and executor printed, and signed
    printed = squeeze(pdf_text((tmp_path / "r.pdf").read_bytes()))
    assert squeeze("Батыс Қазақстан облысының білім басқармасы") in printed
    assert squeeze("Орынд.: Жұмабаева Г. С.") in printed
    # a batch with the kit: every file in the office's look, sealed, verifiable; an archive copy too
    (tmp_path / "cases.jsonl").write_text(json.dumps(data, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    batch = kzdocs("batch", "queue-receipt", "cases.jsonl", "--out", "out", "--office", "kit", cwd=tmp_path)
    assert batch.returncode == 0, batch.stderr
    [made] = (tmp_path / "out").glob("*.pdf")
    assert made.read_bytes() == (tmp_path / "r.pdf").read_bytes()  # the same bytes as the single render
    archived = kzdocs("render", "queue-receipt", "case.json", "-o", "a.pdf", "--office", "kit", "--archive",
                      cwd=tmp_path)
    assert archived.returncode == 0, archived.stderr
    assert kzdocs("verify", "a.pdf", "--trust", "kit/seal-trust.json", cwd=tmp_path).returncode == 0
    assert json.loads(kzdocs("extract", "a.pdf", cwd=tmp_path).stdout)["number"] == data["number"]
