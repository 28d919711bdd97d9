"""Registers as a clerk keeps them: Excel workbooks (``.xlsx``) and CSV files as Excel writes them.

Each row is one document; each column is a field, named by its dotted path (``applicant.iin``,
``members.0.iin``), either alone or at the end of a header in brackets
(«Өтініш беруші › ЖСН / Заявитель › ИИН (applicant.iin)»). A column headed ``#`` or ``№`` numbers
the rows; row 2 marked «үлгі / образец» there is the register's example and is skipped (a copy of
it further down is the clerk's own row and is rendered).

What Excel really holds is read as the clerk meant it, and only where that is unambiguous:

* IINs and BINs stored as numbers: the lost leading zero is restored only when the check digit
  then holds; dates as date cells, ``дд.мм.гггг`` or ``гггг-мм-дд``; times as time cells or ``ЧЧ:ММ``;
* amounts as numbers (accepted exactly when they have at most two decimals), or as text with a
  decimal comma and space grouping (``42 500,50``);
* CSV: ``;`` or ``,`` separated, UTF-8 with or without a byte-order mark. Anything else is refused
  with the row and column as Excel shows them. A CSV that is not UTF-8 — Excel's plain «CSV» on
  Russian Windows (cp1251), which has no Kazakh letters — is refused whole, as is a file whose
  letters already became ``?``: it must be saved again as «CSV UTF-8» or ``.xlsx``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from itertools import chain, pairwise
from pathlib import Path
from typing import Any, Final

from kzdocs.documents import Document
from kzdocs.errors import InputFileError
from kzdocs.ids import is_valid_bin, is_valid_iin
from kzdocs.messages import N_

#: Marks the example row of a register made by ``kzdocs example -o register.xlsx``.
EXAMPLE_MARK: Final = "үлгі / образец"
ROW_COLUMNS: Final = frozenset({"#", "№", "n", "no"})
_PATH_IN_HEADER: Final = re.compile(r"\(([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\)\s*$")
_PLAIN_PATH: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*")
_DAY_DOTTED: Final = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_DAY_ISO: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_AMOUNT_GROUPED: Final = re.compile(r"-?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d{1,2})?")
_AMOUNT_COMMA: Final = re.compile(r"-?\d+,\d{1,2}")
_AMOUNT_PLAIN: Final = re.compile(r"-?\d+(?:\.\d+)?")
#: A question mark standing where a letter was: what cp1251 makes of ә, қ, ң, ө, ү, ұ, і.
_LOST_LETTER: Final = re.compile(r"\?[^\W\d_]|[^\W\d_]\?[^\W\d_]")
_TIME_FIELDS: Final = frozenset({"time_from", "time_to", "accepted_time"})
_ID_FIELDS: Final = {"iin": is_valid_iin, "bin": is_valid_bin}


class CellError(InputFileError):
    """A cell that cannot be read as its field: ``row`` and ``column`` as Excel shows them (5, ``D``)."""

    code = "input.cell"
    exit_code = 2

    def __init__(self, message: str, row: int, column: str, path: str) -> None:
        super().__init__(message, "cell")
        self.row = row
        self.column = column
        self.path = path


def column_letter(index: int) -> str:
    """Excel's name of the column at ``index`` (0 → ``A``, 26 → ``AA``)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def header_path(header: str) -> str | None:
    """The field path a column header names: ``"Сумма (monthly_amount)"`` → ``monthly_amount``."""
    text = header.strip()
    found = _PATH_IN_HEADER.search(text)
    if found:
        return found.group(1)
    return text if _PLAIN_PATH.fullmatch(text) else None


# -- what the schema expects at a path --------------------------------------------------------

def _options(node: dict[str, Any], defs: dict[str, Any]) -> list[dict[str, Any]]:
    if "$ref" in node:
        return _options(defs[node["$ref"].split("/")[-1]], defs)
    if "anyOf" in node:
        return [option for choice in node["anyOf"] for option in _options(choice, defs)]
    return [node]


