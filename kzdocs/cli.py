"""The staff command line (typer + rich). It parses arguments, calls the library, reports.

Exit codes: 0 done; 1 a batch finished with failed records; 2 invalid input, an unknown
document name or a malformed setting (``KZDOCS_DAYS_OFF``); 3 an input file that cannot be read
(missing, not JSON); 4 an output that cannot be written (no space, read-only, a folder another
batch is using); 5 printing failed or no print system; 6 the engine failed (a missing or faulty font);
7 the office kit is missing or invalid.
"""

from __future__ import annotations

import difflib
import importlib.util
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
    SealKeyError,
    VerificationError,
)
from kzdocs.limits import DEFAULT_TIME_LIMIT
from kzdocs.qa.report import DEFAULT_DPI, DEFAULT_SHIFT, DEFAULT_TOLERANCE

if TYPE_CHECKING:  # the library and its engines load when a command runs, not for --help
    from kzdocs.documents import Document, Layout
    from kzdocs.lang import Lang
    from kzdocs.office import Office

if TYPE_CHECKING:
    from kzdocs.seal import SealKey

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Result documents of Kazakhstan's state services, in Kazakh and Russian.")
console = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_FAILED_RECORDS, EXIT_INVALID, EXIT_INPUT, EXIT_OUTPUT, EXIT_PRINT, EXIT_RENDER = 1, 2, 3, 4, 5, 6
FORMATS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}
JSON_OPTION = typer.Option(False, "--json", help="Print errors as JSON for machines.")
LANG_OPTION = typer.Option("kk,ru", "--lang", help="Languages, comma-separated: kk, ru, kk-Latn (Kazakh, Latin).")
LAYOUT_OPTION = typer.Option(None, "--layout", help="columns (languages side by side, the default) or stacked.")
ISSUER_OPTION = typer.Option(None, "--issuer", hidden=True,
                             help="Deprecated: an issuer profile JSON (KZDOCS_ISSUER); use --office DIR.")
OFFICE_OPTION = typer.Option(None, "--office", metavar="DIR",
                             help="The office kit folder (or set KZDOCS_OFFICE): issuer, signatory, letterhead.")
KEEP_OWN_OPTION = typer.Option(False, "--keep-own",
                               help="Keep the issuer/signatory the input gives instead of refusing it "
                                    "when the office kit supplies them.")


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
    if as_json:
        payload: dict[str, Any] = {"errors": exc.errors} if exc.errors is not None else {
            "error": {"kind": exc.kind, "message": str(exc)}}
        print(json.dumps(payload, ensure_ascii=False))
    elif exc.errors is not None:
        for error in exc.errors:
            err.print(f"{location(error['loc'])}: {printable(str(error['msg']))}", markup=False)
    else:
        err.print(f"error: {printable(str(exc))}", markup=False)
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
    except OfficeError as exc:
        fail(CliError(f"office kit: {exc}", exc.exit_code, exc.code), as_json)
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
    hint = f"; did you mean {close[0]}?" if close else ""
    raise CliError(f"unknown document {name!r}{hint} (kzdocs list shows all six)", EXIT_INVALID, "unknown_document")


def languages_option(value: str) -> tuple[Lang, ...]:
    from kzdocs.lang import check_languages

    try:
        return check_languages(value)
    except ValueError:
        raise CliError(f"--lang must name kk, ru or kk-Latn, comma-separated (kk,ru), not {value!r}", EXIT_INVALID,
                       "usage") from None


def layout_option(value: str | None) -> Layout | None:
    if value in (None, "columns", "stacked"):
        return value  # type: ignore[return-value]
    raise CliError(f"--layout must be columns or stacked, not {value!r}", EXIT_INVALID, "usage")


def profile_data(issuer: Path | None) -> dict[str, Any]:
    """The deprecated issuer profile (``--issuer``/``KZDOCS_ISSUER``), with a warning that says what replaces it."""
    from kzdocs.inputs import load_profile

    path = issuer or (Path(os.environ["KZDOCS_ISSUER"]) if os.environ.get("KZDOCS_ISSUER") else None)
    if not path:
        return {}
    err.print(f"warning: {'--issuer' if issuer else 'KZDOCS_ISSUER'} is deprecated and will be removed; make an "
              f"office kit once with 'kzdocs office init DIR --from-profile {path}' and use --office DIR "
              "(or KZDOCS_OFFICE)", markup=False)
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


def load_input(name: str, source: str, issuer: Path | None, office: Office | None = None,
               keep_own: bool = False) -> Document:
    """Read, complete from the office kit (or the deprecated issuer profile), and validate one input."""
    from kzdocs.documents import MAX_INPUT_BYTES
    from kzdocs.inputs import loads, merge, read_bytes

    model = document_name(name)
    data = loads(read_bytes(source, limit=MAX_INPUT_BYTES), "standard input" if source == "-" else source)
    if not isinstance(data, dict):
        raise CliError(f"{source}: the input must be a JSON object", EXIT_INPUT, "json")
    merged = office.fill(data, keep_own=keep_own) if office else merge(profile_data(issuer), data)
    if "issue_date" not in merged:
        merged["issue_date"] = date.today().isoformat()
        err.print(f"note: issue_date not given; using today, {merged['issue_date']}")
    return model.model_validate(merged)


