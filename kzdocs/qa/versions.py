"""What a golden file was made with: package versions and the bundled fonts' hashes (GOLDEN.json)."""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from kzdocs.render.fonts import FACES, font_path

GOLDEN_FILE = "GOLDEN.json"
PACKAGES = ("kzdocs", "weasyprint", "pydyf", "docxtpl", "python-docx", "pypdfium2", "pillow")


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def current_versions() -> dict[str, Any]:
    """The versions a render made now depends on."""
    return {
        "packages": {package: _version(package) for package in PACKAGES},
        "fonts": {name: hashlib.sha256(font_path(name).read_bytes()).hexdigest() for name in FACES.values()},
    }


def write_record(folder: Path) -> Path:
    """Record the current versions in ``folder/GOLDEN.json``."""
    path = folder / GOLDEN_FILE
    path.write_text(json.dumps(current_versions(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def version_notes(folder: Path) -> list[str]:
    """How the versions recorded beside a golden file differ from the current ones (empty if none)."""
    path = folder / GOLDEN_FILE
    if not path.is_file():
        return []
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return [f"{path} is not valid JSON"]
    now = current_versions()
    notes = []
    for package, was in recorded.get("packages", {}).items():
        is_now = now["packages"].get(package, "not installed")
        if was != is_now:
            notes.append(f"golden made with {package} {was}, this render with {is_now}")
    for name, digest in recorded.get("fonts", {}).items():
        if now["fonts"].get(name) != digest:
            notes.append(f"font {name} differs from the one the golden was made with")
    return notes