def field_kind(schema: dict[str, Any], path: list[str]) -> str:
    """What a column holds: ``iin``, ``bin``, ``date``, ``time``, ``money``, ``integer``, ``boolean``,
    ``list`` (of plain texts), ``text``, or ``unknown`` (no such field: validation will say so)."""
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
    if not nodes:
        return "unknown"
    last = path[-1]
    if last in _ID_FIELDS:
        return last
    if last in _TIME_FIELDS:
        return "time"
    types = {node.get("type") for node in nodes}
    if any("enum" in node or "const" in node for node in nodes):
        return "code"
    if any(node.get("format") == "date" for node in nodes):
        return "date"
    if "number" in types:
        return "money"
    if "integer" in types:
        return "integer"
    if "boolean" in types:
        return "boolean"
    if "array" in types:
        items = [option for node in nodes for option in _options(node.get("items", {}), defs)]
        if any("enum" in item for item in items):
            return "codes"
        return "list"
    return "text"


# -- cells ------------------------------------------------------------------------------------

_TRUE: Final = frozenset({"true", "yes", "1", "иә", "да"})
_FALSE: Final = frozenset({"false", "no", "0", "жоқ", "нет"})


def _money(value: Any) -> str:
    if isinstance(value, bool):
        raise ValueError(N_("must be an amount such as 42 500,50"))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        exact = Decimal(repr(value))
        if exact.as_tuple().exponent < -2:  # type: ignore[operator]
            raise ValueError(N_("the cell holds {value}: more than two decimals; round it to tiyn").format(
                value=repr(value)))
        return str(exact)
    text = str(value).strip()
    if _AMOUNT_GROUPED.fullmatch(text) or _AMOUNT_COMMA.fullmatch(text):
        return re.sub(r"[ \u00a0\u202f]", "", text).replace(",", ".")
    if _AMOUNT_PLAIN.fullmatch(text):
        return text
    raise ValueError(N_("{value} is not an amount: write 42500.50 or 42 500,50").format(value=text))


def _day(value: Any) -> str:
    if isinstance(value, datetime):
        if value.time() != time(0):
            raise ValueError(N_("the cell holds a date and a time; give the date only"))
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    dotted = _DAY_DOTTED.fullmatch(text)
    if dotted:
        day, month, year = (int(part) for part in dotted.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            raise ValueError(N_("{value} is not a real date").format(value=text)) from None
    if _DAY_ISO.fullmatch(text):
        return text
    raise ValueError(N_("{value} is not a date: write дд.мм.гггг, such as 23.11.2026").format(value=text))


def _clock(value: Any) -> str:
    if isinstance(value, (time, datetime)):
        return f"{value.hour:02d}:{value.minute:02d}"
    text = str(value).strip()
    if re.fullmatch(r"\d:\d{2}", text):
        return "0" + text
    return text


def _identifier(value: Any, kind: str) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        digits = str(value)
        padded = digits.zfill(12)
        if len(digits) < 12 and _ID_FIELDS[kind](padded):
            return padded
        return digits
    return str(value).strip()


def convert_cell(value: Any, kind: str) -> Any:
    """A cell's value as the document's JSON expects it; ``ValueError`` with a message when it
    cannot be read unambiguously."""
    if kind == "money":
        return _money(value)
    if kind == "code":  # a drop-down entry «large_families — ...» stands for its code
        return str(value).split(" — ", 1)[0].strip()
    if kind == "date":
        return _day(value)
    if kind == "time":
        return _clock(value)
    if kind in _ID_FIELDS:
        return _identifier(value, kind)
    if kind == "integer":
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        return int(text) if re.fullmatch(r"-?\d+", text) else text
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        return True if text in _TRUE else False if text in _FALSE else text
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if kind == "list":
        return [part.strip() for part in text.split(";") if part.strip()]
    if kind == "codes":
        return [part.split(" — ", 1)[0].strip() for part in text.split(";") if part.strip()]
    return text


# -- rows -------------------------------------------------------------------------------------

def _place(data: dict[str, Any], path: list[str], value: Any) -> None:
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
    if isinstance(target, list):
        while len(target) <= last:
            target.append(None)
        target[last] = value
    else:
        target[last] = value


class Register:
    """A register's header: which column is which field, and how to read its cells."""

    def __init__(self, headers: list[Any], model: type[Document], source: str) -> None:
        schema = model.model_json_schema()
        self.source = source
        self.columns: list[tuple[int, str, str, list[str], str]] = []  # index, letter, header, path, kind
        self.row_column: int | None = None
        self.headers: dict[str, str] = {}  # dotted path → "D: header"
        for index, raw in enumerate(headers):
            header = "" if raw is None else str(raw).strip()
            if not header:
                continue
            if header.lower() in ROW_COLUMNS:
                self.row_column = index
                continue
            path = header_path(header)
            letter = column_letter(index)
            if path is None:
                raise InputFileError(N_("{file}: column {column} «{header}» names no field; put the field's path "
                                        "in brackets at the end, such as (applicant.iin)").format(
                    file=source, column=letter, header=header), "header")
            self.columns.append((index, letter, header, path.split("."), field_kind(schema, path.split("."))))
            self.headers[path] = f"{letter}: {header}"
        from kzdocs.inputs import _check_columns  # the limits every CSV header is held to (list indexes, overlaps)

        _check_columns([".".join(path) for _i, _l, _h, path, _k in self.columns])
        if not self.columns:
            raise InputFileError(N_("{file}: the first row must hold the column headers (field paths)").format(
                file=source), "header")

    def record(self, cells: list[Any] | tuple[Any, ...], row: int) -> dict[str, Any] | InputFileError | None:
        """One row as document data; ``None`` for an empty row or the example row."""
        if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells):
            return None
        if row == 2 and self.row_column is not None and self.row_column < len(cells):
            mark = cells[self.row_column]
            if isinstance(mark, str) and mark.strip().lower() == EXAMPLE_MARK:
                return None  # the register's own example (a copy of it further down is the clerk's row)
        data: dict[str, Any] = {}
        for index, letter, _header, path, kind in self.columns:
            value = cells[index] if index < len(cells) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if isinstance(value, str) and "://" not in value and _LOST_LETTER.search(value):
                raise InputFileError(lost_letters_message(self.source), "encoding")
            try:
                converted = convert_cell(value, kind)
            except ValueError as exc:
                return CellError(N_("column {column} ({path}): {message}").format(
                    column=letter, path=".".join(path), message=str(exc)), row, letter, ".".join(path))
            _place(data, path, converted)
        return data


