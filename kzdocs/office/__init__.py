"""The office kit: what a department brings once to make every document its own.

A kit is a folder::

    office/
      office.json        issuer, default signatory, letterhead lines, executor, footer, calendar
      emblem.svg|png     optional: the emblem or logo printed at the letterhead's centre
      letterhead.docx    optional: the Word blank (page setup, margins, styles, header/footer)

:meth:`Office.load` checks it all once and keeps the bytes, so rendering never reads the folder
again and never follows a path out of it. The legal wording stays the library's: an office
changes its letterhead, emblem, signatory, executor line, footer note and Word blank, nothing else.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

from kzdocs.documents import Issuer, Signatory
from kzdocs.documents._base import Model, Problem
from kzdocs.documents._fields import Day, Name, Phone, Text
from kzdocs.errors import KitRuleError, OfficeConflictError, OfficeError

from ._blank import WordBlank, load_blank
from ._emblem import Emblem, load_emblem
from ._paths import kit_path, read_kit_file

OFFICE_JSON: Final = "office.json"
MAX_JSON_BYTES: Final = 64_000
EMBLEM_NAMES: Final = ("emblem.svg", "emblem.png")
BLANK_NAME: Final = "letterhead.docx"
#: The mark ``kzdocs office init`` writes into every value still to be filled in.
PLACEHOLDER: Final = "FILL IN"
FORMAT: Final = 1


class Executor(Model):
    """The official who prepared the document (орындаушы / исполнитель), printed at the foot."""

    full_name: Name
    phone: Phone


class LanguageLines(Model):
    """Lines in each source language (Kazakh, Russian); the same number in both."""

    kk: tuple[Text, ...] = ()
    ru: tuple[Text, ...] = ()

    def _rules(self) -> Iterator[Problem]:
        if len(self.kk) != len(self.ru):
            yield Problem(("ru",), "office.lines_mismatch",
                          "has {ru} lines but kk has {kk}: give each line in both languages",
                          {"ru": len(self.ru), "kk": len(self.kk)})


class Calendar(Model):
    """Days off announced after the ``holidays`` package, and extra working days, for deadlines."""

    days_off: tuple[Day, ...] = ()
    working_days: tuple[Day, ...] = ()


class OfficeSettings(Model):
    """The contents of ``office.json``."""

    kzdocs_office: int = FORMAT
    issuer: Issuer
    #: The default signatory; a document may name another only when the caller says so (keep_own).
    signatory: Signatory | None = None
    #: Lines printed above the body's name on the letterhead (the parent body, the department).
    letterhead: LanguageLines = LanguageLines()
    executor: Executor | None = None
    #: A short note printed at the foot of every document (office hours, a reception address).
    footer: LanguageLines = LanguageLines()
    calendar: Calendar = Calendar()
    #: File names inside the kit; default ``emblem.svg`` / ``emblem.png`` and ``letterhead.docx`` when present.
    emblem: str | None = None
    word_blank: str | None = None
    #: Settings of other kzdocs parts (the seal keys of ``kzdocs seal``), kept as given.
    seal: dict[str, Any] | None = None

    def _rules(self) -> Iterator[Problem]:
        if self.kzdocs_office != FORMAT:
            yield Problem(("kzdocs_office",), "office.format",
                          "is kit format {given}; this kzdocs reads format {known}",
                          {"given": self.kzdocs_office, "known": FORMAT})


@dataclass(frozen=True, eq=False)
class Office:
    """A checked office kit, held in memory. Immutable: share it between renderers and threads."""

    folder: Path
    settings: OfficeSettings
    emblem: Emblem | None = None
    word_blank: WordBlank | None = None
    #: A digest of everything the kit contributes to a render (for caches and batch resume keys).
    digest: str = field(default="")

    @property
    def issuer(self) -> Issuer:
        return self.settings.issuer

    @property
    def signatory(self) -> Signatory | None:
        return self.settings.signatory

    @classmethod
    def load(cls, path: str | Path) -> Office:
        """Read and check the kit in folder ``path``; :class:`OfficeError` (a :class:`KitRuleError` naming the
        file, field and rule) when it is missing or breaks a rule."""
        folder = Path(path).expanduser()
        if not folder.is_dir():
            raise OfficeError(f"{folder}: no such folder (an office kit is a folder with {OFFICE_JSON}; "
                              "kzdocs office init makes one)")
        folder = folder.resolve()
        raw = read_kit_file(folder, OFFICE_JSON, OFFICE_JSON, MAX_JSON_BYTES)
        if raw is None:
            raise KitRuleError(OFFICE_JSON, "office.missing",
                               f"missing from {folder}; kzdocs office init {folder} writes one to fill in")
        settings = parse_settings(raw)
        emblem = None
        emblem_name = settings.emblem or next((n for n in EMBLEM_NAMES if kit_path(folder, n, n).exists()), None)
        if settings.emblem is None:
            found = [n for n in EMBLEM_NAMES if kit_path(folder, n, n).exists()]
            if len(found) > 1:
                raise KitRuleError("emblem", "emblem.ambiguous", "the kit has both emblem.svg and emblem.png; keep one")
        if emblem_name:
            data = read_kit_file(folder, emblem_name, emblem_name, 1_000_000)
            if data is None:
                raise KitRuleError(f"{OFFICE_JSON}: emblem", "file.missing", f"{emblem_name!r} is not in the kit")
            emblem = load_emblem(emblem_name, data)
        blank = None
        blank_name = settings.word_blank or (BLANK_NAME if kit_path(folder, BLANK_NAME, BLANK_NAME).exists() else None)
        for name in ("letterhead.docm", "letterhead.dotm", "letterhead.dotx"):
            if kit_path(folder, name, name).exists() and not settings.word_blank:
                raise KitRuleError(name, "docx.macro" if name.endswith("m") else "docx.template",
                                   "is not a plain Word document; save the blank as letterhead.docx")
        if blank_name:
            data = read_kit_file(folder, blank_name, blank_name, 10_000_000)
            if data is None:
                raise KitRuleError(f"{OFFICE_JSON}: word_blank", "file.missing", f"{blank_name!r} is not in the kit")
            if blank_name.lower().endswith((".docm", ".dotm")):
                raise KitRuleError(blank_name, "docx.macro", "is macro-enabled; save it as a plain .docx")
            blank = load_blank(blank_name, data)
        digest = hashlib.sha256()
        digest.update(raw)
        for part in (emblem.data if emblem else b"", b"\0", data_of(blank)):
            digest.update(part)
        return cls(folder, settings, emblem, blank, digest.hexdigest()[:32])

    def kit_file(self, name: str) -> Path:
        """The path of ``name`` inside the kit (e.g. the seal's key files), refused if it would leave the
        folder; the file need not exist yet."""
        return kit_path(self.folder, name, name)

    def fill(self, data: Mapping[str, Any], *, keep_own: bool = False) -> dict[str, Any]:
        """Document input with the office's ``issuer`` and ``signatory`` where the input leaves them out.

        Input that gives its own raises :class:`OfficeConflictError` naming the field, unless
        ``keep_own`` says to keep the document's: never a silent override either way.
        """
        filled = dict(data)
        supplied: dict[str, Any] = {"issuer": self.issuer.model_dump(mode="json", exclude_none=True)}
        if self.signatory is not None:
            supplied["signatory"] = self.signatory.model_dump(mode="json")
        for key, value in supplied.items():
            if key not in filled:
                filled[key] = value
            elif not keep_own and _plain(filled[key]) != value:
                raise OfficeConflictError(key)
        return filled


def _plain(value: Any) -> Any:
    """Input data as JSON would give it (a model, or a mapping with Decimals) for comparison."""
    if isinstance(value, Model):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def data_of(blank: WordBlank | None) -> bytes:
    return b"".join(name.encode() + payload for name, payload in blank.parts) if blank else b""


def parse_settings(raw: bytes) -> OfficeSettings:
    """``office.json`` checked: JSON, no placeholder left, every field by its rule."""
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError:
        raise KitRuleError(OFFICE_JSON, "office.encoding", "is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise KitRuleError(OFFICE_JSON, "office.json",
                           f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(data, dict):
        raise KitRuleError(OFFICE_JSON, "office.json", "must hold a JSON object")
    data = {k: v for k, v in data.items() if not k.startswith("$")}  # "$comment" keys explain, print nothing
    for where, value in _strings(data, ()):
        if PLACEHOLDER in value:
            raise KitRuleError(f"{OFFICE_JSON}: {_location(where)}", "office.placeholder",
                               "is still the placeholder kzdocs office init wrote; fill it in")
    try:
        return OfficeSettings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        more = len(exc.errors()) - 1
        raise KitRuleError(f"{OFFICE_JSON}: {_location(first['loc'])}", first["type"],
                           first["msg"] + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
                           ) from None


def _strings(value: Any, where: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*where, index))


def _location(loc: tuple[str | int, ...] | list[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(kit)"


__all__ = ["Emblem", "Executor", "LanguageLines", "Office", "OfficeSettings", "WordBlank"]
