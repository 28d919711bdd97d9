"""A server started as ``kzdocs serve --port P --workers 2``, shared by a module's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from serving import CLEAN_EXIT, Server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server as started by ``kzdocs serve --port P --workers 2``."""
    running = Server(tmp_path_factory.mktemp("serve"), "--workers", "2")
    yield running
    assert running.stop() in CLEAN_EXIT, running.log()
    assert "render workers stopped" in running.log()
