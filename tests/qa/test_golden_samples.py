"""The project's own goldens: every samples/*.pdf and *.docx against a fresh render, with the plugin."""

from __future__ import annotations

import pytest
from helpers import NAMES, SAMPLES, sample

from kzdocs.qa.pytest_plugin import Golden


@pytest.mark.parametrize("name", NAMES)
def test_sample_matches_its_golden_files(kzdocs_golden: Golden, name: str) -> None:
    reports = kzdocs_golden(sample(name), name, golden_dir=SAMPLES)
    if not kzdocs_golden.update:
        assert [r.format for r in reports] == ["pdf", "docx"]
        assert all(r.ok for r in reports)
