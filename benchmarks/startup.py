"""Start-up costs, measured side by side in one run against a bare ``python -c pass``.

    .venv/bin/python benchmarks/startup.py            # 15 rounds
    .venv/bin/python benchmarks/startup.py --rounds 5

Each figure is the median wall time of fresh processes, the commands interleaved round by round
so a noisy neighbour slows them all alike; the extra time over bare Python is what a user waits.
Targets (issue 15): ``kzdocs --help`` and ``import kzdocs.lang`` within 0.25 s of bare Python; the
pytest plugin adds under 0.05 s to pytest's start; a first render in a fresh process no slower
than before the light-import work.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def commands(empty_tests: Path) -> dict[str, list[str]]:
    render = ("import json; from kzdocs import parse_document, render_pdf; "
              f"doc = parse_document('queue-receipt', open({str(ROOT / 'samples' / 'queue-receipt.json')!r}).read()); "
              "render_pdf(doc)")
    pytest_args = [PY, "-m", "pytest", "-q", "--collect-only", "-p", "no:cacheprovider", str(empty_tests)]
    return {
        "python -c pass": [PY, "-c", "pass"],
        "import kzdocs.lang": [PY, "-c", "import kzdocs.lang"],
        "import kzdocs": [PY, "-c", "import kzdocs"],
        "kzdocs --help": [PY, "-m", "kzdocs", "--help"],
        "first render_pdf": [PY, "-c", render],
        "pytest (plugin off)": [*pytest_args, "-p", "no:kzdocs"],
        "pytest (plugin on)": pytest_args,
    }


def time_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "test_empty.py"
        empty.write_text("def test_nothing():\n    pass\n")
        cmds = commands(empty)
        times: dict[str, list[float]] = {name: [] for name in cmds}
        for command in cmds.values():  # warm the file cache once
            time_once(command)
        for _ in range(args.rounds):
            for name, command in cmds.items():
                times[name].append(time_once(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    bare = medians["python -c pass"]
    print(f"{'command':<22} {'median s':>9} {'over bare python':>17}   ({args.rounds} rounds, interleaved)")
    for name, value in medians.items():
        print(f"{name:<22} {value:>9.3f} {value - bare:>+16.3f}s")
    plugin = medians["pytest (plugin on)"] - medians["pytest (plugin off)"]
    print(f"\npytest plugin adds {plugin:+.3f} s (target < 0.05 s)")
    for name in ("kzdocs --help", "import kzdocs.lang"):
        extra = medians[name] - bare
        print(f"{name}: {extra:+.3f} s over bare Python (target <= 0.25 s): {'met' if extra <= 0.25 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
