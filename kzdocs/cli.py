"""The staff command line (typer + rich). It only parses arguments and calls the library."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import typer
from rich.console import Console
from rich.table import Table

from kzdocs import lang

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Result documents of Kazakhstan's state services.")
console = Console()


@app.callback()
def root() -> None:
    """kzdocs: render, batch, inspect and print result documents."""


@app.command()
def samples() -> None:
    """Show amounts and dates in words (the documents come next)."""
    table = Table("value", "kk", "ru")
    for amount in (Decimal("42500.50"), Decimal("3500000"), Decimal("1.21")):
        table.add_row(str(amount), lang.format_amount(amount, "kk"), lang.format_amount(amount, "ru"))
    today = date(2026, 11, 23)
    for form in lang.DATE_FORMS:
        table.add_row(f"{today} {form}", lang.format_date(today, "kk", form), lang.format_date(today, "ru", form))
    table.add_row("spelled", lang.spell_date(today, "kk"), lang.spell_date(today, "ru"))
    console.print(table)


def main() -> None:
    """Entry point of the ``kzdocs`` console script."""
    app()
