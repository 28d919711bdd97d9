#!/usr/bin/env python3
"""The message catalogs (Babel's gettext workflow), run from the repository's virtual environment:

    .venv/bin/python tools/messages.py          # extract → kzdocs/locale/kzdocs.pot, update each .po, compile .mo
    .venv/bin/python tools/messages.py compile  # only compile the .po files into .mo

Translators edit ``kzdocs/locale/<lang>/LC_MESSAGES/kzdocs.po`` (kk, ru; en stays the message ids);
the compiled ``.mo`` files are committed so that a wheel carries them. ``tests/test_messages.py``
fails when a message lacks its Kazakh or Russian translation or a ``.mo`` is older than its ``.po``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "kzdocs" / "locale"
POT = LOCALE / "kzdocs.pot"
LANGUAGES = ("kk", "ru", "en")
#: Functions whose string argument is a message: gettext-style marks, and the pydantic rule errors
#: (``PydanticCustomError(type, template)``, ``Problem(loc, type, template)``).
KEYWORDS = ("_", "N_", "translate", "PydanticCustomError:2", "Problem:3")


def pybabel(*args: str) -> None:
    command = [str(Path(sys.executable).with_name("pybabel")), *args]
    subprocess.run(command, check=True, cwd=ROOT)


def extract() -> None:
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    pybabel("extract", "--no-location", "--sort-output", "--width", "120", "--project", "kzdocs", *keywords,
            "--ignore-dirs", "locale", "-o", str(POT), "kzdocs")
    for lang in LANGUAGES:
        po = LOCALE / lang / "LC_MESSAGES" / "kzdocs.po"
        if po.exists():
            pybabel("update", "--no-fuzzy-matching", "--ignore-obsolete", "--width", "120", "-i", str(POT),
                    "-d", str(LOCALE), "-D", "kzdocs", "-l", lang)
        else:
            pybabel("init", "-i", str(POT), "-d", str(LOCALE), "-D", "kzdocs", "-l", lang)


def compile_all() -> None:
    pybabel("compile", "-d", str(LOCALE), "-D", "kzdocs", "--statistics")


def main(argv: list[str]) -> int:
    if argv[:1] not in ([], ["compile"]):
        print(__doc__)
        return 2
    if not argv:
        extract()
    compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
