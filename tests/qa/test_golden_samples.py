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


@pytest.mark.parametrize("name", NAMES)
def test_office_kit_sample_matches_its_golden_files(kzdocs_golden: Golden, name: str) -> None:
    from kits import KIT, without_office_fields

    from kzdocs import Office, Renderer

    renderer = Renderer(Office.load(KIT))
    doc = renderer.document(name, without_office_fields(name))
    reports = kzdocs_golden(doc, name, golden_dir=KIT, renderer=renderer)
    if not kzdocs_golden.update:
        assert [r.format for r in reports] == ["pdf", "docx"]
        assert all(r.ok for r in reports)
