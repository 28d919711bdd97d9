"""Fault injection on real batches (issue 16): a full disk, a read-only folder, SIGKILL of the batch
and of its workers at random points, two batches at once, hostile inputs and files. Every run ends
with each record rendered exactly once, no partial or foreign file touched, no orphan process."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from helpers import sample_data

from kzdocs.jobs import ERRORS, file_stem
from kzdocs.journal import JOURNAL, Journal

ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def kzdocs(*args: str, cwd: Path, env: dict[str, str] | None = None, stdin: bytes | None = None,
           timeout: float = 600) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "kzdocs", *args], cwd=cwd, capture_output=True, timeout=timeout,
                            env={**os.environ, **(env or {})}, input=stdin)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8", "replace"),
                                       result.stderr.decode("utf-8", "replace"))


def write_records(path: Path, count: int, start: int = 5000) -> set[str]:
    base = sample_data("aid-assignment")
    numbers = set()
    with path.open("w", encoding="utf-8") as out:
        for line in range(1, count + 1):
            number = f"02-15/{start + line}"
            numbers.add(number)
            out.write(json.dumps({**base, "number": number}, ensure_ascii=False, default=str) + "\n")
    return numbers


def rendered_names(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if not p.name.startswith(".") and p.name not in (ERRORS, "errors.xlsx"))


def check_done(out: Path, numbers: set[str], foreign: dict[str, bytes] | None = None) -> None:
    """Every record once, complete and the journal's; no temporary file left; foreign files untouched."""
    foreign = foreign or {}
    expected = sorted({f"{file_stem(n)}.pdf" for n in numbers} | {n for n in foreign if not n.startswith(".")})
    assert rendered_names(out) == expected
    assert not [p.name for p in out.iterdir() if p.name.startswith(".kzdocs-") and p.name.endswith(".part")]
    for name, data in foreign.items():
        assert (out / name).read_bytes() == data
    with Journal.open(out) as journal:
        for number in numbers:
            assert journal.holds(f"{file_stem(number)}.pdf"), number


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_gone(pids: set[int], seconds: float = 10) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return {p for p in pids if alive(p)}


@contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    if not IS_ROOT:
        pytest.skip("needs root to mount a small tmpfs (CI runs as root)")
    path.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True)


# --- resources and hostile files -------------------------------------------------------------


@pytest.mark.parametrize("special", ["/dev/zero", "fifo", "stdin"])
def test_the_size_limit_holds_for_devices_fifos_and_stdin(tmp_path: Path, special: str) -> None:
    big = b'{"number": "' + b"1" * 2_000_000 + b'"}'
    writer = None
    source = "/dev/zero" if special == "/dev/zero" else "/dev/stdin"
    if special == "fifo":
        fifo = tmp_path / "in.json"
        os.mkfifo(fifo)
        writer = subprocess.Popen([sys.executable, "-c", f"open({str(fifo)!r}, 'wb').write(b'[' * 3_000_000)"],
                                  stderr=subprocess.DEVNULL)
        source = str(fifo)
    try:
        result = kzdocs("render", "queue-receipt", source, "-o", "x.pdf", cwd=tmp_path,
                        stdin=big if special == "stdin" else None, timeout=120)
    finally:
        if writer is not None:
            writer.kill()
            writer.wait()
    assert result.returncode == 3 and "larger than 1,000,000 bytes" in result.stderr, result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_batch_from_dev_zero_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    result = kzdocs("batch", "aid-assignment", "/dev/zero", "--out", "out", cwd=tmp_path, timeout=300)
    assert result.returncode == 3 and "not a file of records" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("column", "message"), [
    ("0", "names no field"),
    ("²", "names no field"),
    ("grounds.10000000.code", "list index 10000000 is too large"),
    ("number.x", "goes inside 'number'"),
])
def test_a_csv_header_no_document_comes_from_is_one_line(tmp_path: Path, column: str, message: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"number,{column}\nR-1,x\n", encoding="utf-8")
    result = kzdocs("batch", "motivated-refusal", str(source), "--out", "out", cwd=tmp_path, timeout=120)
    assert result.returncode == 3 and message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def flatten(data: Any, prefix: str = "") -> dict[str, str]:
    """A sample as CSV columns: dotted paths, list items by index."""
    if isinstance(data, dict):
        return {k: v for key, value in data.items() for k, v in flatten(value, f"{prefix}{key}.").items()}
    if isinstance(data, list):
        return {k: v for i, value in enumerate(data) for k, v in flatten(value, f"{prefix}{i}.").items()}
    return {prefix[:-1]: str(data)}


