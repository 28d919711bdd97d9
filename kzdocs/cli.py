"""The staff command line (typer + rich). It parses arguments, calls the library, reports.

Everything a person reads is in the interface language (``KZDOCS_UI_LANG``: kk, ru, en; else the
locale), through :mod:`kzdocs.messages`. Data (JSON, files) is always UTF-8; messages to a console
that cannot show a letter degrade to a near one, never crash.

Exit codes: 0 done; 1 a batch finished with failed records; 2 invalid input, an unknown
document name or a malformed setting (``KZDOCS_DAYS_OFF``); 3 an input file that cannot be read
(missing, not JSON); 4 an output that cannot be written (already exists, no space, read-only, a
folder another batch is using); 5 printing failed or no print system; 6 the engine failed (a
missing or faulty font); 7 the office kit is missing or invalid; 130 interrupted (Ctrl+C).
"""

from __future__ import annotations

import difflib
import errno
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console

from kzdocs.errors import (
    InputFileError,
    InvalidDocumentError,
    KzdocsError,
    OfficeError,
    PageLimitError,
    RenderError,
    SealKeyError,
    VerificationError,
)
from kzdocs.limits import DEFAULT_TIME_LIMIT
from kzdocs.messages import N_, _, error_lines, localize_text, localized_items, ui_language
from kzdocs.qa.report import DEFAULT_DPI, DEFAULT_SHIFT, DEFAULT_TOLERANCE

if TYPE_CHECKING:  # the library and its engines load when a command runs, not for --help
    from kzdocs.documents import Document, Layout
    from kzdocs.lang import Lang
    from kzdocs.office import Office

if TYPE_CHECKING:
    from kzdocs.seal import SealKey

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help=_("Result documents of Kazakhstan's state services, in Kazakh and Russian."))
console = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_FAILED_RECORDS, EXIT_INVALID, EXIT_INPUT, EXIT_OUTPUT, EXIT_PRINT, EXIT_RENDER = 1, 2, 3, 4, 5, 6
EXIT_INTERRUPTED = 130
FORMATS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}
DOC_ARGUMENT = typer.Argument(..., help=_("Document name (kzdocs list)."))
JSON_OPTION = typer.Option(False, "--json", help=_("Print errors as JSON for machines."))
LANG_OPTION = typer.Option("kk,ru", "--lang", help=_(
    "Languages, comma-separated: kk, ru, kk-Latn (Kazakh in Latin letters)."))
LAYOUT_OPTION = typer.Option(None, "--layout", help=_(
    "columns (languages side by side, the default) or stacked (one under another)."))
ISSUER_OPTION = typer.Option(None, "--issuer", hidden=True,
                             help="Deprecated: an issuer profile JSON (KZDOCS_ISSUER); use --office DIR.")
OFFICE_OPTION = typer.Option(None, "--office", metavar="DIR", help=_(
    "The office kit folder (or set KZDOCS_OFFICE): issuer, signatory, letterhead."))
KEEP_OWN_OPTION = typer.Option(False, "--keep-own", help=_(
    "Keep the issuer/signatory the input gives instead of refusing it when the office kit supplies them."))
OVERWRITE_OPTION = typer.Option(False, "--overwrite", help=_("Replace the output file if it already exists."))

#: Letters a Cyrillic console (cp1251, cp866) lacks, shown as the nearest letter it has.
_NEAR_LETTERS = str.maketrans("әғқңөұүһӘҒҚҢӨҰҮҺ", "агкноууhАГКНОУУH")


class DegradingStream:
    """A console stream that shows a letter its encoding lacks as the nearest letter it has (қ → к),
    anything else it lacks as ``?``: messages degrade, never crash."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._encoding = stream.encoding or "ascii"

    def write(self, text: str) -> int:
        safe = text.translate(_NEAR_LETTERS).encode(self._encoding, "replace").decode(self._encoding)
        return int(self._stream.write(safe))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def console_safe() -> None:
    """Wrap stdout and stderr when their encoding is not UTF-8 (a cp1251 or cp866 console)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if stream is not None and encoding and encoding != "utf8" and not isinstance(stream, DegradingStream):
            setattr(sys, name, DegradingStream(stream))


def emit(text: str) -> None:
    """Data for a file or another program (JSON): UTF-8 bytes, whatever the console's encoding."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


class CliError(KzdocsError):
    """A failure the CLI reports as one line (or a JSON object) with its exit code."""

    code = "cli"

    def __init__(self, message: str, code: int, kind: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.exit_code = code
        self.kind = kind
        self.errors = errors


_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"
                       "\ud800-\udfff]")


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (ESC, CSI, bidi controls, lone surrogates) from
    input are shown as ``\\x1b``-style escapes, never sent to the terminal."""
    return _CONTROLS.sub(lambda m: repr(m.group())[1:-1] if ord(m.group()) < 0xD800 else f"\\u{ord(m.group()):04x}",
                         text)


