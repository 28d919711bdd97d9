#!/usr/bin/env python3
"""Set up a virtual environment and run the project's main jobs; needs only Python 3.11+.

    python3 tools/dev.py samples   # render every samples/<name>.json to PDF and DOCX
    python3 tools/dev.py test      # the whole test suite: pytest, ruff, mypy

The environment lives in ``.venv`` beside this repository and is reinstalled only when
``pyproject.toml`` changes. WeasyPrint needs Pango (and HarfBuzz's subsetter for small, fast
PDFs); where they are missing and the script runs as root on Debian/Ubuntu, it installs them
with apt-get, otherwise it says what to install.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
SYSTEM_LIBS = {  # library name -> Debian package
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz-subset": "libharfbuzz-subset0",
}


def run(*cmd: str | Path) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call([str(c) for c in cmd], cwd=ROOT)


def ensure_system_libs() -> None:
    missing = [pkg for lib, pkg in SYSTEM_LIBS.items() if ctypes.util.find_library(lib) is None]
    if not missing:
        return
    can_apt = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if can_apt:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.check_call(["apt-get", "update", "-q"], env=env)
        subprocess.check_call(["apt-get", "install", "-y", "-q", *missing], env=env)
    else:
        print(f"warning: system libraries missing: {' '.join(missing)}; "
              "install them (Debian: sudo apt-get install ...) for PDF rendering", file=sys.stderr)


def ensure_venv(extra: str) -> None:
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extra or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".[{extra}]" if extra else "."
    if run(PY, "-m", "pip", "install", "-q", "-e", target) != 0:
        sys.exit("error: pip install failed")
    stamp.write_text(digest)


def main(argv: list[str]) -> int:
    job = argv[0] if argv else ""
    if job not in {"samples", "test"}:
        print(__doc__)
        return 2
    ensure_system_libs()
    if job == "samples":
        ensure_venv("")
        return run(PY, "-m", "kzdocs", "samples", *argv[1:])
    ensure_venv("dev,dask,serve,seal")
    code = run(PY, "-m", "pytest", *argv[1:])
    if code == 5:
        print("error: pytest collected no tests", file=sys.stderr)
        return 1
    if code != 0:
        return code
    if run(PY, "-m", "ruff", "check", "kzdocs", "tests", "tools") != 0:
        return 1
    return 1 if run(PY, "-m", "mypy") != 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
