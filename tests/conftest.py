"""Shared fixtures: the sample inputs and helpers to build variants of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from helpers import NAMES, apply_changes, sample_data

from kzdocs.documents import Document, parse_document

pytest_plugins = ["pytester"]


@pytest.fixture(params=NAMES)
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def build() -> Callable[..., Document]:
    """Build a document from a sample with changes: ``build("queue-receipt", {"child.iin": "..."})``."""

    def _build(doc_name: str, changes: dict[str, Any] | None = None) -> Document:
        return parse_document(doc_name, apply_changes(sample_data(doc_name), changes or {}))

    return _build



@pytest.fixture(autouse=True)
def english_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read English messages unless they ask for kk or ru (``KZDOCS_UI_LANG``), whatever the machine's locale."""
    monkeypatch.setenv("KZDOCS_UI_LANG", "en")
