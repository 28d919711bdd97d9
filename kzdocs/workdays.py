"""Kazakhstan working days: weekends and public holidays off, with official transfers.

(Named ``workdays``, not ``calendar``, so it never shadows the standard library's module.)

Holidays and transfers come from the ``holidays`` package. Days off announced later by the
government, and extra working Saturdays, are added by configuration without a code change:

* in code: ``configure(days_off=[date(2026, 12, 17)], working_days=[date(2026, 12, 19)])``;
* from the environment, read once on first use: ``KZDOCS_DAYS_OFF`` and
  ``KZDOCS_WORKING_DAYS``, comma-separated ISO dates (``2026-12-17,2026-12-18``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, timedelta
from functools import lru_cache

from kzdocs.errors import ConfigurationError

_days_off: frozenset[date] | None = None
_working_days: frozenset[date] | None = None


def _dates_from_env(name: str) -> frozenset[date]:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return frozenset()
    try:
        return frozenset(date.fromisoformat(part.strip()) for part in raw.split(",") if part.strip())
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be comma-separated ISO dates (YYYY-MM-DD): {exc}") from None


def configure(days_off: Iterable[date] = (), working_days: Iterable[date] = ()) -> None:
    """Set extra days off and extra working days (transfers), replacing earlier settings."""
    global _days_off, _working_days
    _days_off = frozenset(days_off)
    _working_days = frozenset(working_days)


_scoped: ContextVar[tuple[frozenset[date], frozenset[date]] | None] = ContextVar("kzdocs_workdays", default=None)


@contextmanager
def using(days_off: Iterable[date] = (), working_days: Iterable[date] = ()) -> Iterator[None]:
    """Within the block (this thread or task only), add these days off and working days to the
    process-wide settings: how a :class:`kzdocs.Renderer` applies its office's calendar."""
    base_off, base_working = _extra()
    token = _scoped.set((base_off | frozenset(days_off), base_working | frozenset(working_days)))
    try:
        yield
    finally:
        _scoped.reset(token)


def _extra() -> tuple[frozenset[date], frozenset[date]]:
    global _days_off, _working_days
    scoped = _scoped.get()
    if scoped is not None:
        return scoped
    if _days_off is None or _working_days is None:
        _days_off = _dates_from_env("KZDOCS_DAYS_OFF")
        _working_days = _dates_from_env("KZDOCS_WORKING_DAYS")
    return _days_off, _working_days


def settings() -> dict[str, list[str]]:
    """The extra days off and working days in force, as ISO dates (what a rendered date depends on
    besides the law); :class:`ConfigurationError` when the environment's setting is malformed."""
    days_off, working_days = _extra()
    return {"days_off": sorted(d.isoformat() for d in days_off),
            "working_days": sorted(d.isoformat() for d in working_days)}


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """Holidays (with their observed transfers) and official working weekend days of a year."""
    import holidays  # its country tables load on first use, not on import

    kz = holidays.country_holidays("KZ", years=year)
    weekend_workdays = frozenset(d for d in getattr(kz, "weekend_workdays", ()) if d.year == year)
    return frozenset(kz), weekend_workdays


def is_working_day(d: date) -> bool:
    """True when ``d`` is a working day in Kazakhstan."""
    days_off, working_days = _extra()
    if d in working_days:
        return True
    if d in days_off:
        return False
    off, weekend_workdays = _public_holidays(d.year)
    if d in weekend_workdays:
        return True
    return d.weekday() < 5 and d not in off


def add_working_days(d: date, n: int) -> date:
    """The date ``n`` working days after ``d`` (``d`` itself is not counted); n >= 0."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a non-negative int, not {n!r}")
    current = d
    while n:
        current += timedelta(days=1)
        if is_working_day(current):
            n -= 1
    return current


def next_working_day(d: date) -> date:
    """``d`` if it is a working day, else the first working day after it: a term whose last day is a
    day off ends on the next working day (Civil Code of Kazakhstan, article 179)."""
    while not is_working_day(d):
        d += timedelta(days=1)
    return d
