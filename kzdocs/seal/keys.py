"""An office's seal key and the trust lists verifiers are given.

``kzdocs seal keygen --office DIR`` writes two files into the office kit::

    DIR/seal-key.pem     the Ed25519 private key (PKCS#8 PEM, owner-only 0600; never printed)
    DIR/seal-trust.json  the office's trust list: a JSON array of public entries, newest last

A trust entry names the key (``kid``: the first 8 bytes of SHA-256 of the raw public key, hex), the
office (BIN, names), the algorithm, the public key (raw 32 bytes, base64) and the dates the key
may sign on. An office rotates a key by giving the old entry a ``valid_to`` and publishing a new
one; it retires a lost or compromised key with ``"status": "retired"``, after which none of that
key's seals verifies. Verifiers are given one or more trust list files (``--trust``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from kzdocs._extras import SIGNING, require
from kzdocs.errors import SealKeyError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

KEY_FILE: Final = "seal-key.pem"
TRUST_FILE: Final = "seal-trust.json"
ALGORITHM: Final = "Ed25519"
KID_BYTES: Final = 8
FORMAT: Final = 1
Status = Literal["active", "retired"]


def key_id(public_raw: bytes) -> bytes:
    """The key id: the first 8 bytes of SHA-256 of the raw public key (as the EU DCC's kid)."""
    return hashlib.sha256(public_raw).digest()[:KID_BYTES]


@dataclass(frozen=True)
class TrustEntry:
    """One public key of one office, as published in its trust list."""

    kid: bytes
    bin: str
    office_kk: str
    office_ru: str
    public_key: bytes
    valid_from: date
    valid_to: date
    status: Status = "active"
    algorithm: str = ALGORITHM

    def to_json(self) -> dict[str, Any]:
        return {
            "kzdocs_seal_key": FORMAT,
            "kid": self.kid.hex(),
            "bin": self.bin,
            "office_kk": self.office_kk,
            "office_ru": self.office_ru,
            "algorithm": self.algorithm,
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat(),
            "status": self.status,
        }

    @classmethod
    def from_json(cls, data: Any, where: str) -> TrustEntry:
        """An entry from its JSON object; :class:`SealKeyError` names the file and field otherwise."""
        if not isinstance(data, dict):
            raise SealKeyError(f"{where}: a trust entry must be a JSON object")

        def text(name: str) -> str:
            value = data.get(name)
            if not isinstance(value, str) or not value.strip():
                raise SealKeyError(f"{where}: {name} must be a non-empty string")
            return value

        def day(name: str) -> date:
            try:
                return date.fromisoformat(text(name))
            except ValueError:
                raise SealKeyError(f"{where}: {name} must be a date written YYYY-MM-DD") from None

        if text("algorithm") != ALGORITHM:
            raise SealKeyError(f"{where}: algorithm must be {ALGORITHM}, not {data['algorithm']!r}")
        try:
            public = base64.b64decode(text("public_key"), validate=True)
        except ValueError:
            raise SealKeyError(f"{where}: public_key must be base64") from None
        if len(public) != 32:
            raise SealKeyError(f"{where}: public_key must be the 32 bytes of an Ed25519 key")
        kid = key_id(public)
        if text("kid").lower() != kid.hex():
            raise SealKeyError(f"{where}: kid {data['kid']} does not match the public key (it gives {kid.hex()})")
        status = data.get("status", "active")
        if status not in ("active", "retired"):
            raise SealKeyError(f"{where}: status must be active or retired, not {status!r}")
        bin_ = text("bin")
        if len(bin_) != 12 or not bin_.isdigit():
            raise SealKeyError(f"{where}: bin must be 12 digits")
        entry = cls(kid=kid, bin=bin_, office_kk=text("office_kk"), office_ru=text("office_ru"), public_key=public,
                    valid_from=day("valid_from"), valid_to=day("valid_to"), status=status)
        if entry.valid_to < entry.valid_from:
            raise SealKeyError(f"{where}: valid_to is before valid_from")
        return entry


@dataclass(frozen=True)
class SealKey:
    """An office's private signing key with its public trust entry (from :func:`load_key`)."""

    entry: TrustEntry
    private_pem: bytes

    def __repr__(self) -> str:  # never show the private key
        return f"SealKey(kid={self.entry.kid.hex()}, bin={self.entry.bin})"

    def private_key(self) -> Ed25519PrivateKey:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        key = load_pem_private_key(self.private_pem, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise SealKeyError("the seal key is not an Ed25519 key")
        return key


@dataclass(frozen=True)
class TrustList:
    """The trust entries a verifier accepts, by key id."""

    entries: tuple[TrustEntry, ...]

    def find(self, kid: bytes) -> TrustEntry | None:
        return next((entry for entry in self.entries if entry.kid == kid), None)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SealKeyError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise SealKeyError(f"{path}: cannot read the trust list ({exc})") from None


def entries_of(data: Any, where: str) -> list[TrustEntry]:
    """The entries of a trust list (a JSON array) or of a single entry (an object)."""
    items = data if isinstance(data, list) else [data]
    return [TrustEntry.from_json(item, f"{where}[{index}]") for index, item in enumerate(items)]


def load_trust(paths: Iterable[str | Path]) -> TrustList:
    """The trust list made of every entry of the given files (each an array of entries, or one entry)."""
    entries: list[TrustEntry] = []
    for path in paths:
        entries.extend(entries_of(_read_json(Path(path)), str(path)))
    return TrustList(tuple(entries))


def load_key(office_dir: str | Path) -> SealKey:
    """The office's seal key from its kit: ``seal-key.pem`` and its entry in ``seal-trust.json``."""
    require("seal", SIGNING)
    folder = Path(office_dir)
    pem_path = folder / KEY_FILE
    try:
        pem = pem_path.read_bytes()
    except FileNotFoundError:
        raise SealKeyError(f"{pem_path}: no seal key; create one with kzdocs seal keygen --office {folder}") from None
    except OSError as exc:
        raise SealKeyError(f"{pem_path}: cannot read the seal key ({exc.strerror or exc})") from None
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = SealKey(entry=_placeholder_entry(), private_pem=pem)
    try:
        public = key.private_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    except ValueError:
        raise SealKeyError(f"{pem_path}: not a PEM private key") from None
    kid = key_id(public)
    entry = next((e for e in entries_of(_read_json(folder / TRUST_FILE), str(folder / TRUST_FILE)) if e.kid == kid),
                 None)
    if entry is None:
        raise SealKeyError(f"{folder / TRUST_FILE}: has no entry for the key {kid.hex()} of {pem_path}")
    return replace(key, entry=entry)


def _placeholder_entry() -> TrustEntry:
    return TrustEntry(b"", "", "", "", b"", date.min, date.min)


def office_issuer(office_dir: Path) -> dict[str, Any]:
    """The ``issuer`` object of the kit's ``office.json`` (BIN and names), or an empty dict."""
    path = office_dir / "office.json"
    if not path.is_file():
        return {}
    data = _read_json(path)
    issuer = data.get("issuer") if isinstance(data, dict) else None
    return issuer if isinstance(issuer, dict) else {}


def generate_key(office_dir: str | Path, *, bin: str | None = None, office_kk: str | None = None,
                 office_ru: str | None = None, valid_from: date | None = None, valid_to: date | None = None,
                 rotate: bool = False) -> SealKey:
    """Create the office's key pair in its kit and add the public entry to ``seal-trust.json``.

    BIN and names default to the kit's ``office.json`` issuer. An existing key is never overwritten:
    with ``rotate`` it is kept as ``seal-key-<kid>.pem``, its entry ends the day before the new key
    starts, and both entries stay in the trust list (documents it sealed still verify).
    """
    require("seal", SIGNING)
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
    )

    folder = Path(office_dir)
    if not folder.is_dir():
        raise SealKeyError(f"{folder}: no such folder (the office kit)")
    issuer = office_issuer(folder)
    bin_ = bin or issuer.get("bin")
    names = (office_kk or issuer.get("name_kk"), office_ru or issuer.get("name_ru"))
    if not isinstance(bin_, str) or len(bin_) != 12 or not bin_.isdigit():
        raise SealKeyError(f"{folder}: the office BIN (12 digits) is needed: put office.json in the kit or give --bin")
    if not all(isinstance(name, str) and name for name in names):
        raise SealKeyError(f"{folder}: the office names are needed: put office.json in the kit or give --name-kk, "
                           "--name-ru")
    start = valid_from or date.today()
    end = valid_to or date(start.year + 5, start.month, 1) + (date(start.year, start.month, start.day) - date(
        start.year, start.month, 1)) - timedelta(days=1)
    if end < start:
        raise SealKeyError("valid_to is before valid_from")
    pem_path, trust_path = folder / KEY_FILE, folder / TRUST_FILE
    existing = entries_of(_read_json(trust_path), str(trust_path)) if trust_path.exists() else []
    if pem_path.exists():
        if not rotate:
            raise SealKeyError(f"{pem_path} exists; kzdocs never overwrites a key (use --rotate to replace it)")
        old = load_key(folder)
        if start <= old.entry.valid_from:
            raise SealKeyError(f"the new key must start after the old one ({old.entry.valid_from})")
        ended = replace(old.entry, valid_to=min(old.entry.valid_to, start - timedelta(days=1)))
        existing = [ended if e.kid == old.entry.kid else e for e in existing]
        os.replace(pem_path, folder / f"seal-key-{old.entry.kid.hex()}.pem")
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    entry = TrustEntry(kid=key_id(public), bin=bin_, office_kk=str(names[0]), office_ru=str(names[1]),
                       public_key=public, valid_from=start, valid_to=end)
    fd = os.open(pem_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    os.chmod(pem_path, 0o600)
    write_trust(trust_path, [*existing, entry])
    return SealKey(entry=entry, private_pem=pem)


def write_trust(path: Path, entries: Sequence[TrustEntry]) -> None:
    """Write a trust list (public; mode 0644)."""
    from kzdocs.files import write_atomic

    text = json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text.encode("utf-8"))