def location(loc: list[Any] | tuple[Any, ...]) -> str:
    """``["members", 0, "iin"]`` → ``members[0].iin``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return printable(text) or "(document)"


def fail(exc: CliError, as_json: bool) -> NoReturn:
    """Report ``exc`` in the reader's language (``KZDOCS_UI_LANG``, else the locale); JSON keeps the
    machine keys (``loc``, ``type``, ``kind``) and adds the localized ``msg``/``message``."""
    message = localize_text(str(exc))
    if as_json:
        payload: dict[str, Any] = {"errors": localized_items(exc.errors)} if exc.errors is not None else {
            "error": {"kind": exc.kind, "message": message}}
        emit(json.dumps(payload, ensure_ascii=False) + "\n")
    elif exc.errors is not None:
        for line in error_lines(exc.errors):
            err.print(printable(line), markup=False)
    else:
        err.print(printable(_("error: {message}").format(message=message)), markup=False)
    raise typer.Exit(exc.exit_code)


@contextmanager
def reported(as_json: bool) -> Iterator[None]:
    """Turn library errors into one readable line (or JSON) and the exit code their class carries;
    never a traceback."""
    from pydantic import ValidationError

    from kzdocs.render.batch import error_list, field_loc

    try:
        yield
    except CliError as exc:
        fail(exc, as_json)
    except ValidationError as exc:
        fail(CliError("invalid input", InvalidDocumentError.exit_code, "invalid", error_list(exc)), as_json)
    except InvalidDocumentError as exc:
        fail(CliError(str(exc), exc.exit_code, "invalid", exc.errors), as_json)
    except InputFileError as exc:
        fail(CliError(str(exc), exc.exit_code, exc.reason), as_json)
    except PageLimitError as exc:
        fail(CliError(str(exc), exc.exit_code, "page_limit",
                      [{"loc": field_loc(exc.field), "msg": str(exc), "type": "page_limit"}]), as_json)
    except RenderError as exc:
        fail(CliError(_("rendering failed: {reason}").format(reason=localize_text(str(exc))), exc.exit_code,
                      "render"), as_json)
    except OfficeError as exc:
        fail(CliError(_("office kit: {reason}").format(reason=localize_text(str(exc))), exc.exit_code, exc.code),
             as_json)
    except KzdocsError as exc:
        if exc.code.startswith("render"):
            fail(CliError(f"rendering failed: {exc}", exc.exit_code, "render"), as_json)
        field = getattr(exc, "field", None)
        errors = [{"loc": [field], "msg": str(exc).removeprefix(f"{field}: "), "type": exc.code}] if field else None
        fail(CliError(str(exc), exc.exit_code, exc.code, errors), as_json)


def document_name(name: str) -> type[Document]:
    """The model for a document name, or a one-line error with a suggestion."""
    from kzdocs.documents import DOCUMENTS, load_plugins

    load_plugins()
    if name in DOCUMENTS:
        return DOCUMENTS[name]
    close = difflib.get_close_matches(name, list(DOCUMENTS), n=1)
    hint = _("; did you mean {code}?").format(code=close[0]) if close else ""
    raise CliError(_("unknown document {name}{hint} (kzdocs list shows all six)").format(name=repr(name), hint=hint),
                   EXIT_INVALID, "unknown_document")


def languages_option(value: str) -> tuple[Lang, ...]:
    from kzdocs.lang import check_languages

    try:
        return check_languages(value)
    except ValueError:
        raise CliError(_("--lang must name kk, ru or kk-Latn, comma-separated (kk,ru), not {value}").format(
            value=repr(value)), EXIT_INVALID, "usage") from None


def layout_option(value: str | None) -> Layout | None:
    if value in (None, "columns", "stacked"):
        return value  # type: ignore[return-value]
    raise CliError(_("--layout must be columns or stacked, not {value}").format(value=repr(value)), EXIT_INVALID,
                   "usage")


def profile_path(issuer: Path | None) -> Path | None:
    return issuer or (Path(os.environ["KZDOCS_ISSUER"]) if os.environ.get("KZDOCS_ISSUER") else None)


def profile_data(issuer: Path | None) -> dict[str, Any]:
    """The deprecated issuer profile (``--issuer``/``KZDOCS_ISSUER``), with a warning that says what replaces it."""
    from kzdocs.inputs import load_profile

    path = profile_path(issuer)
    if not path:
        return {}
    err.print(_("warning: {option} is deprecated and will be removed; make an office kit once with 'kzdocs office "
                "init DIR --from-profile {file}' and use --office DIR (or KZDOCS_OFFICE)").format(
        option="--issuer" if issuer else "KZDOCS_ISSUER", file=path), markup=False)
    return load_profile(path)


def office_kit(office: Path | None, issuer: Path | None = None) -> Office | None:
    """The office kit of ``--office`` or ``KZDOCS_OFFICE``, checked (none when neither is set)."""
    from kzdocs.office import Office

    path = office or (Path(os.environ["KZDOCS_OFFICE"]) if os.environ.get("KZDOCS_OFFICE") else None)
    if path is None:
        return None
    if issuer is not None or os.environ.get("KZDOCS_ISSUER"):
        raise CliError("--office and the deprecated --issuer/KZDOCS_ISSUER cannot be used together; the office "
                       "kit supplies the issuer", EXIT_INVALID, "usage")
    return Office.load(path)


def say_office(issuer_data: Any, where: Path | None) -> None:
    """One line saying which office's header is printed, and from which kit or profile."""
    office = issuer_data.model_dump() if hasattr(issuer_data, "model_dump") else (issuer_data or {})
    name = office.get("name_kk" if ui_language() == "kk" else "name_ru") or office.get("name_ru") or ""
    if name:
        err.print(_("office: {name} ({file})").format(name=name, file=where), markup=False)


def load_input(name: str, source: str, issuer: Path | None, office: Office | None = None,
               keep_own: bool = False) -> Document:
    """Read, complete from the office kit (or the deprecated issuer profile), and validate one input."""
    from kzdocs.documents import MAX_INPUT_BYTES
    from kzdocs.inputs import loads, merge, read_bytes

    model = document_name(name)
    data = loads(read_bytes(source, limit=MAX_INPUT_BYTES), _("standard input") if source == "-" else source)
    if not isinstance(data, dict):
        raise CliError(_("{file}: the input must be a JSON object").format(file=source), EXIT_INPUT, "json")
    profile = {} if office else profile_data(issuer)
    merged = office.fill(data, keep_own=keep_own) if office else merge(profile, data)
    if "issue_date" not in merged:
        merged["issue_date"] = date.today().isoformat()
        err.print(_("note: issue_date not given; using today, {day}").format(day=merged["issue_date"]), markup=False)
    document = model.model_validate(merged)
    global _office_line  # said once the document is written: which office's header it carries
    _office_line = (office.issuer, office.folder) if office else (
        (profile.get("issuer"), profile_path(issuer)) if profile else None)
    return document


