"""Batches through a real process: hundreds of records, invalid ones listed, killed and resumed."""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from helpers import sample_data

from kzdocs.jobs import ERRORS, file_stem
from kzdocs.journal import Entry, Journal

ROOT = Path(__file__).resolve().parents[2]


def kzdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kzdocs", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def write_records(path: Path, count: int, *, bad_every: int = 0) -> tuple[set[str], set[int]]:
    """``count`` aid notices as JSON Lines; every ``bad_every``-th is invalid. Valid numbers, bad lines."""
    base = sample_data("aid-assignment")
    valid, bad = set(), set()
    with path.open("w", encoding="utf-8") as out:
        for line in range(1, count + 1):
            record: dict[str, Any] = {**base, "number": f"02-15/{5000 + line}"}
            if bad_every and line % bad_every == 0:
                kind = (line // bad_every) % 3
                if kind == 0:
                    out.write("{not json\n")
                else:
                    record["monthly_amount"] = "12.345" if kind == 1 else record["monthly_amount"]
                    if kind == 2:
                        record["applicant"] = {**record["applicant"], "iin": "881102422106"}
                    out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
                bad.add(line)
                continue
            valid.add(record["number"])
            out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    return valid, bad


def check_folder(out: Path, valid: set[str], bad: set[int], formats: tuple[str, ...] = ("pdf",)) -> None:
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith(".") and p.name != ERRORS)
    expected = sorted(f"{file_stem(n)}.{fmt}" for n in valid for fmt in formats)
    assert names == expected  # every valid record exactly once, nothing else
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    for path in out.glob("*.pdf"):
        assert len(pdfium.PdfDocument(path)) in (1, 2)  # complete, readable (at 12 pt a long one takes two)
    errors = [json.loads(line) for line in (out / ERRORS).read_text(encoding="utf-8").splitlines()] if bad else []
    assert [e["line"] for e in errors] == sorted(bad)
    assert all(e["errors"] for e in errors)


def test_batch_of_hundreds_with_invalid_records(tmp_path: Path) -> None:
    source = tmp_path / "quarter.jsonl"
    valid, bad = write_records(source, 320, bad_every=16)
    result = kzdocs("batch", "aid-assignment", str(source), "--out", "out", "--jobs", "2", "--json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report == {"total": 320, "rendered": len(valid), "skipped": 0, "failed": len(bad), "replaced": 0,
                      "stale": [], "errors_file": str(Path("out") / ERRORS)}
    check_folder(tmp_path / "out", valid, bad)
    first = (tmp_path / "out" / ERRORS).read_text(encoding="utf-8").splitlines()[0]
    assert json.loads(first)["line"] == 16
    again = kzdocs("batch", "aid-assignment", str(source), "--out", "out", "--jobs", "2", "--json", cwd=tmp_path)
    assert json.loads(again.stdout)["skipped"] == len(valid)
    assert json.loads(again.stdout)["rendered"] == 0


def test_clean_batch_exits_zero_and_csv_works(tmp_path: Path) -> None:
    data = sample_data("motivated-refusal")
    source = tmp_path / "refusals.csv"
    columns = ["number", "issue_date", "applicant.full_name", "applicant.iin", "service", "application_date",
               "application_number", "grounds.0.code", "electronic"]
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for i in range(5):
            writer.writerow([f"R-{i}", "2026-11-18", data["applicant"]["full_name"], data["applicant"]["iin"],
                             "externat", "2026-11-10", f"A-{i}", "false_data", "да"])
    profile = tmp_path / "issuer.json"
    profile.write_text(json.dumps({"issuer": data["issuer"], "signatory": data["signatory"]}, ensure_ascii=False),
                       encoding="utf-8")
    result = kzdocs("batch", "motivated-refusal", str(source), "--out", "out", "--format", "pdf,docx",
                    "--issuer", str(profile), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "5 rendered, 0 already done, 0 failed of 5" in result.stderr
    check_folder(tmp_path / "out", {f"R-{i}" for i in range(5)}, set(), ("pdf", "docx"))


def test_duplicate_numbers_are_refused_not_overwritten(tmp_path: Path) -> None:
    base = sample_data("queue-receipt")
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in (
        base, {**base, "queue_number": 99})) + "\n", encoding="utf-8")
    result = kzdocs("batch", "queue-receipt", str(source), "--out", "out", "--json", cwd=tmp_path)
    assert result.returncode == 1
    error = json.loads((tmp_path / "out" / ERRORS).read_text(encoding="utf-8"))
    assert error["line"] == 2 and error["errors"][0]["type"] == "number.duplicate"


@pytest.mark.slow
def test_batch_killed_at_random_points_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    source = tmp_path / "quarter.jsonl"
    valid, bad = write_records(source, 200, bad_every=10)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "kzdocs", "batch", "aid-assignment", str(source), "--out", str(out),
               "--jobs", "2", "--json"]
    chance = random.Random(20261123)
    kills = 0
    while kills < 8:
        process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        time.sleep(chance.uniform(1.0, 3.0))
        if process.poll() is not None:
            break  # it finished between two kills
        os.killpg(process.pid, signal.SIGKILL)  # the batch and its workers, wherever they are
        process.wait()
        kills += 1
    assert kills >= 2, "the batch finished before it could be killed twice; make it bigger"
    final = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    report = json.loads(final.stdout)
    assert report["failed"] == len(bad)
    assert report["rendered"] + report["skipped"] == len(valid)
    check_folder(out, valid, bad)  # every valid record exactly once, complete; every invalid one listed
    with Journal.open(out) as journal:
        assert {e.name for e in journal.entries() if e.kind == "aid-assignment"} == {
            f"{file_stem(n)}.pdf" for n in valid}
        assert all(journal.holds(e.name) for e in journal.entries())


def test_a_rerun_removes_only_the_temporary_files_it_recorded(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    valid, bad = write_records(source, 3)
    out = tmp_path / "out"
    out.mkdir()
    browser = out / ".02-15_5001.pdf.k2j4x9.part"  # a browser's partial download: not ours
    browser.write_bytes(b"%PDF-1.7 half")
    (out / ".x.part").mkdir()  # a folder named like a temporary file stopped the batch before
    with Journal.open(out) as journal:  # a killed writer: its temporary file recorded, then created
        journal.intend(".kzdocs-0123456789abcdef.part", Entry("02-15_5001.pdf", "0" * 64, 3, "aid-assignment",
                                                              "02-15/5001", "", "", "{}", str(source), 1))
    (out / ".kzdocs-0123456789abcdef.part").write_bytes(b"%PD")
    result = kzdocs("batch", "aid-assignment", str(source), "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (out / ".kzdocs-0123456789abcdef.part").exists()
    assert browser.read_bytes() == b"%PDF-1.7 half" and (out / ".x.part").is_dir()
    browser.unlink()
    (out / ".x.part").rmdir()
    check_folder(out, valid, bad)


def test_a_rerun_with_more_formats_renders_them(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    valid, bad = write_records(source, 3)
    first = kzdocs("batch", "aid-assignment", str(source), "--out", "out", "--json", cwd=tmp_path)
    assert json.loads(first.stdout)["rendered"] == 3
    second = kzdocs("batch", "aid-assignment", str(source), "--out", "out", "--format", "pdf,docx", "--json",
                    cwd=tmp_path)
    assert json.loads(second.stdout)["rendered"] == 3  # the DOCX files did not exist yet
    check_folder(tmp_path / "out", valid, bad, ("pdf", "docx"))
