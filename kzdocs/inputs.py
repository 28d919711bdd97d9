"""Reading document input for the CLI and batches: JSON, JSON Lines, CSV, and issuer profiles.

Numbers in JSON are read as ``Decimal`` (never float). CSV columns are dotted paths into the
document (``applicant.full_name``, ``members.0.iin``); a cell becomes a number or a boolean only
where the document's schema expects one, and a list of plain texts may be written ``a; b; c``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from pathlib import Path
from typing import Any, BinaryIO

from kzdocs.documents import MAX_INPUT_BYTES, Document
from kzdocs.errors import InputFileError
from kzdocs.files import read_limited

#: Input that cannot be read at all (missing file, broken JSON); ``reason`` names the problem.
InputError = InputFileError


#: Bounds on JSON input no document needs: digits of an integer, a number's exponent, nesting depth.
MAX_INT_DIGITS, MAX_EXPONENT, MAX_DEPTH = 40, 40, 32


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise InputError(f"a number with {len(text.lstrip('-')):,} digits; at most {MAX_INT_DIGITS}", "json")
    return int(text)


def _parse_float(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InputError(f"{text[:40]} is not a number", "json") from None
    if not value.is_finite() or abs(value.adjusted()) > MAX_EXPONENT or len(text) > 2 * MAX_INT_DIGITS:
        raise InputError(f"the number {text[:40]}{'…' if len(text) > 40 else ''} is out of range", "json")
    return value


def _check_shape(data: Any, source: str) -> None:
    """Refuse nesting deeper than any document's and text with lone surrogates (not characters)."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(f"{source} is nested more than {MAX_DEPTH} levels deep", "json")
        if isinstance(node, dict):
            stack.extend((key, depth) for key in node)
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node)
        elif isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError(f"{source} holds U+{ord(node[exc.start]):04X}, half of a surrogate pair, not a "
                                 "character", "encoding") from None


def loads(text: str | bytes, source: str = "input") -> Any:
    """Parse JSON with numbers as ``Decimal``; a clear :class:`InputError` when it is not JSON (or
    breaks a bound: huge integers or exponents, deep nesting, lone surrogates)."""
    try:
        data = json.loads(text, parse_float=_parse_float, parse_int=_parse_int)
    except UnicodeDecodeError:
        raise InputError(f"{source} is not UTF-8 text", "encoding") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{source} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                         "json") from None
    except InputError as exc:
        raise InputError(f"{source}: {exc}", exc.reason) from None
    except RecursionError:
        raise InputError(f"{source} is nested too deeply", "json") from None
    except ValueError as exc:
        raise InputError(f"{source} is not valid JSON: {exc}", "json") from None
    _check_shape(data, source)
    return data


def read_bytes(path: str | Path, stdin: BinaryIO | None = None, *, limit: int | None = None) -> bytes:
    """The bytes of ``path`` (``-`` is standard input), or an :class:`InputError` naming the problem.

    With ``limit``, a larger input is refused and never read whole, whatever the file is: a regular
    file by its size, standard input, a FIFO or a device (``/dev/zero``) after ``limit`` bytes.
    """
    return read_limited(path, limit, stdin)


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
    if "integer" in types and text.lstrip("-").isascii() and text.lstrip("-").isdigit() and len(text) <= 40:
        return int(text)
    if "boolean" in types and text.lower() in {"true", "false", "yes", "no", "1", "0", "иә", "жоқ", "да", "нет"}:
        return text.lower() in {"true", "yes", "1", "иә", "да"}
    if "array" in types:
        return [part.strip() for part in text.split(";") if part.strip()]
    return text


#: The largest list index a CSV column may name (``members.99.iin``); no document holds more.
MAX_CSV_INDEX = 99


def _is_index(part: str) -> bool:
    return part.isascii() and part.isdigit()


def _check_columns(columns: list[str]) -> None:
    """Refuse a header no document can come from, before any row is read or memory allocated."""
    seen: dict[tuple[str, ...], str] = {}
    for column in columns:
        path = tuple(column.strip().split("."))
        if not column.strip() or "" in path:
            continue
        if _is_index(path[0]):
            raise InputError(f"column {column!r}: a column must start with a field name, not a number", "csv")
        for part in path:
            if _is_index(part) and (len(part) > 3 or int(part) > MAX_CSV_INDEX):
                raise InputError(f"column {column[:60]!r}: list index {part[:12]} is too large (at most "
                                 f"{MAX_CSV_INDEX})", "csv")
        for size in range(1, len(path)):
            if path[:size] in seen:
                raise InputError(f"column {column!r} goes inside {seen[path[:size]]!r}, which is a column of its "
                                 "own", "csv")
        if any(other[:len(path)] == path for other in seen):
            raise InputError(f"column {column!r} is also used as the start of another column", "csv")
        if path in seen:
            raise InputError(f"column {column!r} appears twice", "csv")
        seen[path] = column


def _row(row: dict[str | None, str | list[str] | None], schema: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column, value in row.items():
        if column is None or not isinstance(value, str) or value.strip() == "":
            continue
        path = column.strip().split(".")
        if "" in path:
            continue
        target: Any = data
        for here, after in pairwise(path):
            key: Any = int(here) if _is_index(here) else here
            if isinstance(target, list):
                while len(target) <= key:
                    target.append({} if not _is_index(after) else [])
                target = target[key]
            else:
                target = target.setdefault(key, [] if _is_index(after) else {})
        last: Any = int(path[-1]) if _is_index(path[-1]) else path[-1]
        converted = _cell(value, _types_at(schema, path))
        if isinstance(target, list):
            while len(target) <= last:
                target.append(None)
            target[last] = converted
        else:
            target[last] = converted
    return data


def csv_records(text: str | Iterable[str], model: type[Document]) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """Rows of a CSV file (its text, or its lines as a stream) as nested document data, with their
    line numbers; a row that cannot be read (a cell over the size limit) is an :class:`InputError`
    in its place."""
    schema = model.model_json_schema()
    reader = csv.DictReader(io.StringIO(text) if isinstance(text, str) else text)
    try:
        columns = reader.fieldnames or []
    except csv.Error as exc:
        raise InputError(f"the CSV header cannot be read: {exc}", "csv") from None
    _check_columns(list(columns))
    while True:
        start = reader.line_num + 1  # where the next row begins (an error is raised before it is counted)
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, InputError(f"line {start} cannot be read: {exc}", "csv")
            continue
        try:
            yield reader.line_num, _row(row, schema)
        except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
            yield reader.line_num, InputError(f"line {reader.line_num} cannot be read as a record: {exc}", "csv")


def table_records(path: str | Path, model: type[Document]) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """Rows of a register as Excel keeps it — ``.xlsx`` (the first sheet) or ``.csv`` (``;`` or ``,``,
    UTF-8 with or without BOM) — with their row numbers as Excel shows them (see :mod:`kzdocs.tables`);
    a file that cannot be read raises :class:`InputError`."""
    from kzdocs.files import open_input
    from kzdocs.tables import csv_rows, not_utf8, xlsx_rows

    if str(path).lower().endswith(".xlsx"):
        if not Path(path).is_file():
            read_bytes(path)  # the one-line error of a missing file or a folder
        yield from xlsx_rows(path, model)
        return
    stream, _size = open_input(path)
    try:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        try:
            yield from csv_rows(text, model, str(path))
        except UnicodeDecodeError:
            raise InputError(not_utf8(str(path)), "encoding") from None
    finally:
        if str(path) != "-":
            stream.close()


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
