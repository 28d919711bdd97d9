"""What a seal signs, and how it travels in the QR code.

The signed facts are a CBOR map (RFC 8949) with small integer keys, inside a COSE_Sign1 structure
(RFC 9052, tag 18) signed with Ed25519 (RFC 8032; deterministic: same facts and key, same bytes).
The protected header carries the algorithm (EdDSA, -8) and the key id (4). The facts::

    1 kind          int     1..6 (KINDS)
    2 number        text
    3 issue date    tag 100 (RFC 8943: days since 1970-01-01)
    4 issuer BIN    int     (12 digits, leading zeros restored when read)
    5 persons       [int]   IINs of the persons the document concerns
    6 facts         {int: value}  the key facts of this kind of document (FACTS)
    7 text digest   bytes   first 16 bytes of SHA-256 of the normalised printed text

The COSE bytes are written as decimal digits (7 bytes → 17 digits) after ``#seal1.`` in the
fragment of the office's verify address, so the QR code holds one byte-mode segment (the address)
and one numeric-mode segment (3.33 bits per digit, about 8.1 bits per byte — smaller than Base45's
8.25 — and, unlike Base45's space, ``%`` and ``+``, every digit is legal in a URL: a phone camera
still opens the verify address; browsers never send the fragment to the server).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from kzdocs.documents import Document
from kzdocs.errors import SealFormatError

if TYPE_CHECKING:
    from .keys import SealKey

MARKER: Final = "#seal1."
COSE_SIGN1_TAG: Final = 18
EDDSA: Final = -8
DIGEST_BYTES: Final = 16
EPOCH: Final = date(1970, 1, 1)
BLOCK_BYTES: Final = 7
#: Digits that carry a block of 1..7 bytes (enough for 256**k - 1); all different, so the length of
#: the last block tells its byte count.
BLOCK_DIGITS: Final = {k: len(str(256**k - 1)) for k in range(1, BLOCK_BYTES + 1)}
DIGITS_BLOCK: Final = {v: k for k, v in BLOCK_DIGITS.items()}

#: Document kinds in the order of their codes (append only: a code never changes meaning).
KINDS: Final = ("queue-receipt", "kindergarten-referral", "aid-assignment", "guardianship-certificate",
                "visitation-permit", "motivated-refusal")
AID_TYPES: Final = ("targeted_social_assistance", "child_benefit")
SERVICE_CODES: Final = (
    "preschool_queue", "education_duplicates", "externat", "pmpc_examination", "rehabilitation",
    "family_counselling", "targeted_social_assistance", "child_benefit", "tsa_certificate",
    "employment_referral", "special_social_services_institution", "special_social_services_home",
    "rural_specialist_fuel_aid", "job_seeker_registration", "unemployed_registration", "guardianship",
    "visitation_permit",
)
GROUND_CODES: Final = ("incomplete_documents", "false_data", "not_eligible", "eds_not_verified", "age_limit", "other")


# --- the numeric transport -------------------------------------------------------------------

def to_digits(data: bytes) -> str:
    """Bytes as decimal digits: each 7-byte block as 17 digits, the last (shorter) block as fewer."""
    out = []
    for start in range(0, len(data), BLOCK_BYTES):
        block = data[start:start + BLOCK_BYTES]
        out.append(str(int.from_bytes(block, "big")).zfill(BLOCK_DIGITS[len(block)]))
    return "".join(out)


def from_digits(digits: str) -> bytes:
    """The bytes :func:`to_digits` wrote; :class:`SealFormatError` for any other string."""
    if not digits.isascii() or not digits.isdigit():
        raise SealFormatError("the seal must be decimal digits")
    full, rest = divmod(len(digits), BLOCK_DIGITS[BLOCK_BYTES])
    if rest and rest not in DIGITS_BLOCK:
        raise SealFormatError(f"the seal has {len(digits)} digits, a length no seal has (truncated?)")
    out = bytearray()
    position = 0
    for size in [BLOCK_BYTES] * full + ([DIGITS_BLOCK[rest]] if rest else []):
        width = BLOCK_DIGITS[size]
        value = int(digits[position:position + width])
        position += width
        if value >= 256**size:
            raise SealFormatError("the seal's digits are out of range (damaged)")
        out += value.to_bytes(size, "big")
    return bytes(out)


def qr_text(verify_address: str, cose: bytes) -> str:
    """The QR code's text: the verify address, then the seal in its fragment."""
    return f"{verify_address}{MARKER}{to_digits(cose)}"


