"""Filling in a document at the terminal, field by field, in the clerk's language (``kzdocs fill``).

Each field is asked with its label, its path, an example value and the rule; each answer is read
as a register cell is (``23.11.2026``, ``42 500,50``, a code or its number) and checked at once
against the document's rules — a mistake is said and the field asked again. Lists of persons or
documents ask first how many there are. Cross-field rules are checked when every field is in,
and only the fields they name are asked again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from kzdocs.documents import Document
from kzdocs.messages import N_, _, code_names, error_line, field_label, localize_error, localize_text, ui_language
from kzdocs.tables import _place, convert_cell, field_kind

Ask = Callable[[str], str]
Say = Callable[[str], None]

_RULES = {
    "iin": N_("12 digits"),
    "bin": N_("12 digits"),
    "date": N_("дд.мм.гггг"),
    "time": N_("ЧЧ:ММ"),
    "money": N_("an amount such as 42 500,50"),
    "integer": N_("a whole number"),
    "boolean": N_("yes or no"),
    "list": N_("several, separated by ;"),
    "codes": N_("several codes or their numbers, separated by ;"),
}


class Filler:
    """Asks for the fields of ``model`` following the shape of ``example``, through ``ask`` and ``say``."""

    def __init__(self, model: type[Document], example: dict[str, Any], supplied: dict[str, Any], ask: Ask,
                 say: Say) -> None:
        self.model = model
        self.schema = model.model_json_schema()
        self.example = example
        self.supplied = supplied  # what the office kit gives (issuer, signatory)
        self.ask = ask
        self.say = say
        self.data: dict[str, Any] = {}

    # -- checking --------------------------------------------------------------------------

    def errors_at(self, path: list[str]) -> list[dict[str, Any]]:
        """The document's errors at ``path`` (or inside it) for what has been answered so far."""
        try:
            self.model.model_validate({**self.supplied, **self.data})
        except ValidationError as exc:
            found = []
            for error in exc.errors(include_url=False):
                loc = [str(part) for part in error["loc"]]
                if loc[:len(path)] == path:
                    found.append(dict(error))
            return found
        return []

    def all_errors(self) -> list[dict[str, Any]]:
        try:
            self.model.model_validate({**self.supplied, **self.data})
        except ValidationError as exc:
            return [dict(e) for e in exc.errors(include_url=False)]
        return []

    # -- asking ----------------------------------------------------------------------------

    def prompt(self, path: list[str], example: Any, kind: str) -> str:
        label = field_label(path) or ".".join(path)
        hints = []
        if kind in _RULES:
            hints.append(_(_RULES[kind]))
        shown = example
        if isinstance(example, list):
            shown = "; ".join(str(v) for v in example)
        if kind == "date" and isinstance(example, str) and len(example) == 10:
            shown = f"{example[8:10]}.{example[5:7]}.{example[0:4]}"
        if example not in (None, "", []) and kind not in ("code", "codes"):
            hints.append(_("for example {value}").format(value=shown))
        return f"{label} ({'.'.join(path)})" + (f" [{', '.join(hints)}]" if hints else "") + ": "

    def read_value(self, path: list[str], kind: str, answer: str) -> Any:
        """An answer as the document's JSON expects it; ``ValueError`` with the clerk's message."""
        text = answer.strip()
        if kind == "code":
            codes = list(code_names(path[-1]))
            if text.isdigit() and 1 <= int(text) <= len(codes):
                return codes[int(text) - 1]
        if kind == "codes":
            codes = list(code_names(path[-1]))
            parts = [p.strip() for p in text.split(";") if p.strip()]
            return [codes[int(p) - 1] if p.isdigit() and 1 <= int(p) <= len(codes) else p for p in parts]
        return convert_cell(text, kind)

    def field(self, path: list[str], example: Any) -> None:
        kind = field_kind(self.schema, path)
        if kind in ("code", "codes"):
            for number, (code, names) in enumerate(code_names(path[-1]).items(), 1):
                self.say(f"  {number}. {code} — {names[0] if ui_language() == 'kk' else names[1]}")
        while True:
            answer = self.ask(self.prompt(path, example, kind))
            if not answer.strip():
                self._remove(path)
            else:
                try:
                    value = self.read_value(path, kind, answer)
                except ValueError as exc:
                    self.say("  ✗ " + localize_text(str(exc)))
                    continue
                _place(self.data, path, value)
            problems = [e for e in self.errors_at(path) if e["type"] != "missing" or [str(p) for p in e["loc"]] == path]
            if not problems:
                return
            for problem in problems:
                self.say("  ✗ " + str(localize_error(problem)["msg"]))

    def _remove(self, path: list[str]) -> None:
        target: Any = self.data
        for part in path[:-1]:
            key: Any = int(part) if part.isdigit() else part
            try:
                target = target[key]
            except (KeyError, IndexError, TypeError):
                return
        if isinstance(target, dict):
            target.pop(path[-1], None)

    def walk(self, example: Any, path: list[str]) -> None:
        if isinstance(example, dict):
            for key, value in example.items():
                self.walk(value, [*path, key])
        elif isinstance(example, list) and example and isinstance(example[0], dict):
            count = self.count(path, len(example))
            for index in range(count):
                self.walk(example[min(index, len(example) - 1)], [*path, str(index)])
        else:
            self.field(path, example)

    def count(self, path: list[str], example: int) -> int:
        label = field_label(path) or ".".join(path)
        while True:
            answer = self.ask(_("How many: {label} ({path})? [for example {value}]: ").format(
                label=label, path=".".join(path), value=example)).strip()
            if answer.isdigit() and int(answer) <= 60:
                _place(self.data, path, [])
                return int(answer)
            self.say("  ✗ " + _("a whole number from 0 to 60"))

    def run(self) -> dict[str, Any]:
        """Ask every field, then what the cross-field rules name, until the document is valid."""
        self.walk(self.example, [])
        for _round in range(20):
            problems = self.all_errors()
            if not problems:
                break
            for problem in problems:
                self.say("  ✗ " + error_line(problem))
            for problem in problems:
                path = [str(p) for p in problem["loc"]]
                if path:
                    self.field(path, None)
        return self.data