_office_line: tuple[Any, Path | None] | None = None


def say_used_office() -> None:
    if _office_line is not None:
        say_office(*_office_line)


_OS_REASONS = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOTDIR: N_("a file stands where a folder should be"),
    errno.EEXIST: N_("a file stands where a folder should be"),
    errno.EISDIR: N_("it is a folder"),
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the clerk's language where it is a common reason."""
    known = _OS_REASONS.get(exc.errno or 0)
    return _(known) if known else str(exc.strerror or exc)


def refuse_existing(target: Path, overwrite: bool) -> None:
    """Never replace a file silently: an existing output needs ``--overwrite``."""
    if str(target) != "-" and target.exists() and not overwrite:
        raise CliError(_("{file} already exists; give --overwrite to replace it, or choose another name").format(
            file=target), EXIT_OUTPUT, "exists")


def write_output(target: Path, data: bytes) -> None:
    from kzdocs.files import write_atomic

    if str(target) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    if not target.parent.is_dir():
        raise CliError(_("{file}: folder {folder} does not exist").format(file=target, folder=target.parent),
                       EXIT_OUTPUT, "output")
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise CliError(_("{file}: cannot write ({reason})").format(file=target, reason=os_reason(exc)),
                       EXIT_OUTPUT, "output") from None


def _cups(*args: str) -> subprocess.CompletedProcess[str]:
    """Run a CUPS client with its answers in English (they are parsed), or fail in one line."""
    try:
        return subprocess.run(list(args), capture_output=True, text=True, timeout=60,
                              env={**os.environ, "LANG": "C", "LC_ALL": "C"})
    except subprocess.TimeoutExpired:
        raise CliError(_("printing failed: the print system did not answer within 60 s"), EXIT_PRINT,
                       "print_failed") from None


def _last_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = (result.stderr or result.stdout).strip().splitlines()
    return lines[-1] if lines else f"exit {result.returncode}"


def check_printer(printer: str | None) -> str:
    """The printer that will print: it exists, is not paused and accepts jobs (``lpstat``)."""
    lpstat = shutil.which("lpstat")
    if lpstat is None or shutil.which("lp") is None:
        raise CliError(_("no print system found: CUPS 'lp' is not installed (Debian: apt-get install cups-client)"),
                       EXIT_PRINT, "no_print_system")
    if printer is None:
        default = _cups(lpstat, "-d")
        if default.returncode != 0:
            raise CliError(_("printing failed: {reason}").format(reason=_last_line(default)), EXIT_PRINT,
                           "print_failed")
        if ":" not in default.stdout or "no system default" in default.stdout:
            raise CliError(_("no default printer is set; give --printer NAME (lpstat -p lists the printers)"),
                           EXIT_PRINT, "no_printer")
        printer = default.stdout.rsplit(":", 1)[1].strip()
    state = _cups(lpstat, "-p", printer)
    if state.returncode != 0 or not state.stdout.strip():
        raise CliError(_("printer {printer} does not exist (lpstat -p lists the printers)").format(printer=printer),
                       EXIT_PRINT, "no_printer")
    if "disabled" in state.stdout.split("\n", 1)[0]:
        raise CliError(_("printer {printer} is paused; nothing was sent. Resume it (cupsenable {printer}) and print "
                         "again").format(printer=printer), EXIT_PRINT, "printer_paused")
    accepting = _cups(lpstat, "-a", printer)
    if accepting.returncode != 0 or "not accepting" in accepting.stdout:
        raise CliError(_("printer {printer} is rejecting jobs; nothing was sent. Let it accept them "
                         "(cupsaccept {printer}) and print again").format(printer=printer), EXIT_PRINT,
                       "printer_rejecting")
    return printer


def kit_seal_key(kit: Office | None) -> SealKey | None:
    """The office kit's seal key when it has one: an office with a key seals every document it renders."""
    from kzdocs.seal.keys import KEY_FILE

    return seal_key(kit.folder) if kit is not None and kit.kit_file(KEY_FILE).is_file() else None


def seal_key(folder: Path | None) -> SealKey | None:
    """The office's seal key from ``--seal DIR``, or None."""
    if folder is None:
        return None
    from kzdocs.seal import load_key

    try:
        return load_key(folder)
    except SealKeyError as exc:
        raise CliError(str(exc), exc.exit_code, exc.code) from None


def send_to_printer(path: Path, printer: str | None, copies: int) -> str:
    """Queue the PDF ``path`` with CUPS ``lp`` on a printer that accepts jobs; what to tell the clerk."""
    if copies < 1:
        raise CliError(_("--copies must be at least 1"), EXIT_INVALID, "usage")
    try:
        with path.open("rb") as handle:
            is_pdf = handle.read(5) == b"%PDF-"
    except OSError as exc:
        raise CliError(_("{file}: cannot read ({reason})").format(file=path, reason=os_reason(exc)), EXIT_INPUT,
                       "file_unreadable") from None
    if not is_pdf:
        raise CliError(_("{file} is not a PDF; only PDF files are printed (render one with kzdocs render ... -o "
                         "FILE.pdf)").format(file=path), EXIT_PRINT, "not_pdf")
    name = check_printer(printer)
    lp = shutil.which("lp") or "lp"
    result = _cups(lp, "-d", name, "-n", str(copies), "--", str(path))
    if result.returncode != 0:
        raise CliError(_("printing failed: {reason}").format(reason=_last_line(result)), EXIT_PRINT, "print_failed")
    job = result.stdout.strip().split("request id is ", 1)[-1].split(" ", 1)[0]
    return _("sent to printer {printer}: job {job}, {copies} copies").format(printer=name, job=job, copies=copies)