def split_qr_text(text: str) -> tuple[str, str] | None:
    """``(verify address, digits)`` of a sealed QR text; ``None`` for a QR without a seal."""
    address, marker, digits = text.partition(MARKER)
    return (address, digits) if marker else None


# --- the facts -------------------------------------------------------------------------------

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


@dataclass(frozen=True)
class FactKind:
    """How one key fact is written into the seal and read back."""

    name: str
    label_kk: str
    label_ru: str
    encode: Callable[[Any], Any]
    decode: Callable[[Any], Any]


def _date_out(value: date) -> Any:
    import cbor2

    return cbor2.CBORTag(100, (value - EPOCH).days)


def _date_in(value: Any) -> date:
    if isinstance(value, date):
        return value
    raise SealFormatError("a date in the seal is not a CBOR date")


def _money_out(value: Decimal) -> int:
    return int(value * 100)


def _money_in(value: Any) -> Decimal:
    if not isinstance(value, int) or isinstance(value, bool):
        raise SealFormatError("an amount in the seal is not an integer of tiyn")
    return Decimal(value).scaleb(-2)


def _int_in(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise SealFormatError("a number in the seal is not an integer")
    return value


def _text_in(value: Any) -> str:
    if not isinstance(value, str):
        raise SealFormatError("a text in the seal is not a string")
    return value


def _code(table: tuple[str, ...]) -> Codec:
    def encode(value: str) -> int:
        return table.index(value)

    def decode(value: Any) -> str:
        if not isinstance(value, int) or not 0 <= value < len(table):
            raise SealFormatError("a code in the seal is unknown to this kzdocs")
        return table[value]

    return encode, decode


def _codes(table: tuple[str, ...]) -> Codec:
    one_out, one_in = _code(table)

    def decode(value: Any) -> list[str]:
        if not isinstance(value, list):
            raise SealFormatError("a list in the seal is not a list")
        return [one_in(item) for item in value]

    return (lambda values: [one_out(v) for v in values]), decode


_DATE: Codec = (_date_out, _date_in)
_MONEY: Codec = (_money_out, _money_in)
_INT: Codec = (int, _int_in)
_TEXT: Codec = (str, _text_in)

#: Fact code → kind. Append only: a code never changes meaning.
FACTS: Final[dict[int, FactKind]] = {
    code: FactKind(name, kk, ru, codec[0], codec[1]) for code, (name, kk, ru, codec) in {
        1: ("queue_number", "Кезек нөмірі", "Номер очереди", _INT),
        2: ("registered_on", "Кезекке қойылған күні", "Дата постановки в очередь", _DATE),
        3: ("period_from", "Кезеңнің басы", "Начало периода", _DATE),
        4: ("period_to", "Кезеңнің соңы", "Конец периода", _DATE),
        5: ("monthly_amount", "Айлық сома", "Сумма в месяц", _MONEY),
        6: ("total_amount", "Кезеңдегі жалпы сома", "Общая сумма за период", _MONEY),
        7: ("aid_type", "Көмек түрі", "Вид помощи", _code(AID_TYPES)),
        8: ("valid_until", "Жарамдылық мерзімі", "Действительно до", _DATE),
        9: ("organisation", "Мектепке дейінгі ұйым №", "Дошкольная организация №", _TEXT),
        10: ("service", "Мемлекеттік көрсетілетін қызмет", "Государственная услуга", _code(SERVICE_CODES)),
        11: ("grounds", "Бас тарту негіздері", "Основания отказа", _codes(GROUND_CODES)),
        12: ("basis_date", "Актінің күні", "Дата акта", _DATE),
        13: ("basis_number", "Актінің нөмірі", "Номер акта", _TEXT),
        14: ("application_number", "Өтініш нөмірі", "Номер заявления", _TEXT),
    }.items()
}
FACT_CODES: Final = {kind.name: code for code, kind in FACTS.items()}


def document_facts(doc: Document) -> tuple[list[str], dict[str, Any]]:
    """The IINs of the persons a document concerns, and its key facts by name."""
    from kzdocs.documents import (
        AidAssignmentNotice,
        GuardianshipCertificate,
        KindergartenReferral,
        MotivatedRefusal,
        QueueReceipt,
        VisitationPermit,
    )

    if isinstance(doc, QueueReceipt):
        return [doc.applicant.iin, doc.child.iin], {"queue_number": doc.queue_number,
                                                    "registered_on": doc.registered_on}
    if isinstance(doc, KindergartenReferral):
        facts: dict[str, Any] = {"organisation": doc.organisation.number, "valid_until": doc.valid_until}
        if doc.queue_number is not None:
            facts["queue_number"] = doc.queue_number
        return [doc.child.iin], facts
    if isinstance(doc, AidAssignmentNotice):
        return [doc.applicant.iin, *(m.iin for m in doc.members)], {
            "aid_type": doc.aid_type, "period_from": doc.period_from, "period_to": doc.period_to,
            "monthly_amount": doc.monthly_amount, "total_amount": doc.total}
    if isinstance(doc, GuardianshipCertificate):
        return [doc.guardian.iin, *(c.iin for c in doc.children)], {"basis_date": doc.basis.date,
                                                                      "basis_number": doc.basis.number}
    if isinstance(doc, VisitationPermit):
        return [doc.parent.iin, doc.child.iin], {"period_from": doc.period_from, "period_to": doc.period_to}
    if isinstance(doc, MotivatedRefusal):
        return [doc.applicant.iin], {"service": doc.service, "grounds": [g.code for g in doc.grounds],
                                     "application_number": doc.application_number}
    raise TypeError(f"kzdocs cannot seal a {type(doc).__name__}")


@dataclass(frozen=True)
class Seal:
    """The facts a seal signs, as read back (or as about to be signed)."""

    kind: str
    number: str
    issue_date: date
    issuer_bin: str
    persons: tuple[str, ...]
    facts: Mapping[str, Any]
    text_digest: bytes
    #: Key id of the signing key (set when read from a QR code).
    kid: bytes = b""
    verify_address: str = field(default="", compare=False)

    def payload(self) -> bytes:
        """The canonical CBOR of the signed facts."""
        import cbor2

        facts = {FACT_CODES[name]: FACTS[FACT_CODES[name]].encode(value) for name, value in self.facts.items()}
        return cbor2.dumps({
            1: KINDS.index(self.kind) + 1, 2: self.number, 3: _date_out(self.issue_date), 4: int(self.issuer_bin),
            5: [int(iin) for iin in self.persons], 6: facts, 7: self.text_digest,
        }, canonical=True)

    @classmethod
    def from_payload(cls, data: bytes, kid: bytes) -> Seal:
        import cbor2

        try:
            fields = cbor2.loads(data)
        except Exception as exc:  # cbor2 raises several types for damaged input
            raise SealFormatError(f"the sealed facts are not CBOR ({exc})") from None
        try:
            kind = KINDS[_int_in(fields[1]) - 1]
            facts: dict[str, Any] = {}
            for code, value in dict(fields[6]).items():
                if code not in FACTS:
                    raise SealFormatError(f"the seal has a fact {code} unknown to this kzdocs (update kzdocs)")
                facts[FACTS[code].name] = FACTS[code].decode(value)
            digest = fields[7]
            if not isinstance(digest, bytes) or len(digest) != DIGEST_BYTES:
                raise SealFormatError("the seal's text digest is not 16 bytes")
            return cls(kind=kind, number=_text_in(fields[2]), issue_date=_date_in(fields[3]),
                       issuer_bin=str(_int_in(fields[4])).zfill(12),
                       persons=tuple(str(_int_in(iin)).zfill(12) for iin in fields[5]), facts=facts,
                       text_digest=digest, kid=kid)
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise SealFormatError(f"the sealed facts are incomplete ({exc})") from None

    def to_json(self) -> dict[str, Any]:
        """The facts for machines: dates ISO, amounts as decimal strings."""
        def plain(value: Any) -> Any:
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, Decimal):
                return str(value)
            return value

        return {"kind": self.kind, "number": self.number, "issue_date": self.issue_date.isoformat(),
                "issuer_bin": self.issuer_bin, "persons": list(self.persons),
                "facts": {name: plain(value) if not isinstance(value, list) else [plain(v) for v in value]
                          for name, value in self.facts.items()},
                "text_digest": self.text_digest.hex(), "kid": self.kid.hex()}


