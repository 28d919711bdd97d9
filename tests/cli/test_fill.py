"""`kzdocs fill` through a real terminal (pexpect): the clerk answers field by field, mistakes are
said at once and asked again, and the case file and its PDF come out."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pexpect
import pytest
from helpers import pdf_text, sample_data, squeeze

PROMPT = re.compile(r"\(([a-z_0-9.]+)\)(?: \[[^\]\n]*\])?: $|\(([a-z_0-9.]+)\)\? \[[^\]\n]*\]: $")


def answers_for(data: dict) -> dict[str, str]:  # type: ignore[type-arg]
    """The sample's values as a clerk types them: dates дд.мм.гггг, lists with ;."""
    flat: dict[str, str] = {}

    def walk(value: object, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            flat[path] = str(len(value))
            for index, item in enumerate(value):
                walk(item, f"{path}.{index}")
        elif isinstance(value, list):
            flat[path] = "; ".join(str(v) for v in value)
        else:
            text = str(value)
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                text = f"{text[8:10]}.{text[5:7]}.{text[0:4]}"
            flat[path] = text

    walk(data, "")
    return flat


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_fill_asks_checks_each_answer_and_renders(tmp_path: Path, lang: str) -> None:
    data = sample_data("queue-receipt")
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "office.json").write_text(json.dumps({"kzdocs_office": 1, "issuer": data.pop("issuer"),
                                                 "signatory": data.pop("signatory")}, ensure_ascii=False),
                                     encoding="utf-8")
    answers = answers_for(data)
    mistakes = {"child.iin": "230609512342", "queue_number": "много", "registered_on": "31.02.2026"}
    child = pexpect.spawn(sys.executable, ["-m", "kzdocs", "fill", "queue-receipt", "-o", "case.json",
                                           "--office", str(kit)],
                          cwd=str(tmp_path), env={**os.environ, "KZDOCS_UI_LANG": lang, "TERM": "xterm",
                                                  "COLUMNS": "200"},
                          encoding="utf-8", timeout=120, dimensions=(50, 200))
    asked: list[str] = []
    seen_errors: list[str] = []
    while True:
        index = child.expect([PROMPT, pexpect.EOF])
        if index == 1:
            break
        before = child.before or ""
        seen_errors += [line.strip() for line in before.splitlines() if "✗" in line]
        path = child.match.group(1) or child.match.group(2)
        asked.append(path)
        child.sendline(mistakes.pop(path) if path in mistakes else answers.get(path, ""))
    child.close()
    assert child.exitstatus == 0, child.before
    assert not mistakes  # every mistake was typed ...
    assert len(seen_errors) >= 3  # ... and each was said at once, then the field asked again
    if lang == "ru":
        assert any("контрольная цифра не совпадает" in e for e in seen_errors)
        assert any("такой даты нет: 31.02.2026" in e for e in seen_errors)
    else:
        assert any("бақылау цифры сәйкес келмейді" in e for e in seen_errors)
    assert asked.count("child.iin") == 2 and asked.count("queue_number") == 2
    assert "issuer.name_kk" not in asked  # the office kit supplies it
    written = json.loads((tmp_path / "case.json").read_text(encoding="utf-8"))
    assert written["child"]["iin"] == data["child"]["iin"] and written["queue_number"] == 1548
    assert written["registered_on"] == "2026-11-23" and written["priority"] == {"ground": "large_families"}
    text = squeeze(pdf_text(tmp_path / "case.pdf"))
    assert "СейтқалиевНұрсұлтанЕрланұлы" in text and "ЖұмабаеваГүлнарСерікқызы" in text  # the kit signs