@app.command("list", help=_("The six documents, with their names in Kazakh, Russian and English."))
def list_documents() -> None:
    from rich.table import Table

    from kzdocs.documents import DOCUMENTS, load_plugins

    load_plugins()
    table = Table()
    table.add_column("name", no_wrap=True)
    for column in ("kk", "ru", "en"):
        table.add_column(column)
    for name, model in DOCUMENTS.items():
        table.add_row(name, model.titles["kk"], model.titles["ru"], model.titles["en"])
    console.print(table)


@app.command(help=_("Fill in a document field by field in the clerk's language, each answer checked at once; then "
                    "write the input (-o case.json) and render it (case.pdf beside it)."))
def fill(
    doc: str = DOC_ARGUMENT,
    output: Path = typer.Option(..., "-o", "--output", help=_("The input file to write (.json).")),
    pdf: Path | None = typer.Option(None, "--pdf", help=_("The PDF to render (default: beside the input).")),
    lang: str = LANG_OPTION,
    layout: str | None = LAYOUT_OPTION,
    office: Path | None = OFFICE_OPTION,
    issuer: Path | None = ISSUER_OPTION,
    overwrite: bool = OVERWRITE_OPTION,
) -> None:
    from kzdocs._resources import resource_dir
    from kzdocs.fill import Filler
    from kzdocs.render import render_pdf

    with reported(False):
        model = document_name(doc)
        languages = languages_option(lang)
        target = pdf or output.with_suffix(".pdf")
        for path in (output, target):
            refuse_existing(path, overwrite)
        kit = office_kit(office, issuer)
        supplied = kit.fill({}) if kit else profile_data(issuer)
        sample = json.loads((resource_dir("samples") / f"{doc}.json").read_text(encoding="utf-8"))
        example = {key: value for key, value in sample.items() if key not in supplied}
        if kit:
            say_office(kit.issuer, kit.folder)
        err.print(_("Answer each question; Enter leaves an optional field empty. Ctrl+C stops without writing."),
                  markup=False)
        filler = Filler(model, example, supplied, ask=input, say=lambda text: err.print(text, markup=False))
        try:
            data = filler.run()
        except (KeyboardInterrupt, EOFError):
            err.print("\n" + _("interrupted: nothing was written"), markup=False)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        write_output(output, (json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8"))
        err.print(_("wrote {file}").format(file=output), markup=False)
        document = model.model_validate({**supplied, **data})
        write_output(target, render_pdf(document, languages, layout=layout_option(layout)))
        err.print(_("wrote {file}").format(file=target), markup=False)


@app.command(help=_("The JSON Schema of a document's input."))
def schema(doc: str = DOC_ARGUMENT, as_json: bool = JSON_OPTION) -> None:
    with reported(as_json):
        emit(json.dumps(document_name(doc).model_json_schema(), ensure_ascii=False, indent=2) + "\n")


@app.command(help=_("A valid example input to fill in: JSON, or an Excel register with -o FILE.xlsx. What the "
                    "office profile supplies (issuer, signatory) is left out."))
def example(
    doc: str = DOC_ARGUMENT,
    output: Path | None = typer.Option(None, "-o", "--output", help=_("Write to FILE.json or FILE.xlsx.")),
    office: Path | None = OFFICE_OPTION,
    issuer: Path | None = ISSUER_OPTION,
    overwrite: bool = OVERWRITE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    from kzdocs._resources import resource_dir

    with reported(as_json):
        model = document_name(doc)
        text = (resource_dir("samples") / f"{doc}.json").read_text(encoding="utf-8")
        kit = office_kit(office, issuer)
        supplied = (["issuer"] + (["signatory"] if kit.signatory else [])) if kit else list(profile_data(issuer))
        if supplied:
            data = {key: value for key, value in json.loads(text).items() if key not in supplied}
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if output is None or str(output) == "-":
            emit(text)
            return
        refuse_existing(output, overwrite)
        if output.suffix.lower() == ".xlsx":
            from kzdocs.tables import write_register

            if not output.parent.is_dir():
                raise CliError(_("{file}: folder {folder} does not exist").format(file=output, folder=output.parent),
                               EXIT_OUTPUT, "output")
            data = json.loads(text)
            partial = output.with_name(f".{output.name}.part")
            try:
                write_register(model, data, partial)
                os.replace(partial, output)
            except OSError as exc:
                partial.unlink(missing_ok=True)
                raise CliError(_("{file}: cannot write ({reason})").format(file=output, reason=os_reason(exc)),
                               EXIT_OUTPUT, "output") from None
        elif output.suffix.lower() == ".json":
            write_output(output, text.encode("utf-8"))
        else:
            raise CliError(_("cannot tell the format of {file}; use .json or .xlsx").format(file=output),
                           EXIT_INVALID, "usage")
        err.print(_("wrote {file}").format(file=output), markup=False)


INPUT_ARGUMENT = typer.Argument(..., metavar="INPUT.json", help=_("Input JSON; - reads standard input."))
PRINTER_OPTION = typer.Option(None, "--printer", help=_("Printer name (default: the system's)."))


@app.command(help=_("Render one document."))
def render(
    doc: str = DOC_ARGUMENT,
    source: str = INPUT_ARGUMENT,
    output: Path = typer.Option(..., "-o", "--output", help=_("Output file (.pdf, .docx, .html); - for stdout.")),
    fmt: str | None = typer.Option(None, "--format", help=_("pdf, docx or html (default: from the extension).")),
    lang: str = LANG_OPTION,
    layout: str | None = LAYOUT_OPTION,
    issuer: Path | None = ISSUER_OPTION,
    seal_dir: Path | None = typer.Option(
        None, "--seal", metavar="OFFICE_DIR",
        help="Seal the QR code with the key in this folder (default: the office kit's, if it has one)."),
    archive: bool = typer.Option(False, "--archive",
                                 help="PDF/A-3b archive copy carrying the input JSON (kzdocs extract reads it)."),
    print_it: bool = typer.Option(False, "--print", help=_("Send the PDF to the printer after rendering.")),
    printer: str | None = PRINTER_OPTION,
    office: Path | None = OFFICE_OPTION,
    keep_own: bool = KEEP_OWN_OPTION,
    overwrite: bool = OVERWRITE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    from kzdocs.render import render_docx, render_html, render_pdf

    with reported(as_json):
        kind = fmt or FORMATS.get(output.suffix.lower())
        if kind not in ("pdf", "docx", "html"):
            raise CliError(_("cannot tell the format of {file}; use --format pdf|docx|html").format(file=output),
                           EXIT_INVALID, "usage")
        if print_it and (kind != "pdf" or str(output) == "-"):
            raise CliError(_("--print needs a PDF written to a file"), EXIT_INVALID, "usage")
        languages = languages_option(lang)
        chosen_layout = layout_option(layout)
        kit = office_kit(office, issuer)
        document = load_input(doc, source, issuer, kit, keep_own)
        key = seal_key(seal_dir) or kit_seal_key(kit)
        if key is not None and kind == "html":
            raise CliError("--seal needs a PDF or DOCX output", EXIT_INVALID, "usage")
        if archive and kind != "pdf":
            raise CliError("--archive needs a PDF output", EXIT_INVALID, "usage")
        refuse_existing(output, overwrite)
        if print_it:
            check_printer(printer)  # a paused printer is said before anything is written
        renderers: dict[str, Callable[[], bytes]] = {
            "pdf": lambda: render_pdf(document, languages, layout=chosen_layout, seal=key, archive=archive),
            "docx": lambda: render_docx(document, languages, layout=chosen_layout, seal=key),
            "html": lambda: render_html(document, languages, layout=chosen_layout).encode("utf-8"),
        }
        if kit is not None:  # the office's look, sealed with the kit's key (or --seal's)
            from kzdocs.render.renderer import Renderer

            look = Renderer(kit, seal=key or False)
            renderers = {
                "pdf": lambda: look.render_pdf(document, languages, keep_own=keep_own, layout=chosen_layout,
                                               archive=archive),
                "docx": lambda: look.render_docx(document, languages, keep_own=keep_own, layout=chosen_layout),
                "html": lambda: look.render_html(document, languages, keep_own=keep_own,
                                                 layout=chosen_layout).encode("utf-8"),
            }
        write_output(output, renderers[kind]())
        if str(output) != "-":
            say_used_office()
            err.print(_("wrote {file}").format(file=output), markup=False)
        if print_it:
            err.print(send_to_printer(output, printer, 1), markup=False)


@app.command(help=_("A PNG of the first page, for a quick look."))
def preview(
    doc: str = DOC_ARGUMENT,
    source: str = INPUT_ARGUMENT,
    output: Path = typer.Option(..., "-o", "--output", help=_("PNG file of the first page.")),
    lang: str = LANG_OPTION,
    issuer: Path | None = ISSUER_OPTION,
    dpi: int = typer.Option(110, "--dpi", min=30, max=600),
    office: Path | None = OFFICE_OPTION,
    keep_own: bool = KEEP_OWN_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    from kzdocs.render import render_pdf
    from kzdocs.render.preview import page_png

    with reported(as_json):
        languages = languages_option(lang)
        kit = office_kit(office, issuer)
        document = load_input(doc, source, issuer, kit, keep_own)
        if kit is not None:
            from kzdocs.render.renderer import Renderer

            pdf = Renderer(kit).render_pdf(document, languages, keep_own=keep_own)
        else:
            pdf = render_pdf(document, languages)
        write_output(output, page_png(pdf, dpi=dpi))
        say_used_office()
        err.print(_("wrote {file}").format(file=output), markup=False)


@app.command("print", help=_("Send a PDF to a printer (CUPS): the printer must exist, not be paused and accept "
                             "jobs."))
def print_file(
    file: Path = typer.Argument(..., metavar="FILE.pdf", help=_("The PDF to print.")),
    printer: str | None = PRINTER_OPTION,
    copies: int = typer.Option(1, "--copies", help=_("Number of copies.")),
    as_json: bool = JSON_OPTION,
) -> None:
    with reported(as_json):
        if not file.is_file():
            raise CliError(_("{file}: no such file").format(file=file), EXIT_INPUT, "file_not_found")
        console.print(send_to_printer(file, printer, copies), markup=False)


REGISTER_SUFFIXES = (".xlsx", ".csv")


@app.command(help=_("Render every record of a register (.xlsx, .csv) or JSON Lines file to its own file, named "
                    "from the document number; run it again to resume."))
def batch(
    doc: str = DOC_ARGUMENT,
    source: str = typer.Argument(..., metavar="REGISTER.xlsx|INPUT.csv|INPUT.jsonl",
                                 help=_("One record per row or line.")),
    out: Path = typer.Option(..., "--out", help=_("Output folder (created if missing).")),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, max=256, help=_("Worker processes.")),
    formats: str = typer.Option("pdf", "--format", help=_("pdf, docx or pdf,docx.")),
    lang: str = LANG_OPTION,
    issuer: Path | None = ISSUER_OPTION,
    office: Path | None = OFFICE_OPTION,
    keep_own: bool = KEEP_OWN_OPTION,
    time_limit: float = typer.Option(DEFAULT_TIME_LIMIT, "--time-limit", min=0.001,
                                     help=_("Seconds one record may take to render before it fails.")),
    as_json: bool = JSON_OPTION,
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from kzdocs.jobs import count_records, run_batch

    with reported(as_json):
        model = document_name(doc)
        languages = languages_option(lang)
        chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
        if not chosen or any(f not in ("pdf", "docx") for f in chosen):
            raise CliError(_("--format must be pdf, docx or pdf,docx, not {value}").format(value=repr(formats)),
                           EXIT_INVALID, "usage")
        kit = office_kit(office, issuer)
        profile = None if kit else profile_data(issuer)
        if kit:
            say_office(kit.issuer, kit.folder)
        elif profile:
            say_office(profile.get("issuer"), profile_path(issuer))
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"), TimeRemainingColumn())
        bar = Progress(*columns, console=err, transient=as_json, disable=as_json)
        task = bar.add_task(f"{doc}", total=count_records(source), rate="")

        def advance(count: int) -> None:
            if not bar.live.is_started:
                bar.start()  # only once the folder is locked and records come: a refusal stays one line
            bar.advance(task, count)
            speed = bar.tasks[task].speed
            bar.update(task, rate=f"{speed:.1f} doc/s" if speed else "")

        try:
            summary = run_batch(doc, source, out, profile=profile, office=kit, keep_own=keep_own, formats=chosen,
                                languages=languages, jobs=jobs, progress=advance, time_limit=time_limit)
        except KeyboardInterrupt:
            if bar.live.is_started:
                bar.stop()
            err.print(_("interrupted: the documents finished so far are kept in {folder}; run the same command "
                        "again to go on where it stopped").format(folder=out), markup=False)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except OSError as exc:
            if isinstance(exc, KzdocsError):
                raise
            raise CliError(_("{folder}: cannot write ({reason}); the documents finished so far are kept, run the "
                             "same command again once the folder is writable").format(
                folder=out, reason=os_reason(exc)), EXIT_OUTPUT, "output") from None
        finally:
            if bar.live.is_started:
                bar.stop()
        workbook = out / "errors.xlsx"
        if summary.failures and str(source).lower().endswith(REGISTER_SUFFIXES):
            write_errors_workbook(workbook, summary.failures, source, model)
        elif workbook.exists():
            workbook.unlink()
        if as_json:
            emit(json.dumps(summary.report(), ensure_ascii=False) + "\n")
        else:
            if summary.failures and not as_json:
                for failure in summary.failures[:20]:
                    for line in error_lines(failure["errors"]):
                        err.print(printable(_("row {row}: {message}").format(row=failure["line"], message=line)),
                                  markup=False)
                if len(summary.failures) > 20:
                    err.print(_("… and {count} more").format(count=len(summary.failures) - 20), markup=False)
            where = summary.errors_file
            if where and workbook.exists():
                where = workbook
            err.print(_("{rendered} rendered, {skipped} already done, {failed} failed of {total}").format(
                rendered=summary.rendered, skipped=summary.skipped, failed=summary.failed, total=summary.total)
                + (_("; see {file}").format(file=where) if where else ""), markup=False)
            if summary.replaced:
                err.print(_("{count} rendered again because their input changed since the last run").format(
                    count=summary.replaced), markup=False)
            for item in summary.stale:
                err.print(printable(_("stale: line {line} is now № {now}; the files of its earlier № {number} are "
                                      "still in the folder: {files}").format(
                    line=item["line"], now=item["now"], number=item["number"], files=", ".join(item["files"]))),
                          markup=False)
        if not summary.ok:
            raise typer.Exit(EXIT_FAILED_RECORDS)


def write_errors_workbook(path: Path, failures: list[dict[str, Any]], source: str, model: type[Document]) -> None:
    """``errors.xlsx``: one line per problem — the register's row, the column as Excel names it, the message
    in the clerk's language — beside ``errors.jsonl``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from kzdocs.messages import localize_error, path_text
    from kzdocs.tables import register_headers

    try:
        headers = register_headers(source, model)
    except (KzdocsError, OSError, ValueError):
        headers = {}
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Errors")[:31]
    sheet.append([_("Row"), _("Column"), _("Field"), _("Problem")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for failure in failures:
        for error in failure["errors"]:
            local = localize_error(error)
            dotted = path_text(local["loc"])
            sheet.append([failure["line"], headers.get(dotted, dotted), local["field"] or dotted, local["msg"]])
    for letter, width in zip("ABCD", (8, 40, 40, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    partial = path.with_name(f".{path.name}.part")
    book.save(partial)
    os.replace(partial, path)


@app.command(help=_("Compare a render with its golden file: exit 0 identical or equivalent, 1 different, 2 on error."))
def compare(
    expected: Path = typer.Argument(..., help="The golden file (.pdf or .docx)."),
    actual: Path = typer.Argument(..., help="The new render."),
    diff_dir: Path | None = typer.Option(None, "--diff-dir", help="Write diff images (PNG) here."),
    tolerance: int = typer.Option(DEFAULT_TOLERANCE, "--tolerance", min=0, max=255,
                                  help="Grey levels a pixel may differ by."),
    shift: int = typer.Option(DEFAULT_SHIFT, "--shift", min=0, max=10, help="Pixels content may move."),
    dpi: int = typer.Option(DEFAULT_DPI, "--dpi", min=20, max=600, help="Raster comparison resolution."),
    mask: list[str] = typer.Option([], "--mask", help="A region meant to change: page:x,y,w,h in points."),
    as_json: bool = JSON_OPTION,
) -> None:
    from kzdocs.qa import Mask, compare_files

    try:
        for path in (expected, actual):
            if not path.is_file():
                raise ValueError(f"{path}: no such file")
        masks = [Mask.parse(m) for m in mask]
        report = compare_files(expected, actual, dpi=dpi, tolerance=tolerance, shift=shift, masks=masks,
                               diff_dir=diff_dir)
    except (ValueError, OSError) as exc:
        fail(CliError(str(exc), 2, "compare"), as_json)
    except Exception as exc:  # a file that is not a PDF/DOCX at all: the engines' own errors
        fail(CliError(f"cannot compare {expected} and {actual}: {exc}", 2, "compare"), as_json)
    if as_json:
        emit(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
    else:
        console.print(report.summary(), markup=False)
    raise typer.Exit(0 if report.ok else 1)


@app.command(help=_("Render every samples/<document>.json to PDF, DOCX and a PNG of the page, beside it."))
def samples(
    directory: Path = typer.Option(Path("samples"), "--dir", help="Folder with <document>.json samples."),
) -> None:
    from kzdocs.documents import DOCUMENTS
    from kzdocs.qa.versions import write_record
    from kzdocs.render import render_docx, render_pdf
    from kzdocs.render.preview import page_png

    with reported(False):
        found = 0
        for name in DOCUMENTS:
            source = directory / f"{name}.json"
            if not source.is_file():
                continue
            found += 1
            document = load_input(name, str(source), None)
            pdf = render_pdf(document)
            for suffix, data in {".pdf": pdf, ".docx": render_docx(document), ".png": page_png(pdf)}.items():
                write_output(source.with_suffix(suffix), data)
                console.print(f"wrote {source.with_suffix(suffix)}", markup=False)
        if not found:
            raise CliError(f"no <document>.json samples in {directory}", EXIT_INPUT, "file_not_found")
        console.print(f"wrote {write_record(directory)}", markup=False)


office_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                         help="The office kit: issuer, signatory, letterhead, emblem, Word blank.")
app.add_typer(office_app, name="office")


@office_app.command("init")
def office_init(
    directory: Path = typer.Argument(..., metavar="DIR", help="The kit folder to create."),
    from_profile: Path | None = typer.Option(None, "--from-profile",
                                             help="Take issuer and signatory from an old --issuer profile JSON."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Write a kit to fill in (office.json and README.txt explaining each field); never overwrites."""
    from kzdocs.inputs import load_profile
    from kzdocs.office._init import write_kit

    with reported(as_json):
        written = write_kit(directory, load_profile(from_profile) if from_profile else None)
        if as_json:
            print(json.dumps({"written": [str(p) for p in written]}, ensure_ascii=False))
            return
        for path in written:
            err.print(f"wrote {path}", markup=False)
        err.print(f"next: fill in every FILL IN value of {directory / 'office.json'} (README.txt explains them), add "
                  f"emblem.svg or emblem.png and letterhead.docx if the office has them, then: kzdocs office check "
                  f"{directory}", markup=False)


@office_app.command("check")
def office_check(
    directory: Path = typer.Argument(..., metavar="DIR", help="The kit folder."),
    out: Path | None = typer.Option(None, "--out", help="Keep the sample renders here (default: a temporary folder)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Check a kit, then render every sample with it and report overflow, missing glyphs and parity problems.

    Exit 0 all well; 1 the renders have problems (listed); 7 the kit itself is invalid (the field and rule)."""
    import tempfile

    from kzdocs.office import Office
    from kzdocs.render.kitcheck import check_kit

    with reported(as_json):
        kit = Office.load(directory)
        facts = {
            "issuer": kit.issuer.name_ru,
            "signatory": kit.signatory.full_name if kit.signatory else None,
            "emblem": f"{kit.emblem.name} ({kit.emblem.kind.upper()})" if kit.emblem else None,
            "word_blank": kit.word_blank.name if kit.word_blank else None,
            "executor": kit.settings.executor.full_name if kit.settings.executor else None,
        }
        with tempfile.TemporaryDirectory(prefix="kzdocs-office-check-") as temporary:
            target = out or Path(temporary)
            if out is not None and not out.is_dir():
                raise CliError(f"{out}: folder does not exist", EXIT_OUTPUT, "output")
            findings = check_kit(kit, target)
        if as_json:
            print(json.dumps({"ok": not findings, "kit": facts, "problems": [f.to_dict() for f in findings]},
                             ensure_ascii=False))
        else:
            for key, value in facts.items():
                console.print(f"{key:>10}: {value or '—'}", markup=False)
            for finding in findings:
                console.print(f"{finding.kind}: {finding.where}: {finding.message}", markup=False)
            where = f"; the renders are in {out}" if out else ""
            console.print(f"{directory}: the kit is valid; every sample renders with it{where}" if not findings else
                          f"{directory}: the kit is valid, but {len(findings)} problem(s) in the renders{where}",
                          markup=False)
        if findings:
            raise typer.Exit(EXIT_FAILED_RECORDS)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; beyond this machine needs a token."),
    port: int = typer.Option(8080, "--port", min=0, max=65535, help="Port to listen on."),
    workers: int = typer.Option(os.cpu_count() or 1, "--workers", min=1, max=64, help="Render worker processes."),
    token_file: Path | None = typer.Option(None, "--token-file",
                                           help="File holding the bearer token (or set KZDOCS_SERVE_TOKEN)."),
    max_in_flight: int = typer.Option(64, "--max-in-flight", min=1,
                                      help="Renders running or waiting; past it: 503 with Retry-After."),
    render_timeout: float = typer.Option(30.0, "--render-timeout", help="Seconds one render may take."),
    read_timeout: float = typer.Option(15.0, "--read-timeout", help="Seconds a request body may take to arrive."),
    cors_origin: list[str] = typer.Option([], "--cors-origin", help="A browser origin allowed to call (repeat)."),
    office: Path | None = OFFICE_OPTION,
) -> None:
    """Serve the documents over HTTP (needs the serve extra: pip install 'kzdocs[serve]')."""
    from kzdocs._extras import SERVING, require

    with reported(False):
        require("serve", SERVING)
    from kzdocs.serve import Limits, Settings, read_token
    from kzdocs.serve import serve as run_server

    with reported(False):  # a bad configuration or office kit: one line, exit 2 or 7
        settings = Settings(Limits(workers=workers, max_pending=max_in_flight, render_timeout=render_timeout,
                                   read_timeout=read_timeout),
                            token=read_token(token_file), cors_origins=tuple(cors_origin), office=office_kit(office))
        run_server(settings, host=host, port=port)


seal_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                       help="The office's seal key: create it, publish its trust entry.")
app.add_typer(seal_app, name="seal")


def iso_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"{option} must be a date written YYYY-MM-DD, not {value!r}", EXIT_INVALID, "usage") from None


@seal_app.command("keygen")
def seal_keygen(
    office: Path = typer.Option(..., "--office", metavar="DIR", help="The office kit folder (office.json)."),
    bin_: str | None = typer.Option(None, "--bin", help="The office's BIN (default: office.json's issuer.bin)."),
    name_kk: str | None = typer.Option(None, "--name-kk", help="The office's name in Kazakh (default: office.json)."),
    name_ru: str | None = typer.Option(None, "--name-ru", help="The office's name in Russian (default: office.json)."),
    valid_from: str | None = typer.Option(None, "--valid-from", help="First day the key signs (default: today)."),
    valid_to: str | None = typer.Option(None, "--valid-to", help="Last day the key signs (default: 5 years on)."),
    rotate: bool = typer.Option(False, "--rotate",
                                help="Replace the existing key; its entry stays, ending the day before."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Create the office's seal key (seal-key.pem, owner-only) and its public trust entry (seal-trust.json)."""
    from kzdocs.seal import generate_key
    from kzdocs.seal.keys import KEY_FILE, TRUST_FILE

    with reported(as_json):
        try:
            key = generate_key(office, bin=bin_, office_kk=name_kk, office_ru=name_ru,
                               valid_from=iso_day(valid_from, "--valid-from"),
                               valid_to=iso_day(valid_to, "--valid-to"), rotate=rotate)
        except SealKeyError as exc:
            raise CliError(str(exc), exc.exit_code, exc.code) from None
        entry = key.entry
        if as_json:
            print(json.dumps({"private_key": str(office / KEY_FILE), "trust_list": str(office / TRUST_FILE),
                              "entry": entry.to_json()}, ensure_ascii=False))
            return
        err.print(f"wrote {office / KEY_FILE} (private: keep it in the office, never send it)", markup=False)
        err.print(f"wrote {office / TRUST_FILE} (public: publish it for verifiers)", markup=False)
        console.print(f"key {entry.kid.hex()} of BIN {entry.bin}, valid {entry.valid_from} – {entry.valid_to}",
                      markup=False)


@app.command()
def verify(
    file: Path = typer.Argument(..., metavar="FILE", help="A sealed document: PDF, PNG or JPEG (scan or photo)."),
    trust: list[Path] = typer.Option(..., "--trust", help="A trust list JSON file (repeatable)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Check a document's seal offline: exit 0 valid, 1 invalid, 2 nothing readable, 3 unreadable file."""
    from kzdocs.seal import load_trust
    from kzdocs.seal import verify as verify_seal
    from kzdocs.seal.describe import TEXT_NOTES, VERDICTS, describe

    with reported(as_json):
        try:
            trust_list = load_trust(trust)
        except SealKeyError as exc:
            raise CliError(str(exc), EXIT_INPUT, exc.code) from None
        try:
            result = verify_seal(file, trust_list)
        except VerificationError as exc:
            seal = exc.seal
            if as_json:
                print(json.dumps({"valid": False, "error": {"code": exc.code, "message": str(exc)},
                                  "differences": getattr(exc, "differences", []),
                                  "seal": seal.to_json() if seal else None}, ensure_ascii=False))
            else:
                kk, ru = VERDICTS.get(exc.code, VERDICTS["verify.malformed"])
                console.print(f"✗ Мөр жарамсыз / Печать недействительна: {kk} / {ru}", markup=False)
                console.print(f"  {exc}", markup=False)
                if seal is not None:
                    entry = trust_list.find(seal.kid)
                    console.print("\nМөрде жазылғаны (сенуге болмайды) / Указано в печати (не доверять):",
                                  markup=False)
                    for label, value in describe(seal, entry, "ru"):
                        console.print(f"  {label}: {value}", markup=False)
            raise typer.Exit(exc.exit_code) from None
        except InputFileError as exc:
            raise CliError(str(exc), EXIT_INPUT, exc.reason) from None
        if as_json:
            print(json.dumps(result.to_json(), ensure_ascii=False))
            return
        entry = result.entry
        valid_kk, valid_ru = VERDICTS["valid"]
        console.print(f"✓ {valid_kk} / {valid_ru} — {entry.office_ru} (БИН {entry.bin}), key {entry.kid.hex()}",
                      markup=False)
        console.print(f"  {TEXT_NOTES[result.text_checked][0]}\n  {TEXT_NOTES[result.text_checked][1]}", markup=False)
        for lang in ("kk", "ru"):
            console.print(f"\n[{lang}]", markup=False)
            for label, value in describe(result.seal, entry, lang):
                console.print(f"  {label}: {value}", markup=False)


@app.command()
def extract(
    file: Path = typer.Argument(..., metavar="FILE.pdf", help="An archive copy (rendered with --archive)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Print the input JSON an archive copy carries; rendering it again gives the identical PDF."""
    from kzdocs.render.archive import extract_source

    with reported(as_json):
        if not file.is_file():
            raise CliError(f"{file}: no such file", EXIT_INPUT, "file_not_found")
        try:
            source = extract_source(file.read_bytes())
        except InputFileError as exc:
            raise CliError(f"{file}: {exc}", EXIT_INPUT, exc.reason) from None
        sys.stdout.write(source.data.decode("utf-8"))
        settings = source.settings
        if "document" in settings:
            seal = f" --seal OFFICE_DIR (key {settings['seal']})" if settings.get("seal", "none") != "none" else ""
            err.print(f"render it again: kzdocs render {settings['document']} FILE.json --lang "
                      f"{settings.get('languages', 'kk,ru')} --archive{seal} -o FILE.pdf", markup=False)


def main() -> None:
    """Entry point of the ``kzdocs`` console script."""
    console_safe()
    app()