def seal_of(doc: Document, text_digest: bytes) -> Seal:
    """The seal facts of a document whose normalised printed text has ``text_digest``."""
    persons, facts = document_facts(doc)
    unique = tuple(dict.fromkeys(persons))
    return Seal(kind=doc.kind, number=doc.number, issue_date=doc.issue_date, issuer_bin=doc.issuer.bin,
                persons=unique, facts=facts, text_digest=text_digest)


# --- COSE_Sign1 ------------------------------------------------------------------------------

def _protected(kid: bytes) -> bytes:
    import cbor2

    return cbor2.dumps({1: EDDSA, 4: kid}, canonical=True)


def _to_be_signed(protected: bytes, payload: bytes) -> bytes:
    import cbor2

    return cbor2.dumps(["Signature1", protected, b"", payload])


def sign(seal: Seal, key: SealKey) -> bytes:
    """The COSE_Sign1 bytes of ``seal`` signed with ``key`` (Ed25519: deterministic)."""
    import cbor2

    protected = _protected(key.entry.kid)
    payload = seal.payload()
    signature = key.private_key().sign(_to_be_signed(protected, payload))
    return cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature]))


@dataclass(frozen=True)
class Signed:
    """A COSE_Sign1 taken apart: the key id, the signed facts, and what to check the signature on."""

    kid: bytes
    seal: Seal
    to_be_signed: bytes
    signature: bytes


