"""``kzdocs office init``: a kit to fill in, with every field explained."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from kzdocs.errors import OutputError

from . import OFFICE_JSON, PLACEHOLDER

GUIDE_NAME: Final = "README.txt"

GUIDE: Final = """\
An office kit for kzdocs (kzdocs office init wrote it; kzdocs office check DIR checks it).

office.json — fill in every value marked "FILL IN"; the kit is refused while one is left.
  issuer            the body that issues the documents (printed on the letterhead and in the QR text):
    name_kk/name_ru     its full name in Kazakh and in Russian
    address_kk/_ru      its address in both languages
    phone               as printed: +7 7112 50-12-34
    bin                 its BIN (12 digits, check digit verified)
    verify_url          the http(s) address where a reader checks a document (the QR code)
    legal_basis_kk/_ru  optional: the office's further acts (rules) that aid notices cite after
                        the Social Code, which they always cite
  signatory         the default signatory: position_kk, position_ru, full_name. A document that
                    names another signatory is refused unless the caller keeps its own
                    (CLI --keep-own, Python keep_own=True).
  letterhead        optional lines above the body's name (the parent body), "kk" and "ru",
                    the same number of lines in both.
  executor          optional: who prepared the documents, printed at the foot
                    («Орынд.: … тел. … / Исп.: … тел. …»): full_name, phone. Remove it to print none.
  footer            optional short note at the foot (office hours), "kk" and "ru" lines.
  calendar          optional: days_off and working_days ("YYYY-MM-DD") the government announced after
                    this kzdocs release; they move deadlines counted in working days.
  emblem, word_blank  optional file names inside this folder (default: emblem.svg or emblem.png, and
                    letterhead.docx, when present). Paths outside the folder are refused.
  Keys starting with "$" are comments.

emblem.svg or emblem.png (optional) — the emblem or logo at the letterhead's centre. PNG up to
  4096×4096 pixels and 1 MB, or a plain SVG: shapes only, no scripts, links, images or text
  (convert text to paths). kzdocs bundles no emblem; the office supplies its own.

letterhead.docx (optional) — the office's Word blank: page size, margins, styles (an office may
  restyle the Kz* paragraph styles) and header/footer with their pictures. The generated body is
  filled into it. A macro-enabled file (.docm), a template (.dotx), links to outside files or an
  embedded font lacking Kazakh letters are refused.

What an office cannot change: the legal wording, the document's fields and their order, the
QR verification block and the PDF fonts (Tinos, which covers every Kazakh letter).
"""


def _todo(what: str) -> str:
    return f"{PLACEHOLDER}: {what}"


def blank_settings(profile: dict[str, Any] | None = None) -> dict[str, Any]:
    """``office.json`` to fill in; values come from an old issuer profile when one is given."""
    settings: dict[str, Any] = {
        "$comment": "kzdocs office kit; README.txt beside this file explains every field",
        "kzdocs_office": 1,
        "issuer": {
            "name_kk": _todo("the body's name in Kazakh"),
            "name_ru": _todo("the body's name in Russian"),
            "address_kk": _todo("address in Kazakh"),
            "address_ru": _todo("address in Russian"),
            "phone": _todo("+7 7112 50-12-34"),
            "bin": _todo("12-digit BIN"),
            "verify_url": _todo("https://example.gov.kz/verify"),
        },
        "signatory": {
            "position_kk": _todo("position in Kazakh"),
            "position_ru": _todo("position in Russian"),
            "full_name": _todo("Surname Name Patronymic"),
        },
        "letterhead": {"kk": [], "ru": []},
        "executor": {"full_name": _todo("the executor's name, or remove executor"), "phone": _todo("+7 7112 50-12-40")},
        "footer": {"kk": [], "ru": []},
    }
    if profile:
        for key in ("issuer", "signatory"):
            if isinstance(profile.get(key), dict):
                settings[key] = profile[key]
    return settings


def write_kit(folder: Path, profile: dict[str, Any] | None = None) -> list[Path]:
    """Create ``folder`` with ``office.json`` and ``README.txt``; never overwrites an existing kit."""
    target = folder / OFFICE_JSON
    if target.exists():
        raise OutputError(f"{target} already exists; kzdocs office init never overwrites a kit")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(json.dumps(blank_settings(profile), ensure_ascii=False, indent=2) + "\n")
        guide = folder / GUIDE_NAME
        written = [target]
        if not guide.exists():
            guide.write_text(GUIDE, encoding="utf-8")
            written.append(guide)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write the kit ({exc.strerror or exc})") from None
    return written
