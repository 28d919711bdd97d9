"""Without an extra (seal, serve), its commands say which extra to install: one typed error, no traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import sample, sample_data
from typer.testing import CliRunner

from kzdocs import KzdocsError
from kzdocs.errors import MissingExtraError


@pytest.fixture
def without_cryptography(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cryptography", None)  # importlib's find_spec now says: not installed


def test_the_library_names_the_extra(without_cryptography: None, tmp_path: Path) -> None:
    from kzdocs.seal import generate_key, load_key, verify

    for call in (lambda: generate_key(tmp_path), lambda: load_key(tmp_path),
                 lambda: verify(b"%PDF-1.7", [])):
        with pytest.raises(MissingExtraError) as info:
            call()
        assert isinstance(info.value, KzdocsError) and info.value.code == "config.extra"
        assert "pip install 'kzdocs[seal]'" in str(info.value) and "cryptography" in str(info.value)
    assert sample("queue-receipt").number  # documents without a seal are unaffected


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "needs the seal extra"), ("ru", "нужно дополнение seal"), ("kk", "seal қосымшасы керек")])
def test_the_cli_says_it_in_one_line(without_cryptography: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     lang: str, words: str) -> None:
    from kzdocs.cli import app

    monkeypatch.setenv("KZDOCS_UI_LANG", lang)
    (tmp_path / "office").mkdir()
    result = CliRunner().invoke(app, ["seal", "keygen", "--office", str(tmp_path / "office")])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert words in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert sample_data("queue-receipt")  # the helpers still load


def test_serve_without_its_extra_says_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from kzdocs.cli import app

    monkeypatch.setitem(sys.modules, "uvicorn", None)
    monkeypatch.setenv("KZDOCS_UI_LANG", "ru")
    result = CliRunner().invoke(app, ["serve", "--port", "1"])
    assert result.exit_code == 2, result.output
    assert "нужно дополнение serve (не установлено: uvicorn): pip install 'kzdocs[serve]'" in result.output
    assert len(result.output.strip().splitlines()) == 1