def open_cose(data: bytes) -> Signed:
    """Take a COSE_Sign1 apart (no signature check yet); :class:`SealFormatError` if it is not one."""
    import cbor2

    try:
        message = cbor2.loads(data)
    except Exception as exc:
        raise SealFormatError(f"the seal is not CBOR ({exc})") from None
    if isinstance(message, cbor2.CBORTag):
        if message.tag != COSE_SIGN1_TAG:
            raise SealFormatError(f"the seal is not a COSE_Sign1 (tag {message.tag})")
        message = message.value
    if not isinstance(message, (list, tuple)) or len(message) != 4:
        raise SealFormatError("the seal is not a COSE_Sign1 array")
    protected, _unprotected, payload, signature = message
    if not all(isinstance(part, bytes) for part in (protected, payload, signature)):
        raise SealFormatError("the seal's COSE parts are not byte strings")
    try:
        header = cbor2.loads(protected)
        algorithm, kid = header[1], header[4]
    except Exception:
        raise SealFormatError("the seal's protected header lacks the algorithm or the key id") from None
    if algorithm != EDDSA or not isinstance(kid, bytes):
        raise SealFormatError(f"the seal's algorithm {algorithm} is not EdDSA")
    return Signed(kid=kid, seal=Seal.from_payload(payload, kid), to_be_signed=_to_be_signed(protected, payload),
                  signature=signature)


def digest(text: bytes) -> bytes:
    return hashlib.sha256(text).digest()[:DIGEST_BYTES]
