"""Reading document input for the CLI and batches: JSON, JSON Lines, CSV, and issuer profiles.

Numbers in JSON are read as ``Decimal`` (never float). CSV columns are dotted paths into the
document (``applicant.full_name``, ``members.0.iin``); a cell becomes a number or a boolean only
where the document's schema expects one, and a list of plain texts may be written ``a; b; c``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any, BinaryIO

from kzdocs.documents import MAX_INPUT_BYTES, Document
from kzdocs.errors import InputFileError

#: Input that cannot be read at all (missing file, broken JSON); ``kind`` names the problem.
InputError = InputFileError


def loads(text: str | bytes, source: str = "input") -> Any:
    """Parse JSON with numbers as ``Decimal``; a clear :class:`InputError` when it is not JSON."""
    try:
        return json.loads(text, parse_float=Decimal)
    except UnicodeDecodeError:
        raise InputError(f"{source} is not UTF-8 text", "encoding") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{source} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                         "json") from None


def read_bytes(path: str | Path, stdin: BinaryIO | None = None, *, limit: int | None = None) -> bytes:
    """The bytes of ``path`` (``-`` is standard input), or an :class:`InputError` naming the problem.

    With ``limit``, a larger input is refused before it is read whole.
    """
    if str(path) == "-":
        data = (stdin or sys.stdin.buffer).read(limit + 1 if limit else -1)
        if limit and len(data) > limit:
            raise InputError(f"standard input is larger than {limit:,} bytes, the limit for one document", "too_large")
        return data
    file = Path(path)
    try:
        if limit and file.stat().st_size > limit:
            raise InputError(f"{file} is {file.stat().st_size:,} bytes; one document's input may be at most "
                             f"{limit:,} bytes", "too_large")
        return file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{file}: no such file", "file_not_found") from None
    except IsADirectoryError:
        raise InputError(f"{file}: is a folder, not a file", "file_not_found") from None
    except PermissionError:
        raise InputError(f"{file}: permission denied", "file_unreadable") from None


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """``override`` laid over ``base``; nested objects are merged key by key."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_profile(path: str | Path) -> dict[str, Any]:
    """An issuer profile: ``{"issuer": {...}, "signatory": {...}, "electronic": ...}``, or a bare issuer."""
    data = loads(read_bytes(path), str(path))
    if not isinstance(data, dict):
        raise InputError(f"{path}: an issuer profile must be a JSON object", "profile")
    if "issuer" not in data and "name_kk" in data:
        data = {"issuer": data}
    unknown = set(data) - {"issuer", "signatory", "electronic"}
    if unknown:
        raise InputError(f"{path}: an issuer profile holds issuer, signatory and electronic, not "
                         f"{', '.join(sorted(unknown))}", "profile")
    return data


def _options(node: dict[str, Any], defs: dict[str, Any]) -> list[dict[str, Any]]:
    """The concrete schemas a node stands for, following ``$ref`` and ``anyOf``."""
    if "$ref" in node:
        return _options(defs[node["$ref"].split("/")[-1]], defs)
    if "anyOf" in node:
        return [option for choice in node["anyOf"] for option in _options(choice, defs)]
    return [node]


def _types_at(schema: dict[str, Any], path: list[str]) -> set[str]:
    """The JSON types the schema allows at a dotted ``path``."""
    defs = schema.get("$defs", {})
    nodes = _options(schema, defs)
    for part in path:
        following: list[dict[str, Any]] = []
        for node in nodes:
            if part.isdigit() and "items" in node:
                following += _options(node["items"], defs)
            elif part in node.get("properties", {}):
                following += _options(node["properties"][part], defs)
        nodes = following
    types: set[str] = set()
    for node in nodes:
        kind = node.get("type")
        if isinstance(kind, str):
            types.add(kind)
    return types


def _cell(value: str, types: set[str]) -> Any:
    text = value.strip()
    if "integer" in types and text.lstrip("-").isdigit():
        return int(text)
    if "boolean" in types and text.lower() in {"true", "false", "yes", "no", "1", "0", "иә", "жоқ", "да", "нет"}:
        return text.lower() in {"true", "yes", "1", "иә", "да"}
    if "array" in types:
        return [part.strip() for part in text.split(";") if part.strip()]
    return text


def csv_records(text: str, model: type[Document]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of a CSV file as nested document data, with their line numbers."""
    schema = model.model_json_schema()
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        data: dict[str, Any] = {}
        for column, value in row.items():
            if column is None or value is None or value.strip() == "":
                continue
            path = column.strip().split(".")
            target: Any = data
            for here, after in pairwise(path):
                key: Any = int(here) if here.isdigit() else here
                if isinstance(target, list):
                    while len(target) <= key:
                        target.append({} if not after.isdigit() else [])
                    target = target[key]
                else:
                    target = target.setdefault(key, [] if after.isdigit() else {})
            last: Any = int(path[-1]) if path[-1].isdigit() else path[-1]
            converted = _cell(value, _types_at(schema, path))
            if isinstance(target, list):
                while len(target) <= last:
                    target.append(None)
                target[last] = converted
            else:
                target[last] = converted
        yield reader.line_num, data


def jsonl_records(text: str) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """Non-empty lines of a JSON Lines file, parsed, with their line numbers (a line over the size
    limit of one document is refused unparsed)."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if len(line.encode("utf-8")) > MAX_INPUT_BYTES:
            yield number, InputError(f"line {number} is larger than {MAX_INPUT_BYTES:,} bytes, the limit for one "
                                     "document", "too_large")
            continue
        try:
            record = loads(line, f"line {number}")
        except InputError as exc:
            yield number, exc
            continue
        if not isinstance(record, dict):
            yield number, InputError(f"line {number} is not a JSON object", "json")
            continue
        yield number, record
