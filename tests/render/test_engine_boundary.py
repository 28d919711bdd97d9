"""A refused or broken asset is a kzdocs error, never WeasyPrint's FatalURLFetchingError (a BaseException)."""

from __future__ import annotations

import pytest

from kzdocs.errors import EngineError, KzdocsError
from kzdocs.render.pdf import pdf_from_html


@pytest.mark.parametrize("src", ["file:///etc/hostname", "http://127.0.0.1:9/x.png", "kzdocs:fonts/../../x.ttf"])
def test_an_image_outside_the_package_is_an_engine_error(src: str) -> None:
    try:
        pdf_from_html(f'<p>x</p><img src="{src}">')
    except Exception as exc:  # what the CLI and a server catch: it must be enough
        assert isinstance(exc, EngineError) and isinstance(exc, KzdocsError)
        assert "refuses to fetch" in str(exc)
    else:
        pytest.fail("the asset was fetched")
