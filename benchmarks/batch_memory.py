"""Peak memory of ``kzdocs batch`` reading a large JSON Lines file: the input is streamed.

    python benchmarks/batch_memory.py [MEGABYTES]   # default 250

Writes a file of MEGABYTES of records (most over the one-document limit, so the reader, not the
renderer, is measured; a few valid records are rendered), runs the batch in a child process and
prints its peak resident memory beside the input's size. Before the journal (issue 16), 250 MB
of JSON Lines peaked at 1.95 GB; streamed, the peak does not grow with the file.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_input(path: Path, megabytes: int) -> int:
    sample = json.loads((ROOT / "samples" / "aid-assignment.json").read_text(encoding="utf-8"))
    filler = "x" * 1_100_000  # over the 1 MB limit of one document: refused unparsed
    with path.open("w", encoding="utf-8") as out:
        for i in range(3):
            out.write(json.dumps({**sample, "number": f"M-{i}"}, ensure_ascii=False) + "\n")
        while out.tell() < megabytes * 1_000_000:
            out.write('{"number": "' + filler + '"}\n')
    return path.stat().st_size


def peak_of(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Seconds, peak resident MB (the largest child process) and the exit code of ``command``."""
    started = time.perf_counter()
    code = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    elapsed = time.perf_counter() - started
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, code


def main() -> None:
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 250
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        size = write_input(work / "big.jsonl", megabytes)
        seconds, peak, code = peak_of([sys.executable, "-m", "kzdocs", "batch", "aid-assignment", "big.jsonl",
                                       "--out", "out", "--json"], work)
        print(f"input: {size / 1e6:.0f} MB of JSON Lines; batch exit {code} in {seconds:.1f} s")
        print(f"peak resident memory of the batch (largest process): {peak:.0f} MB "
              f"= {peak * 1e6 / size:.2f} × the input's size")


if __name__ == "__main__":
    main()
