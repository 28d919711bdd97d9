"""The README's Python examples run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import sample_data

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)


def test_library_example_runs() -> None:
    block = next(b for b in python_blocks() if "render_pdf(doc)" in b)
    scope: dict[str, object] = {"data": sample_data("queue-receipt")}
    exec(block, scope)
    assert bytes(scope["pdf"]).startswith(b"%PDF")  # type: ignore[arg-type]
    assert bytes(scope["docx"]).startswith(b"PK")  # type: ignore[arg-type]


def test_language_examples_print_what_the_comments_say() -> None:
    block = next(b for b in python_blocks() if "format_amount(Decimal" in b)
    scope: dict[str, object] = {}
    checked = 0
    for line in block.strip().splitlines():
        code, _, comment = line.partition("  # ")
        if comment.startswith("'"):
            assert str(eval(code, scope)).replace("\u00a0", " ") == comment.strip("'")
            checked += 1
        else:
            exec(code, scope)
    assert checked == 6


def test_office_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from kits import without_office_fields

    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    block = next(b for b in python_blocks() if "Renderer(Office.load" in b)
    scope: dict[str, object] = {"case": without_office_fields("queue-receipt")}
    exec(block, scope)
    assert bytes(scope["pdf"]).startswith(b"%PDF") and bytes(scope["docx"]).startswith(b"PK")  # type: ignore[arg-type]
