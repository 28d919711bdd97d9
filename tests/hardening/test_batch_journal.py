"""The batch journal: a rerun skips only what is verifiably done, never loses or misstates a record,
never touches a file it did not write; bad records fail alone (issue 16, the batch half)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from helpers import sample_data

from kzdocs import render_many, workdays
from kzdocs.errors import OutputError
from kzdocs.files import write_atomic
from kzdocs.jobs import ERRORS, BatchSummary, run_batch
from kzdocs.journal import JOURNAL, OLD_MANIFEST, FolderBusyError, Journal, JournalError


def write_jsonl(path: Path, records: list[Any]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write((record if isinstance(record, str) else json.dumps(record, ensure_ascii=False, default=str))
                      + "\n")
    return path


def aid(number: str, **changes: Any) -> dict[str, Any]:
    return {**sample_data("aid-assignment"), "number": number, **changes}


def batch(kind: str, source: Path, out: Path, **options: Any) -> BatchSummary:
    return run_batch(kind, source, out, **options)


def errors_of(out: Path) -> dict[int, list[dict[str, Any]]]:
    lines = (out / ERRORS).read_text(encoding="utf-8").splitlines() if (out / ERRORS).exists() else []
    return {e["line"]: e["errors"] for e in map(json.loads, lines)}


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(path)
    return "".join(page.get_textpage().get_text_range() for page in document)


def test_edit_rerun_revert_rerun_prints_the_reverted_input(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out"
    write_jsonl(source, [aid("02-15/1")])
    assert batch("aid-assignment", source, out).rendered == 1
    first = (out / "02-15_1.pdf").read_bytes()
    edit = aid("02-15/1")
    edit["applicant"] = {**edit["applicant"], "full_name": "Жанболатова Алия"}
    write_jsonl(source, [edit])
    edited = batch("aid-assignment", source, out)
    assert (edited.rendered, edited.replaced, edited.skipped) == (1, 1, 0)
    assert "Жанболатова Алия" in pdf_text(out / "02-15_1.pdf")
    write_jsonl(source, [aid("02-15/1")])
    reverted = batch("aid-assignment", source, out)
    assert (reverted.rendered, reverted.skipped) == (1, 0)  # was "already done" with the edited amount
    assert (out / "02-15_1.pdf").read_bytes() == first
    assert batch("aid-assignment", source, out).skipped == 1


def test_another_kind_with_the_same_number_does_not_replace_a_document(tmp_path: Path) -> None:
    aid_source, out = write_jsonl(tmp_path / "aid.jsonl", [aid("77-1")]), tmp_path / "out"
    batch("aid-assignment", aid_source, out)
    notice = (out / "77-1.pdf").read_bytes()
    receipt = write_jsonl(tmp_path / "queue.jsonl", [{**sample_data("queue-receipt"), "number": "77-1"}])
    summary = batch("queue-receipt", receipt, out)
    assert summary.failed == 1 and errors_of(out)[1][0]["type"] == "output.taken"
    assert "aid-assignment № 77-1" in errors_of(out)[1][0]["msg"]
    assert (out / "77-1.pdf").read_bytes() == notice
    assert batch("aid-assignment", aid_source, out).skipped == 1


def test_a_file_the_journal_did_not_write_is_never_overwritten(tmp_path: Path) -> None:
    source, out = write_jsonl(tmp_path / "in.jsonl", [aid("5-1"), aid("5-2")]), tmp_path / "out"
    out.mkdir()
    (out / "5-1.pdf").write_bytes(b"the clerk's own scan")
    summary = batch("aid-assignment", source, out)
    assert (summary.rendered, summary.failed) == (1, 1)
    assert errors_of(out)[1][0]["type"] == "output.foreign"
    assert (out / "5-1.pdf").read_bytes() == b"the clerk's own scan"
    (out / "5-2.pdf").write_bytes(b"changed by hand after the batch")  # no longer the journal's bytes
    again = batch("aid-assignment", source, out)
    assert again.skipped == 0 and again.failed == 2
    assert (out / "5-2.pdf").read_bytes() == b"changed by hand after the batch"


def test_a_corrected_number_reports_the_stale_file(tmp_path: Path) -> None:
    source, out = write_jsonl(tmp_path / "in.jsonl", [aid("8-1"), aid("8-2")]), tmp_path / "out"
    batch("aid-assignment", source, out)
    write_jsonl(source, [aid("8-1"), aid("8-20")])
    summary = batch("aid-assignment", source, out)
    assert summary.stale == [{"line": 2, "number": "8-2", "now": "8-20", "files": ["8-2.pdf"]}]
    assert summary.report()["stale"] == ["8-2.pdf"]
    assert (out / "8-2.pdf").exists() and (out / "8-20.pdf").exists()  # reported, never deleted


def test_a_refused_duplicate_is_not_done_on_the_next_run(tmp_path: Path) -> None:
    source, out = write_jsonl(tmp_path / "in.jsonl", [aid("9-1"), aid("9-1")]), tmp_path / "out"
    first = batch("aid-assignment", source, out)
    assert (first.rendered, first.failed) == (1, 1)
    second = batch("aid-assignment", source, out)
    assert (second.skipped, second.failed) == (1, 1)  # identical input was counted "done" before
    assert errors_of(out)[2][0]["type"] == "number.duplicate"


def test_a_change_of_the_days_off_renders_again(tmp_path: Path) -> None:
    data = sample_data("kindergarten-referral")
    source, out = write_jsonl(tmp_path / "in.jsonl", [data]), tmp_path / "out"
    assert batch("kindergarten-referral", source, out).rendered == 1
    try:
        workdays.configure(days_off=[date(2026, 12, 17)])
        again = batch("kindergarten-referral", source, out)
    finally:
        workdays.configure()
    assert (again.rendered, again.skipped) == (1, 0)


def test_every_crash_case_fails_its_record_and_the_rest_render(tmp_path: Path) -> None:
    base = aid("0")
    lines: list[Any] = [
        aid("1-ok"),
        '{"number": ' + "9" * 5000 + "}",  # over Python's 4,300 digits
        "[" * 1000 + "]" * 1000,  # nesting
        '{"number": "x", "monthly_amount": 1e999999999999999}',  # beyond Decimal's exponent
        '{"number": "\\ud800"}',  # a lone surrogate
        {**base, "number": "2-late", "period_to": "9999-12-31"},
        {**base, "number": "3-wide", "period_from": "0001-01-01", "period_to": "9999-12-31"},
        aid("Ә" * 120),  # a number over the 40-character limit (issue 16: numbers stay short enough for the QR)
        aid("-rf"),  # named like an option
        {**base, "number": "4-esc", "\u001b[2J\u009b31m": "x"},  # control sequences in a key
        aid("5-ok"),
    ]
    source, out = write_jsonl(tmp_path / "in.jsonl", lines), tmp_path / "out"
    summary = batch("aid-assignment", source, out)
    errors = errors_of(out)
    assert summary.total == 11
    assert set(errors) >= {2, 3, 4, 5, 6, 8, 10}
    assert errors[8][0]["type"] == "text.too_long"
    assert {1, 9, 11} & set(errors) == set()
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert "1-ok.pdf" in names and "5-ok.pdf" in names and "rf.pdf" in names
    assert all(len(n.encode()) <= 255 and not n.startswith("-") for n in names)
    raw = (out / ERRORS).read_bytes()
    assert b"\x1b" not in raw and "\u009b".encode() not in raw  # nothing reaches a terminal that shows it


def test_render_many_does_not_stop_on_malformed_items() -> None:
    items: list[Any] = [42, ("queue-receipt", None), ("no-such-document", {}), ("queue-receipt", [1, 2]),
                        ("queue-receipt", sample_data("queue-receipt"))]
    results = list(render_many(items))
    assert [r.ok for r in results] == [False, False, False, False, True]
    assert all(r.errors[0]["msg"] for r in results[:4])


def test_a_second_batch_on_a_locked_folder_stops_with_one_line(tmp_path: Path) -> None:
    source, out = write_jsonl(tmp_path / "in.jsonl", [aid("6-1")]), tmp_path / "out"
    with Journal.open(out), pytest.raises(FolderBusyError, match="another kzdocs batch") as caught:
        # the lock is a POSIX lock: another process sees it (tests/cli runs two real batches at once)
        import subprocess
        import sys

        result = subprocess.run([sys.executable, "-m", "kzdocs", "batch", "aid-assignment", str(source), "--out",
                                 str(out)], capture_output=True, text=True, timeout=120)
        assert result.returncode == 4 and len(result.stderr.strip().splitlines()) == 1, result.stderr
        raise FolderBusyError(result.stderr)
    assert caught.value.exit_code == 4
    assert not (out / "6-1.pdf").exists()


@pytest.mark.parametrize("planted", ["symlink", "fifo"])
def test_a_planted_journal_is_refused(tmp_path: Path, planted: str) -> None:
    source, out = write_jsonl(tmp_path / "in.jsonl", [aid("7-1")]), tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "outside.db"
    outside.write_bytes(b"")
    if planted == "symlink":
        (out / JOURNAL).symlink_to(outside)
    else:
        os.mkfifo(out / JOURNAL)
    with pytest.raises(JournalError):
        batch("aid-assignment", source, out)
    assert outside.read_bytes() == b"" and not (out / "7-1.pdf").exists()


def test_an_old_manifest_torn_inside_a_letter_is_migrated(tmp_path: Path) -> None:
    source, out = write_jsonl(tmp_path / "in.jsonl", [aid("Қ-1")]), tmp_path / "out"
    out.mkdir()
    (out / "Қ-1.pdf").write_bytes(b"%PDF- an old run's file")
    entry = json.dumps({"line": 1, "key": "0" * 64, "files": ["Қ-1.pdf"]}, ensure_ascii=False).encode()
    (out / OLD_MANIFEST).write_bytes(entry + b"\n" + entry[:14])  # cut inside the two bytes of «Қ»
    summary = batch("aid-assignment", source, out)
    assert (summary.rendered, summary.failed) == (1, 0)  # adopted, so it may be replaced
    assert (out / "Қ-1.pdf").read_bytes().startswith(b"%PDF-1.")
    assert not (out / OLD_MANIFEST).exists()


def test_a_journal_cut_at_any_byte_is_refused_or_recovered_never_a_crash(tmp_path: Path) -> None:
    source, out = write_jsonl(tmp_path / "in.jsonl", [aid("3-1")]), tmp_path / "out"
    batch("aid-assignment", source, out)
    whole = (out / JOURNAL).read_bytes()
    for cut in (0, 100, len(whole) // 2, len(whole) - 1):
        (out / JOURNAL).write_bytes(whole[:cut])
        try:
            summary = batch("aid-assignment", source, out)
        except OutputError as exc:  # a journal that is not one: a one-line error, exit 4
            assert "journal" in str(exc) and exc.exit_code == 4
        else:
            assert summary.skipped + summary.rendered + summary.failed == 1


def test_outputs_respect_the_umask(tmp_path: Path) -> None:
    source, out = write_jsonl(tmp_path / "in.jsonl", [aid("4-1")]), tmp_path / "out"
    old = os.umask(0o077)
    try:
        batch("aid-assignment", source, out)
        write_atomic(tmp_path / "single.pdf", b"%PDF-")
    finally:
        os.umask(old)
    assert (out / "4-1.pdf").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "single.pdf").stat().st_mode & 0o777 == 0o600


def test_an_output_being_written_has_no_name_until_it_is_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kzdocs.files as files

    seen: list[list[str]] = []
    real = files._write_all

    def look_while_writing(fd: int, data: bytes) -> None:
        seen.append(sorted(os.listdir(tmp_path)))  # a kill here leaves what is listed
        real(fd, data)

    monkeypatch.setattr(files, "_write_all", look_while_writing)
    write_atomic(tmp_path / "notice.pdf", b"%PDF-1.7 whole")
    assert seen == [[]] and os.listdir(tmp_path) == ["notice.pdf"]


def test_a_temporary_file_that_vanishes_before_the_rename_is_written_again(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.replace
    calls: list[str] = []

    def vanish_once(src: Any, dst: Any) -> None:
        calls.append(str(src))
        if len(calls) == 1:
            os.unlink(src)  # another program removed it
        real(src, dst)

    monkeypatch.setattr(os, "replace", vanish_once)
    write_atomic(tmp_path / "notice.pdf", b"%PDF-1.7 whole")
    assert (tmp_path / "notice.pdf").read_bytes() == b"%PDF-1.7 whole" and len(calls) == 2


def test_the_journal_records_bytes_input_and_settings(tmp_path: Path) -> None:
    source, out = write_jsonl(tmp_path / "in.jsonl", [aid("2-1")]), tmp_path / "out"
    batch("aid-assignment", source, out, formats=("pdf", "docx"), languages=("ru",))
    db = sqlite3.connect(out / JOURNAL)
    rows = db.execute("SELECT name, sha256, kind, number, settings, source, line FROM files ORDER BY name").fetchall()
    db.close()
    assert [r[0] for r in rows] == ["2-1.docx", "2-1.pdf"]
    for name, digest, kind, number, settings, where, line in rows:
        assert digest == hashlib.sha256((out / name).read_bytes()).hexdigest()
        assert (kind, number, where, line) == ("aid-assignment", "2-1", str(source.resolve()), 1)
        assert json.loads(settings) == {"kind": "aid-assignment", "languages": ["ru"], "days_off": [],
                                        "working_days": []}
