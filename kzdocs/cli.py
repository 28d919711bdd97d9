"""The staff command line (typer + rich). It only parses arguments and calls the library."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from kzdocs import DOCUMENTS, parse_document, render_docx, render_pdf
from kzdocs.files import write_atomic
from kzdocs.render.preview import page_png

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Result documents of Kazakhstan's state services.")
console = Console()
err = Console(stderr=True)


@app.callback()
def root() -> None:
    """kzdocs: render, batch, inspect and print result documents."""


@app.command()
def samples(
    directory: Path = typer.Option(Path("samples"), "--dir", help="Folder with <document>.json samples."),
) -> None:
    """Render every samples/<document>.json to PDF, DOCX and a PNG of the page, beside it."""
    found = 0
    for name in DOCUMENTS:
        source = directory / f"{name}.json"
        if not source.is_file():
            continue
        found += 1
        doc = parse_document(name, source.read_bytes())
        pdf = render_pdf(doc)
        outputs = {".pdf": pdf, ".docx": render_docx(doc), ".png": page_png(pdf)}
        for suffix, data in outputs.items():
            target = source.with_suffix(suffix)
            write_atomic(target, data)
            console.print(f"[green]wrote[/green] {target}")
    if not found:
        err.print(f"[red]error:[/red] no <document>.json samples in {directory}")
        raise typer.Exit(1)


def main() -> None:
    """Entry point of the ``kzdocs`` console script."""
    app()
