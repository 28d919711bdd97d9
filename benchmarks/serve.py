"""``kzdocs serve`` measured side by side in one run (needs the serve extra).

    .venv/bin/python benchmarks/serve.py            # the full run (a few minutes)
    .venv/bin/python benchmarks/serve.py --quick    # smaller counts, for a look
    .venv/bin/python benchmarks/serve.py --record   # also write its section of benchmarks/RESULTS.md

Servers are started as users start them (``kzdocs serve --port P --workers N``) on 127.0.0.1 and
called with httpx (one keep-alive client per concurrent caller). The document is the sample queue
receipt as PDF, Kazakh and Russian.

1. Latency p50/p95/p99 and throughput at 1, 4 and 16 concurrent clients (2 workers).
2. The service's p50 against ``render_pdf`` in this process, timed alternately (target <= 1.3x).
3. Throughput with 2 worker processes against 1, batches alternating between two servers
   (target >= 1.7x on 2 cores).
4. The service against shelling out to ``kzdocs render`` per document, as a non-Python system
   would without the service.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from kzdocs import parse_document, render_pdf  # noqa: E402

NAME = "queue-receipt"
SOURCE = ROOT / "samples" / f"{NAME}.json"
BODY = SOURCE.read_bytes()
PATH = f"/documents/{NAME}.pdf"
START, END = "<!-- serve.py: start -->", "<!-- serve.py: end -->"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(workers: int) -> Iterator[str]:
    """A ``kzdocs serve`` process with ``workers`` workers; its base URL."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kzdocs", "serve", "--port", str(port), "--workers",
                                str(workers), "--max-in-flight", "256"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=2).json()["ready"] == workers:
                    break
            except (httpx.TransportError, ValueError, KeyError):
                time.sleep(0.2)
        else:
            raise SystemExit(f"kzdocs serve --workers {workers} did not start")
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(60)


def render_call(client: httpx.Client, url: str) -> float:
    """One render over HTTP: its seconds (the bytes are checked to be a PDF)."""
    started = time.perf_counter()
    response = client.post(url + PATH, content=BODY, headers={"Content-Type": "application/json"}, timeout=300)
    elapsed = time.perf_counter() - started
    if response.status_code != 200 or not response.content.startswith(b"%PDF"):
        raise SystemExit(f"render failed: {response.status_code} {response.text[:200]}")
    return elapsed


