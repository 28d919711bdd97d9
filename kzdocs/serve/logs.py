"""What the service logs about a document: never a name or an IIN.

Document numbers are the office's register numbers (``02-15/3381``) and are logged as they are.
A number with 12 digits or more (an IIN or BIN could have been typed into it, even with spaces) is
logged only as a short hash: enough to match log lines, not to read the number.
"""

from __future__ import annotations

import hashlib
import re


def number_for_log(number: str) -> str:
    """``number`` as it may appear in a log line: plain, or ``#`` and 12 hex digits of its SHA-256."""
    if sum(ch.isdigit() for ch in number) >= 12:
        return "#" + hashlib.sha256(number.encode("utf-8")).hexdigest()[:12]
    return re.sub(r"[^\w./-]", "_", number)[:60]  # one token: no spaces or line breaks in a log line