def test_odd_csv_cells_fail_their_row_only(tmp_path: Path) -> None:
    import csv

    base = flatten(sample_data("queue-receipt"))
    columns = list(base)  # a header that names no field refuses the file in one line (the test above)
    rows = [{**base, "number": "Q-1"}, {**base, "number": "Q-2", "queue_number": "9" * 5000},
            {**base, "number": "Q-3"}, {**base, "number": "Q-4", "applicant.phone": "x" * 200_000},
            {**base, "number": "Q-5"}]
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)
    result = kzdocs("batch", "queue-receipt", str(source), "--out", "out", "--json", cwd=tmp_path, timeout=300)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout) | {"stale": []} == {"total": 5, "rendered": 3, "skipped": 0, "failed": 2,
                                                          "replaced": 0, "stale": [],
                                                          "errors_file": str(Path("out") / ERRORS)}
    errors = {e["line"]: e["errors"] for e in map(json.loads, (tmp_path / "out" / ERRORS).read_text().splitlines())}
    assert set(errors) == {3, 5}  # 5,000 digits, a 200 KB cell: each fails alone
    assert any("field larger than field limit" in e["msg"] for e in errors[5])
    assert rendered_names(tmp_path / "out") == ["Q-1.pdf", "Q-3.pdf", "Q-5.pdf"]


def test_a_malformed_days_off_setting_is_one_line_exit_2(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_records(source, 2)
    result = kzdocs("batch", "aid-assignment", str(source), "--out", "out", cwd=tmp_path,
                    env={"KZDOCS_DAYS_OFF": "2026-13-45"}, timeout=120)
    assert result.returncode == 2 and "KZDOCS_DAYS_OFF" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "out").exists()


def test_a_change_of_days_off_in_the_environment_renders_again(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(sample_data("kindergarten-referral"), ensure_ascii=False, default=str) + "\n",
                      encoding="utf-8")
    first = kzdocs("batch", "kindergarten-referral", str(source), "--out", "out", "--json", cwd=tmp_path)
    again = kzdocs("batch", "kindergarten-referral", str(source), "--out", "out", "--json", cwd=tmp_path,
                   env={"KZDOCS_DAYS_OFF": "2026-11-20"})
    assert json.loads(first.stdout)["rendered"] == json.loads(again.stdout)["rendered"] == 1, again.stderr


def test_control_sequences_in_input_keys_never_reach_the_terminal(tmp_path: Path) -> None:
    data = {**sample_data("queue-receipt"), "\u001b]0;pwned\u0007\u001b[2J": 1, "\u009b31m": 2}
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    result = kzdocs("render", "queue-receipt", str(source), "-o", "x.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x9b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;pwned" in result.stderr  # shown, escaped


def test_a_record_over_its_time_limit_fails_alone(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_records(source, 2)
    result = kzdocs("batch", "aid-assignment", str(source), "--out", "out", "--time-limit", "0.001", "--json",
                    cwd=tmp_path)
    assert result.returncode == 1 and json.loads(result.stdout)["failed"] == 2, result.stderr
    errors = [json.loads(line) for line in (tmp_path / "out" / ERRORS).read_text().splitlines()]
    assert [e["errors"][0]["type"] for e in errors] == ["render.timeout"] * 2


def test_compare_refuses_a_zip_bomb_before_unpacking(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("word/document.xml", "w",
                                                                                     force_zip64=True) as part:
        chunk = b"\0" * (1 << 24)
        for _ in range(64):  # 1 GiB of zeros, about 1 MB on disk
            part.write(chunk)
    golden = tmp_path / "golden.docx"
    golden.write_bytes((ROOT / "samples" / "queue-receipt.docx").read_bytes())
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "kzdocs", "compare", str(golden), str(bomb)], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
            peak = max(peak, int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))))
        except (OSError, StopIteration):
            pass
        time.sleep(0.05)
    _out, error = process.communicate()
    assert process.returncode == 2 and "zip bomb" in error.decode(), error
    assert peak < 400_000  # kB: the 1 GiB part was never unpacked
    assert time.monotonic() - started < 120


# --- a full disk, a read-only folder ---------------------------------------------------------