def write_output(target: Path, data: bytes) -> None:
    from kzdocs.files import write_atomic

    if str(target) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    if not target.parent.is_dir():
        raise CliError(f"{target}: folder {target.parent} does not exist", EXIT_OUTPUT, "output")
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise CliError(f"{target}: cannot write ({exc.strerror or exc})", EXIT_OUTPUT, "output") from None


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
    """Queue ``path`` with CUPS ``lp``; the queue's answer (the job id line)."""
    lp = shutil.which("lp")
    if lp is None:
        raise CliError("no print system found: CUPS 'lp' is not installed (Debian: apt-get install cups-client)",
                       EXIT_PRINT, "no_print_system")
    if copies < 1:
        raise CliError("--copies must be at least 1", EXIT_INVALID, "usage")
    command = [lp, "-n", str(copies)] + (["-d", printer] if printer else []) + ["--", str(path)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        raise CliError("printing failed: the print system did not answer within 60 s", EXIT_PRINT,
                       "print_failed") from None
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()
        raise CliError(f"printing failed: {reason[-1] if reason else 'lp exited with ' + str(result.returncode)}",
                       EXIT_PRINT, "print_failed")
    return result.stdout.strip()


@app.command("list")
def list_documents() -> None:
    """The documents, with their names in Kazakh, Russian and English."""
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


@app.command()
def schema(doc: str = typer.Argument(..., help="Document name (kzdocs list)."), as_json: bool = JSON_OPTION) -> None:
    """The JSON Schema of a document's input."""
    with reported(as_json):
        print(json.dumps(document_name(doc).model_json_schema(), ensure_ascii=False, indent=2))


@app.command()
def example(doc: str = typer.Argument(..., help="Document name (kzdocs list)."), as_json: bool = JSON_OPTION) -> None:
    """A valid example input as JSON, ready to edit."""
    with reported(as_json):
        from kzdocs._resources import resource_dir

        document_name(doc)
        sample = resource_dir("samples") / f"{doc}.json"
        if not sample.is_file():
            raise CliError(f"{doc} has no bundled example", EXIT_INPUT, "file_not_found")
        sys.stdout.write(sample.read_text(encoding="utf-8"))


@app.command()
def render(
    doc: str = typer.Argument(..., help="Document name (kzdocs list)."),
    source: str = typer.Argument(..., metavar="INPUT.json", help="Input JSON; - reads standard input."),
    output: Path = typer.Option(..., "-o", "--output", help="Output file (.pdf, .docx, .html); - for stdout."),
    fmt: str | None = typer.Option(None, "--format", help="pdf, docx or html (default: from the extension)."),
    lang: str = LANG_OPTION,
    layout: str | None = LAYOUT_OPTION,
    office: Path | None = OFFICE_OPTION,
    keep_own: bool = KEEP_OWN_OPTION,
    issuer: Path | None = ISSUER_OPTION,
    seal_dir: Path | None = typer.Option(
        None, "--seal", metavar="OFFICE_DIR",
        help="Seal the QR code with the key in this folder (default: the office kit's, if it has one)."),
    archive: bool = typer.Option(False, "--archive",
                                 help="PDF/A-3b archive copy carrying the input JSON (kzdocs extract reads it)."),
    print_it: bool = typer.Option(False, "--print", help="Send the PDF to the printer after rendering."),
    printer: str | None = typer.Option(None, "--printer", help="Printer name (default: the system's)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Render one document."""
    from kzdocs.render import render_docx, render_html, render_pdf

    with reported(as_json):
        kind = fmt or FORMATS.get(output.suffix.lower())
        if kind not in ("pdf", "docx", "html"):
            raise CliError(f"cannot tell the format of {output}; use --format pdf|docx|html", EXIT_INVALID, "usage")
        if print_it and (kind != "pdf" or str(output) == "-"):
            raise CliError("--print needs a PDF written to a file", EXIT_INVALID, "usage")
        languages = languages_option(lang)
        chosen_layout = layout_option(layout)
        kit = office_kit(office, issuer)
        document = load_input(doc, source, issuer, kit, keep_own)
        key = seal_key(seal_dir) or kit_seal_key(kit)
        if key is not None and kind == "html":
            raise CliError("--seal needs a PDF or DOCX output", EXIT_INVALID, "usage")
        if archive and kind != "pdf":
            raise CliError("--archive needs a PDF output", EXIT_INVALID, "usage")
        renderers: dict[str, Callable[[], bytes]] = {
            "pdf": lambda: render_pdf(document, languages, layout=chosen_layout, seal=key, archive=archive),
            "docx": lambda: render_docx(document, languages, layout=chosen_layout, seal=key),
            "html": lambda: render_html(document, languages, layout=chosen_layout).encode("utf-8"),
        }
        if kit is not None and key is None and not archive:  # the office's look (not yet sealed or archived)
            from kzdocs.render.renderer import Renderer

            look = Renderer(kit)
            renderers = {
                "pdf": lambda: look.render_pdf(document, languages, keep_own=keep_own, layout=chosen_layout),
                "docx": lambda: look.render_docx(document, languages, keep_own=keep_own, layout=chosen_layout),
                "html": lambda: look.render_html(document, languages, keep_own=keep_own,
                                                 layout=chosen_layout).encode("utf-8"),
            }
        write_output(output, renderers[kind]())
        if str(output) != "-":
            err.print(f"wrote {output}", markup=False)
        if print_it:
            err.print(send_to_printer(output, printer, 1) or "sent to the printer", markup=False)


@app.command()
def preview(
    doc: str = typer.Argument(..., help="Document name (kzdocs list)."),
    source: str = typer.Argument(..., metavar="INPUT.json", help="Input JSON; - reads standard input."),
    output: Path = typer.Option(..., "-o", "--output", help="PNG file of the first page."),
    lang: str = LANG_OPTION,
    office: Path | None = OFFICE_OPTION,
    keep_own: bool = KEEP_OWN_OPTION,
    issuer: Path | None = ISSUER_OPTION,
    dpi: int = typer.Option(110, "--dpi", min=30, max=600),
    as_json: bool = JSON_OPTION,
) -> None:
    """A PNG of the first page, for a quick look."""
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
        err.print(f"wrote {output}", markup=False)


@app.command("print")
def print_file(
    file: Path = typer.Argument(..., metavar="FILE.pdf", help="The PDF to print."),
    printer: str | None = typer.Option(None, "--printer", help="Printer name (default: the system's)."),
    copies: int = typer.Option(1, "--copies", help="Number of copies."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Send a PDF to the system print queue (CUPS lp)."""
    with reported(as_json):
        if not file.is_file():
            raise CliError(f"{file}: no such file", EXIT_INPUT, "file_not_found")
        console.print(send_to_printer(file, printer, copies) or "sent to the printer", markup=False)


@app.command()
def batch(
    doc: str = typer.Argument(..., help="Document name (kzdocs list)."),
    source: str = typer.Argument(..., metavar="INPUT.jsonl|INPUT.csv", help="One record per line or row."),
    out: Path = typer.Option(..., "--out", help="Output folder (created if missing)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, max=256, help="Worker processes."),
    formats: str = typer.Option("pdf", "--format", help="pdf, docx or pdf,docx."),
    lang: str = LANG_OPTION,
    office: Path | None = OFFICE_OPTION,
    keep_own: bool = KEEP_OWN_OPTION,
    issuer: Path | None = ISSUER_OPTION,
    time_limit: float = typer.Option(DEFAULT_TIME_LIMIT, "--time-limit", min=0.001,
                                     help="Seconds one record may take to render before it fails."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Render every record to its own file, named from the document number; resumable."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from kzdocs.jobs import count_records, run_batch

    with reported(as_json):
        document_name(doc)
        languages = languages_option(lang)
        chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
        if not chosen or any(f not in ("pdf", "docx") for f in chosen):
            raise CliError(f"--format must be pdf, docx or pdf,docx, not {formats!r}", EXIT_INVALID, "usage")
        kit = office_kit(office, issuer)
        profile = None if kit else profile_data(issuer)
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
        finally:
            if bar.live.is_started:
                bar.stop()
        if as_json:
            print(json.dumps(summary.report(), ensure_ascii=False))
        else:
            err.print(f"{summary.rendered} rendered, {summary.skipped} already done, {summary.failed} failed "
                      f"of {summary.total}" + (f"; see {summary.errors_file}" if summary.errors_file else ""),
                      markup=False)
            if summary.replaced:
                err.print(f"{summary.replaced} rendered again because their input changed since the last run",
                          markup=False)
            for item in summary.stale:
                err.print(printable(f"stale: line {item['line']} is now № {item['now']}; the files of its earlier "
                                    f"№ {item['number']} are still in the folder: {', '.join(item['files'])}"),
                          markup=False)
        if not summary.ok:
            raise typer.Exit(EXIT_FAILED_RECORDS)


@app.command()
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
    """Compare a render with its golden file: exit 0 identical or equivalent, 1 different, 2 on error."""
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
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        console.print(report.summary(), markup=False)
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def samples(
    directory: Path = typer.Option(Path("samples"), "--dir", help="Folder with <document>.json samples."),
) -> None:
    """Render every samples/<document>.json to PDF, DOCX and a PNG of the page, beside it."""
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
    missing = [name for name in ("starlette", "uvicorn") if importlib.util.find_spec(name) is None]
    if missing:
        fail(CliError(f"kzdocs serve needs the serve extra ({', '.join(missing)} missing): "
                      "pip install 'kzdocs[serve]'", EXIT_INVALID, "usage"), False)
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
    app()
