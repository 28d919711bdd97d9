"""The pytest plugin as a project that calls kzdocs would use it (pytester runs a test session)."""

from __future__ import annotations

import json
import shutil

import pytest
from helpers import SAMPLES

TEST_FILE = """
import json
from pathlib import Path
from kzdocs import parse_document

DATA = json.loads(Path(r"{sample}").read_text(encoding="utf-8"))

def test_notice(kzdocs_golden):
    data = dict(DATA)
    data["monthly_amount"] = Path("amount.txt").read_text().strip() if Path("amount.txt").exists() else "42500.50"
    data["total_amount"] = str(__import__("decimal").Decimal(data["monthly_amount"]) * 3)
    data["members"] = []
    kzdocs_golden(parse_document("aid-assignment", data), "notice")
"""


def test_golden_fixture_creates_passes_and_fails_with_diff_images(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_notice=TEST_FILE.format(sample=SAMPLES / "aid-assignment.json"))
    missing = pytester.runpytest("-p", "no:cacheprovider")
    missing.assert_outcomes(failed=1)
    missing.stdout.fnmatch_lines(["*no golden file*--kzdocs-update-golden*"])

    created = pytester.runpytest("--kzdocs-update-golden")
    created.assert_outcomes(passed=1)
    golden_dir = pytester.path / "golden"
    assert {p.name for p in golden_dir.iterdir()} == {"notice.pdf", "notice.docx", "GOLDEN.json"}
    assert json.loads((golden_dir / "GOLDEN.json").read_text())["packages"]["kzdocs"]

    pytester.runpytest().assert_outcomes(passed=1)

    (pytester.path / "amount.txt").write_text("42500.70")
    changed = pytester.runpytest("--kzdocs-diff-dir", "diffs")
    changed.assert_outcomes(failed=1)
    changed.stdout.fnmatch_lines(["*kzdocs golden comparison failed*", "*PDF: different*", "*page 1:*",
                                  "*теңге 70 тиын*"])
    images = list((pytester.path / "diffs").rglob("page-1-diff.png"))
    assert images, "the diff image of the failing test is written"
    assert list((pytester.path / "diffs").rglob("notice.actual.pdf"))

    pytester.runpytest("--kzdocs-update-golden").assert_outcomes(passed=1)
    pytester.runpytest().assert_outcomes(passed=1)
    shutil.rmtree(pytester.path / "diffs")
