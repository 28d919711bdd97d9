"""Kazakhstan working days."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from kzdocs import workdays
from kzdocs.workdays import add_working_days, configure, is_working_day


@pytest.fixture(autouse=True)
def _reset_calendar() -> Iterator[None]:
    configure()
    yield
    configure()


def test_weekends_and_holidays_are_off() -> None:
    assert is_working_day(date(2026, 11, 23))  # Monday
    assert not is_working_day(date(2026, 11, 21))  # Saturday
    assert not is_working_day(date(2026, 12, 16))  # Independence Day
    assert not is_working_day(date(2026, 1, 1))
    assert not is_working_day(date(2026, 3, 24))  # Nauryz, observed


def test_add_working_days_skips_weekends_and_holidays() -> None:
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Friday → Monday
    assert add_working_days(date(2026, 11, 23), 3) == date(2026, 11, 26)
    assert add_working_days(date(2026, 12, 14), 3) == date(2026, 12, 18)  # 16 December off
    assert add_working_days(date(2026, 3, 20), 1) == date(2026, 3, 26)  # Nauryz week
    assert add_working_days(date(2026, 11, 23), 0) == date(2026, 11, 23)


def test_official_working_saturday_counts() -> None:
    assert is_working_day(date(2025, 1, 5))  # a Sunday made a working day (transfer)


def test_extra_days_off_and_working_days_by_configuration() -> None:
    configure(days_off=[date(2026, 11, 24)], working_days=[date(2026, 11, 28)])
    assert not is_working_day(date(2026, 11, 24))
    assert is_working_day(date(2026, 11, 28))
    assert add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 25)


def test_configuration_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZDOCS_DAYS_OFF", "2026-11-24, 2026-11-25")
    monkeypatch.setenv("KZDOCS_WORKING_DAYS", "2026-11-28")
    monkeypatch.setattr(workdays, "_days_off", None)
    monkeypatch.setattr(workdays, "_working_days", None)
    assert not is_working_day(date(2026, 11, 25))
    assert is_working_day(date(2026, 11, 28))


def test_bad_environment_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZDOCS_DAYS_OFF", "24.11.2026")
    monkeypatch.setattr(workdays, "_days_off", None)
    with pytest.raises(ValueError, match="KZDOCS_DAYS_OFF"):
        is_working_day(date(2026, 11, 25))


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 23), -1)