def load(url: str, clients: int, total: int) -> tuple[list[float], float]:
    """``total`` renders by ``clients`` concurrent callers: every latency and the wall time."""
    latencies: list[float] = []
    lock = threading.Lock()
    share = [total // clients + (1 if i < total % clients else 0) for i in range(clients)]

    def caller(count: int) -> None:
        with httpx.Client() as client:
            for _ in range(count):
                seconds = render_call(client, url)
                with lock:
                    latencies.append(seconds)

    threads = [threading.Thread(target=caller, args=(count,)) for count in share]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - started


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def side_by_side(a: Callable[[], float], b: Callable[[], float], runs: int) -> tuple[float, float]:
    """Medians (seconds) of ``a`` and ``b`` run alternately, after one warm-up each."""
    a(), b()
    times_a, times_b = [], []
    for _ in range(runs):
        times_a.append(a())
        times_b.append(b())
    return statistics.median(times_a), statistics.median(times_b)


def timed(action: Callable[[], object]) -> Callable[[], float]:
    def run() -> float:
        started = time.perf_counter()
        action()
        return time.perf_counter() - started
    return run


def shell_out(tmp: Path) -> float:
    """``kzdocs render`` in a new process, as a caller without the service would."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kzdocs", "render", NAME, str(SOURCE), "-o", str(tmp / "out.pdf")],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def load_average() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def busy(load: str) -> bool:
    """Whether a load average line (as :func:`load_average` writes it) shows more runnable work than CPUs."""
    try:
        return float(load.split(" / ")[0]) > (os.cpu_count() or 1)
    except ValueError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller counts (a look, not a record)")
    parser.add_argument("--record", action="store_true", help="write this run into benchmarks/RESULTS.md")
    args = parser.parse_args()
    per_client, runs, batches, shells = (6, 9, 3, 3) if args.quick else (25, 41, 8, 9)

    load_before = load_average()
    out = [f"## kzdocs serve: run of {date.today().isoformat()}{' (quick)' if args.quick else ''}", "",
           f"Produced by `.venv/bin/python benchmarks/serve.py{' --quick' if args.quick else ''} --record`. "
           f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}; Python "
           f"{platform.python_version()}; kzdocs {version('kzdocs')}, uvicorn {version('uvicorn')}, "
           f"starlette {version('starlette')}. Document: the sample {NAME}, PDF, kk+ru. "
           f"Load average (1/5/15 min) at the start: {load_before}.", ""]
    document = parse_document(NAME, BODY)
    with server(2) as two:
        rows = []
        with httpx.Client() as client:
            for clients in (1, 4, 16):
                load(two, clients, clients)  # warm the connections and workers
                latencies, wall = load(two, clients, per_client * max(clients, 2))
                rows.append((clients, latencies, wall))
            service, local = side_by_side(timed(lambda: render_call(client, two)),
                                          timed(lambda: render_pdf(document)), runs)
        out += ["### 1. Latency and throughput, 2 workers", "",
                "| clients | requests | p50 | p95 | p99 | documents/s |", "|---:|---:|---:|---:|---:|---:|"]
        out += [f"| {c} | {len(lat)} | {percentile(lat, 50) * 1000:.0f} ms | {percentile(lat, 95) * 1000:.0f} ms | "
                f"{percentile(lat, 99) * 1000:.0f} ms | {len(lat) / wall:.1f} |" for c, lat, wall in rows]
        out += ["", "### 2. One request against an in-process render", "",
                f"Service p50 {service * 1000:.1f} ms; render_pdf in-process {local * 1000:.1f} ms; ratio "
                f"{service / local:.2f}x (target at most 1.3x; {runs} alternating runs each).", ""]
        with server(1) as one, tempfile.TemporaryDirectory() as tmp:
            rate = {1: [0, 0.0], 2: [0, 0.0]}
            for _ in range(batches):  # alternate, so a noisy neighbour slows both alike
                for workers, url in ((1, one), (2, two)):
                    latencies, wall = load(url, 8, 24)
                    rate[workers][0] += len(latencies)
                    rate[workers][1] += wall
            single, double = (rate[w][0] / rate[w][1] for w in (1, 2))
            out += ["### 3. Throughput, 2 worker processes against 1 (8 clients)", "",
                    f"1 worker: {single:.1f} documents/s; 2 workers: {double:.1f} documents/s; speed-up "
                    f"{double / single:.2f}x (target at least 1.7x on 2 cores).", ""]
            with httpx.Client() as client:
                service, shell = side_by_side(timed(lambda: render_call(client, two)),
                                              lambda: shell_out(Path(tmp)), shells)
            out += ["### 4. The service against `kzdocs render` per document", "",
                    f"Service {service * 1000:.0f} ms; a `kzdocs render` process {shell * 1000:.0f} ms; the service "
                    f"is {shell / service:.0f}x faster per document ({shells} alternating runs each).", ""]
    out += [f"Load average at the end: {load_average()}. The machine is shared with other developers: figures "
            "taken under load are noisy, the ratios (measured side by side) less so.", ""]
    if busy(load_before):
        out += ["The load average was above the number of CPUs: other processes held most of the CPU, so the "
                "2-against-1 worker figure measures that contention, not the pool; rerun on a quiet machine.", ""]
    text = "\n".join(out)
    print(text)
    if args.record:
        results = ROOT / "benchmarks" / "RESULTS.md"
        current = results.read_text(encoding="utf-8")
        section = f"{START}\n{text}{END}\n"
        if START in current:
            current = re.sub(re.escape(START) + ".*?" + re.escape(END) + "\n?", lambda _: section, current,
                             flags=re.DOTALL)
        else:
            current = current.rstrip("\n") + "\n\n" + section
        results.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