def lost_letters_message(source: str) -> str:
    return N_("{file} has lost its Kazakh letters (ә, қ, ң, ө, ү, ұ, і became «?»): it was saved as plain «CSV» "
              "in the Windows Cyrillic encoding. Open the register in Excel and save it again as «CSV UTF-8» "
              "or as an Excel workbook (.xlsx)").format(file=source)


def not_utf8(source: str) -> str:
    return N_("{file} is not UTF-8 text. Excel's plain «CSV» (Windows Cyrillic) has no Kazakh letters: open the "
              "register in Excel and save it as «CSV UTF-8» or as an Excel workbook (.xlsx)").format(file=source)


def csv_text(raw: bytes, source: str) -> str:
    """The text of a CSV file: UTF-8 with or without a byte-order mark; anything else is refused."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputFileError(not_utf8(source), "encoding") from None


def csv_rows(text: str | Iterable[str], model: type[Document],
             source: str) -> Iterator[tuple[int, dict[str, Any] | InputFileError]]:
    """Records of a CSV register (``;`` or ``,`` separated; its text, or its lines as a stream) with
    their row numbers as Excel shows them."""
    lines = iter(io.StringIO(text, newline="") if isinstance(text, str) else text)
    first = next(lines, "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(chain([first], lines), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise InputFileError(N_("{file} is empty").format(file=source), "header") from None
    except csv.Error as exc:
        raise InputFileError(f"{source}: {exc}", "csv") from None
    register = Register(list(headers), model, source)
    row = 1
    while True:
        row += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a row that cannot be read (a cell over the size limit) fails alone
            yield row, InputFileError(N_("{file}, row {row}: {message}").format(file=source, row=row,
                                                                               message=str(exc)), "csv")
            continue
        record = register.record(cells, row)
        if record is not None:
            yield row, record


def xlsx_rows(path: str | Path, model: type[Document]) -> Iterator[tuple[int, dict[str, Any] | InputFileError]]:
    """Records of the first sheet of an Excel workbook, with their row numbers."""
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - the "excel" extra is not installed
        raise InputFileError(N_("reading .xlsx needs openpyxl: pip install 'kzdocs[excel]'"), "xlsx") from None
    from zipfile import BadZipFile

    source = str(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputFileError(N_("{file}: no such file").format(file=source), "file_not_found") from None
    except (BadZipFile, OSError, KeyError, ValueError):
        raise InputFileError(N_("{file} is not an Excel workbook (.xlsx)").format(file=source), "xlsx") from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        headers = next(rows, None)
        if headers is None:
            raise InputFileError(N_("{file} is empty").format(file=source), "header")
        register = Register(list(headers), model, source)
        for number, cells in enumerate(rows, 2):
            record = register.record(cells, number)
            if record is not None:
                yield number, record
    finally:
        book.close()


def register_headers(path: str | Path, model: type[Document]) -> dict[str, str]:
    """Dotted field path → «D: header» of a register's columns (for reports that name the column)."""
    source = str(path)
    if source.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            headers = next(book.worksheets[0].iter_rows(values_only=True), ())
        finally:
            book.close()
    else:
        text = csv_text(Path(path).read_bytes(), source)
        first = text.split("\n", 1)[0]
        headers = tuple(next(csv.reader(io.StringIO(first), delimiter=";" if first.count(";") > first.count(",")
                                        else ",")))
    return Register(list(headers), model, source).headers


