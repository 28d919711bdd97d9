"""A server's configuration, and the rules that keep it safe by default."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kzdocs.documents import MAX_INPUT_BYTES
from kzdocs.errors import InputError

if TYPE_CHECKING:
    from kzdocs.office import Office

#: The environment variable that may hold the bearer token (``--token-file`` is the other way).
TOKEN_ENV = "KZDOCS_SERVE_TOKEN"
MIN_TOKEN_LENGTH = 16


class ServeConfigError(InputError):
    """A server configuration that is unsafe or cannot be used (a public address without a token, ...)."""

    code = "serve.config"


@dataclass(frozen=True)
class Limits:
    """What one server takes: workers, renders in flight, sizes and times."""

    workers: int = 2
    max_pending: int = 64
    max_body: int = MAX_INPUT_BYTES
    render_timeout: float = 30.0
    read_timeout: float = 15.0

    def __post_init__(self) -> None:
        if self.workers < 1 or self.max_pending < 1:
            raise ServeConfigError("--workers and --max-in-flight must be at least 1")
        if not 0 < self.max_body <= MAX_INPUT_BYTES:
            raise ServeConfigError(f"--max-body must be 1 to {MAX_INPUT_BYTES:,} bytes")
        if self.render_timeout <= 0 or self.read_timeout <= 0:
            raise ServeConfigError("time limits must be more than 0 seconds")


@dataclass(frozen=True)
class Settings:
    """A server's configuration: its limits, its bearer token (if any), the CORS origins it allows, and
    the office kit whose issuer and signatory complete every input (``kzdocs serve --office DIR``)."""

    limits: Limits = field(default_factory=Limits)
    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    office: Office | None = None


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine (``127.0.0.1``, ``::1``, ``localhost``)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def read_token(token_file: Path | None) -> str | None:
    """The bearer token from ``token_file`` or :data:`TOKEN_ENV`, or ``None`` when neither is given."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ServeConfigError(f"{token_file}: cannot read the token ({getattr(exc, 'strerror', None) or exc})"
                                   ) from None
        source = str(token_file)
    else:
        token = os.environ.get(TOKEN_ENV, "").strip()
        source = TOKEN_ENV
        if not token:
            return None
    if len(token) < MIN_TOKEN_LENGTH or any(ch.isspace() for ch in token):
        raise ServeConfigError(f"{source}: the token must be one word of at least {MIN_TOKEN_LENGTH} characters")
    return token


def check_exposure(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without a token."""
    if token is None and not is_loopback(host):
        raise ServeConfigError(f"--host {host} listens beyond this machine: give a bearer token with --token-file "
                               f"or {TOKEN_ENV} (or bind 127.0.0.1)")
