"""Real servers for the service tests: ``kzdocs serve`` started as a user starts it, on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

#: Exit statuses of a server stopped by SIGTERM after a clean shutdown (uvicorn re-raises the signal).
CLEAN_EXIT = (0, -signal.SIGTERM)
START_TIMEOUT = 180.0  # the forkserver imports and warms the engines; a busy 2-core machine is slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A ``kzdocs serve`` process; its log (stderr and stdout) goes to ``log_path``."""

    def __init__(self, tmp: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / f"serve-{self.port}.log"
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kzdocs", "serve", "--port", str(self.port), *args],
            stdout=self._log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        self.wait_ready()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"kzdocs serve exited with {self.process.returncode}:\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise AssertionError(f"kzdocs serve did not start within {START_TIMEOUT} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def descendants(self) -> list[tuple[int, int, str]]:
        """``(pid, parent pid, command line)`` of every process under the server (Linux /proc)."""
        table: dict[int, tuple[int, str]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            table[int(entry.name)] = (int(stat.rpartition(")")[2].split()[1]), cmdline)
        found: list[tuple[int, int, str]] = []
        parents = {self.process.pid}
        while True:
            more = [(pid, ppid, cmd) for pid, (ppid, cmd) in table.items() if ppid in parents
                    and pid not in parents]
            if not more:
                return found
            found += more
            parents |= {pid for pid, _, _ in more}

    def workers(self) -> list[int]:
        """The render workers' pids: the forkserver's children."""
        processes = self.descendants()
        forkservers = {pid for pid, _, cmd in processes if "forkserver" in cmd}
        return sorted(pid for pid, ppid, _ in processes if ppid in forkservers)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        return self.process.returncode