# -- a register to fill -----------------------------------------------------------------------

def leaf_paths(data: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every leaf of a JSON-like value with its path; a list of plain values is one leaf."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaf_paths(value, (*prefix, str(key)))
    elif isinstance(data, list) and any(isinstance(item, (dict, list)) for item in data):
        for index, item in enumerate(data):
            yield from leaf_paths(item, (*prefix, str(index)))
    else:
        yield prefix, data


def write_register(model: type[Document], example: dict[str, Any], path: Path, rows: int = 300) -> None:
    """An Excel register to fill for ``model``: headers in Kazakh and Russian with the field path,
    the ``example`` as a marked row, drop-down lists for codes (with their names), date cells, and
    IINs, BINs and numbers-as-text formatted as text so Excel keeps their leading zeros."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from kzdocs.messages import bilingual_label, code_names

    schema = model.model_json_schema()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Тізім - Реестр"
    codes = book.create_sheet("Кодтар - Коды")
    sheet.append(["№"] + [f"{bilingual_label(list(p))}\n({'.'.join(p)})" for p, _ in leaf_paths(example)])
    sheet.cell(1, 1).comment = Comment("«үлгі / образец»: бұл жол өңделмейді / эта строка не обрабатывается",
                                       "kzdocs")
    sheet.column_dimensions["A"].width = 16
    code_column = 0
    for index, (field_path, value) in enumerate(leaf_paths(example), start=2):
        letter = column_letter(index - 1)
        kind = field_kind(schema, list(field_path))
        sheet.column_dimensions[letter].width = 24 if kind not in ("text", "list") else 36
        cells = f"{letter}2:{letter}{rows + 1}"
        cell = sheet.cell(2, index)
        if kind in ("code", "codes"):
            names = code_names(field_path[-1])
            code_column += 1
            entries = [f"{code} — {kk} / {ru}" for code, (kk, ru) in names.items()] or [str(value)]
            for row, entry in enumerate(entries, start=1):
                codes.cell(row, code_column, entry)
            codes.column_dimensions[column_letter(code_column - 1)].width = 60
            if kind == "code":
                validation = DataValidation(type="list", allow_blank=True, formula1=(
                    f"'{codes.title}'!${column_letter(code_column - 1)}$1:${column_letter(code_column - 1)}"
                    f"${len(entries)}"))
                validation.add(cells)
                sheet.add_data_validation(validation)
                value = next((e for e in entries if e.split(" — ", 1)[0] == value), value)
            elif isinstance(value, list):
                value = "; ".join(str(v) for v in value)
        elif isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        if kind == "date" and isinstance(value, str):
            value = date.fromisoformat(value)
            for row in range(2, rows + 2):
                sheet.cell(row, index).number_format = "DD.MM.YYYY"
        elif kind == "money" and value is not None:
            value = Decimal(str(value))
            for row in range(2, rows + 2):
                sheet.cell(row, index).number_format = "#,##0.00"
        elif kind not in ("integer", "boolean"):
            for row in range(2, rows + 2):
                sheet.cell(row, index).number_format = "@"
        cell.value = value
    sheet.cell(2, 1, EXAMPLE_MARK)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="808080")
    sheet.freeze_panes = "B2"
    book.save(path)
