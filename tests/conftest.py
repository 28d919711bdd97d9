"""Shared fixtures: the sample inputs and helpers to build variants of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from helpers import DELETE, NAMES, sample_data

from kzdocs.documents import Document, parse_document

pytest_plugins = ["pytester"]


@pytest.fixture(params=NAMES)
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def build() -> Callable[..., Document]:
    """Build a document from a sample with changes: ``build("queue-receipt", {"child.iin": "..."})``."""

    def _build(doc_name: str, changes: dict[str, Any] | None = None) -> Document:
        data = sample_data(doc_name)
        for path, value in (changes or {}).items():
            target: Any = data
            *head, last = path.split(".")
            for key in head:
                target = target[int(key)] if isinstance(target, list) else target[key]
            if isinstance(target, list):
                target[int(last)] = value
            elif value is DELETE:
                del target[last]
            else:
                target[last] = value
        return parse_document(doc_name, data)

    return _build

