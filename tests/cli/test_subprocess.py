"""Every command through a real process (python -m kzdocs), as a clerk's terminal runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SAMPLES


def kzdocs(*args: str, cwd: Path, stdin: str | None = None, env: dict[str, str] | None = None
           ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kzdocs", *args], cwd=cwd, capture_output=True, text=True,
                          input=stdin, timeout=120, env={**os.environ, **(env or {})})


def test_every_command_in_a_real_process(tmp_path: Path) -> None:
    assert "queue-receipt" in kzdocs("list", cwd=tmp_path).stdout
    assert json.loads(kzdocs("schema", "visitation-permit", cwd=tmp_path).stdout)["title"] == "VisitationPermit"
    example = kzdocs("example", "kindergarten-referral", cwd=tmp_path)
    (tmp_path / "case.json").write_text(example.stdout, encoding="utf-8")
    rendered = kzdocs("render", "kindergarten-referral", "case.json", "-o", "referral.pdf", "--lang", "kk",
                      cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    assert (tmp_path / "referral.pdf").read_bytes().startswith(b"%PDF")
    piped = subprocess.run([sys.executable, "-m", "kzdocs", "render", "kindergarten-referral", "-", "-o", "-",
                            "--format", "docx"], cwd=tmp_path, input=example.stdout.encode("utf-8"),
                           capture_output=True, timeout=120)
    assert piped.returncode == 0 and piped.stdout.startswith(b"PK\x03\x04")  # the DOCX on standard output
    assert kzdocs("preview", "kindergarten-referral", "case.json", "-o", "page.png", cwd=tmp_path).returncode == 0
    assert (tmp_path / "page.png").read_bytes().startswith(b"\x89PNG")
    same = kzdocs("compare", str(SAMPLES / "kindergarten-referral.pdf"), str(SAMPLES / "kindergarten-referral.pdf"),
                  cwd=tmp_path)
    assert same.returncode == 0 and "identical" in same.stdout
    no_lp = kzdocs("print", "referral.pdf", cwd=tmp_path, env={"PATH": str(tmp_path)})
    assert no_lp.returncode == 5 and no_lp.stderr.startswith("error: no print system found")


@pytest.mark.parametrize(
    ("args", "code", "first_line"),
    [
        (["render", "aid-assignment", "missing.json", "-o", "x.pdf"], 3, "error: missing.json: no such file"),
        (["render", "aid-asignment", "x.json", "-o", "x.pdf"], 2, "error: unknown document 'aid-asignment'; "
                                                                  "did you mean aid-assignment?"),
    ],
)
def test_errors_in_a_real_process_have_no_traceback(tmp_path: Path, args: list[str], code: int,
                                                    first_line: str) -> None:
    result = kzdocs(*args, cwd=tmp_path)
    assert result.returncode == code
    assert result.stderr.startswith(first_line)
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_invalid_input_in_a_real_process(tmp_path: Path) -> None:
    data = json.loads((SAMPLES / "queue-receipt.json").read_text(encoding="utf-8"))
    data["child"]["iin"] = "230609512342"
    data["queue_number"] = 0
    (tmp_path / "bad.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = kzdocs("render", "queue-receipt", "bad.json", "-o", "x.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["Child › IIN (child.iin): check digit does not match",
                                          "Number in the queue (queue_number): must be greater than 0"]
    ru = kzdocs("render", "queue-receipt", "bad.json", "-o", "x.pdf", cwd=tmp_path, env={"KZDOCS_UI_LANG": "ru"})
    assert ru.stderr.splitlines() == [
        "Ребенок › ИИН (child.iin): контрольная цифра не совпадает — номер введен с ошибкой",
        "Номер в очереди (queue_number): должно быть больше 0"]
    machine = json.loads(kzdocs("render", "queue-receipt", "bad.json", "-o", "x.pdf", "--json", cwd=tmp_path).stdout)
    assert [e["loc"] for e in machine["errors"]] == [["child", "iin"], ["queue_number"]]
    assert not (tmp_path / "x.pdf").exists()