@pytest.mark.parametrize("size", ["100k", "170k", "250k"])
def test_a_full_disk_stops_the_batch_with_exit_4_and_a_rerun_finishes(tmp_path: Path, size: str) -> None:
    source = tmp_path / "in.jsonl"
    numbers = write_records(source, 12)
    with tmpfs(tmp_path / "out", size) as out:
        (out / ".browser.part").write_bytes(b"partial download")
        full = kzdocs("batch", "aid-assignment", str(source), "--out", str(out), "--json", cwd=tmp_path)
        assert full.returncode == 4, (full.returncode, full.stdout, full.stderr)
        message = json.loads(full.stdout)["error"]["message"]
        assert "No space left on device" in message and "run again" in message
        done = rendered_names(out)
        db = sqlite3.connect(f"file:{out / JOURNAL}?mode=ro", uri=True)
        known = dict(db.execute("SELECT name, sha256 FROM files").fetchall())
        known |= {name: json.loads(entry)["sha256"] for name, entry in db.execute("SELECT name, entry FROM pending")}
        db.close()
        for name in done:  # whatever is there is whole and journaled (or recorded, renamed before the commit)
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == known[name], name
        remount(out, "size=20m")
        again = kzdocs("batch", "aid-assignment", str(source), "--out", str(out), "--json", cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        report = json.loads(again.stdout)
        assert report["skipped"] == len(done) and report["rendered"] == len(numbers) - len(done)
        check_done(out, numbers, {".browser.part": b"partial download"})


def test_a_read_only_folder_is_exit_4_one_line_and_a_rerun_finishes(tmp_path: Path) -> None:
    half, whole = tmp_path / "half.jsonl", tmp_path / "in.jsonl"
    write_records(half, 3)
    numbers = write_records(whole, 6)
    with tmpfs(tmp_path / "out", "50m") as out:
        assert kzdocs("batch", "aid-assignment", str(half), "--out", str(out), cwd=tmp_path).returncode == 0
        before = {p.name: p.read_bytes() for p in out.iterdir()}
        remount(out, "ro")
        refused = kzdocs("batch", "aid-assignment", str(whole), "--out", str(out), cwd=tmp_path)
        assert refused.returncode == 4 and "Read-only file system" in refused.stderr, refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before
        remount(out, "rw")
        again = kzdocs("batch", "aid-assignment", str(whole), "--out", str(out), "--json", cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        assert json.loads(again.stdout)["skipped"] == 3
        check_done(out, numbers)


def test_a_read_only_folder_is_exit_4_without_root(tmp_path: Path) -> None:
    if IS_ROOT:
        pytest.skip("root writes through permission bits; the tmpfs test above covers a read-only folder")
    source = tmp_path / "in.jsonl"
    write_records(source, 1)
    out = tmp_path / "out"
    out.mkdir(mode=0o555)
    result = kzdocs("batch", "aid-assignment", str(source), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 4 and len(result.stderr.strip().splitlines()) == 1, result.stderr


# --- kills, workers, two batches -------------------------------------------------------------


def start(source: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "kzdocs", "batch", "aid-assignment", str(source), "--out",
                             str(out), "--json", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_workers(process: subprocess.Popen[bytes], count: int, seconds: float = 120) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        workers = children(process.pid)
        if len(workers) >= count:
            return workers
        time.sleep(0.05)
    return children(process.pid)


def test_workers_die_with_the_batch_when_only_it_is_killed(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_records(source, 40)
    process = start(source, tmp_path / "out", "--jobs", "2")
    workers = wait_for_workers(process, 2)
    assert workers, "the batch started no worker"
    process.send_signal(signal.SIGKILL)  # the main process only, not its group
    process.wait()
    assert wait_gone(workers, 5) == set()


def test_a_killed_worker_costs_nothing_the_batch_goes_on(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    numbers = write_records(source, 16)
    out = tmp_path / "out"
    process = start(source, out, "--jobs", "2")
    workers = wait_for_workers(process, 2)
    deadline = time.monotonic() + 300
    while not list(out.glob("*.pdf")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    for pid in workers:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)  # as the OOM killer would
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    report = json.loads(stdout)
    assert report["rendered"] == len(numbers) and report["failed"] == 0
    check_done(out, numbers)


def test_two_batches_at_once_one_waits_its_turn(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    numbers = write_records(source, 6)
    out = tmp_path / "out"
    first, second = start(source, out), start(source, out)
    results = [(p.wait(timeout=600), p.communicate()) for p in (first, second)]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 4], results
    refused = next(stream for code, stream in results if code == 4)
    assert "another kzdocs batch is writing into this folder" in refused[0].decode()
    check_done(out, numbers)


@pytest.mark.slow
def test_sigkill_of_the_batch_and_its_workers_at_random_points(tmp_path: Path) -> None:
    """50 rounds: each kills the batch, or one of its workers and then the batch, at a random moment.
    Foreign files (a browser's partial download, a clerk's own file with a record's name) stay."""
    source = tmp_path / "in.jsonl"
    numbers = write_records(source, 60)
    out = tmp_path / "out"
    out.mkdir()
    clerk_file = f"{file_stem('02-15/5007')}.pdf"
    foreign = {".browser.part": b"partial", "notes.txt": b"the clerk's notes", clerk_file: b"a scan, not ours"}
    for name, data in foreign.items():
        (out / name).write_bytes(data)
    chance = random.Random(16)
    rounds = orphans = 0
    while rounds < 50:
        process = start(source, out, "--jobs", "2")
        time.sleep(chance.uniform(0.2, 2.5))
        workers = children(process.pid)
        if workers and chance.random() < 0.5:
            with contextlib.suppress(ProcessLookupError):  # it may have ended just now
                os.kill(chance.choice(sorted(workers)), signal.SIGKILL)
            time.sleep(chance.uniform(0.0, 1.0))
        workers |= children(process.pid)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.communicate()
        orphans += len(wait_gone(workers, 10))
        rounds += 1
    assert orphans == 0
    final = start(source, out, "--jobs", "2")
    stdout, stderr = final.communicate(timeout=900)
    report = json.loads(stdout)
    assert final.returncode == 1 and report["failed"] == 1, stderr  # the clerk's own file is never replaced
    assert report["rendered"] + report["skipped"] == len(numbers) - 1
    check_done(out, numbers - {"02-15/5007"}, foreign)
    errors = [json.loads(line) for line in (out / ERRORS).read_text().splitlines()]
    assert [(e["line"], e["errors"][0]["type"]) for e in errors] == [(7, "output.foreign")]
