"""One exception tree for the whole library, rooted at :class:`KzdocsError`.

Every error a caller can see is a ``KzdocsError`` with a stable ``code`` (for machines, logs and
the HTTP service) and the CLI ``exit_code`` it maps to. Engine failures (WeasyPrint, docxtpl,
pypdfium2) are wrapped at the boundary into :class:`EngineError`, as httpx wraps transport
errors; the original stays in ``__cause__``.

    KzdocsError                      error          exit 1
    ├── InputError                   input          exit 2   bad input (field-named)
    │   ├── OfficeConflictError      input.office_conflict   document and office both give a field
    │   ├── InvalidDocumentError     input.invalid           pydantic errors, as ``errors``
    │   ├── InvalidIdError           input.id                IIN/BIN check
    │   ├── InputTooLargeError       input.too_large exit 3
    │   ├── UnknownDocumentError     input.unknown_document
    │   ├── UnknownLanguageError     input.language
    │   └── MissingGlyphError        input.glyph             a character no bundled font draws
    ├── InputFileError               input.file     exit 3   a file that cannot be read
    ├── OfficeError                  office         exit 7   the office kit is invalid
    │   └── KitRuleError             office.kit              a kit file or field breaks a rule
    │       └── KitPathError         office.path             a kit path leaving the kit's folder
    ├── ConfigurationError           config         exit 2   a malformed setting (KZDOCS_DAYS_OFF)
    │   └── MissingExtraError        config.extra            an optional dependency is not installed
    ├── RenderError                  render         exit 6
    │   ├── TemplateError            render.template
    │   ├── FontCoverageError        render.font
    │   ├── EngineError              render.engine
    │   ├── RenderTimeoutError       render.timeout     a record over its render time limit
    │   └── PageLimitError           render.page_limit  exit 2 (the input is too long)
    │       └── SealedSplitError         a sealed passage that would run over a page
    ├── OutputError                  output         exit 4   an output that cannot be written
    ├── PrintError                   print          exit 5
    ├── VerificationError            verify         exit 1   a seal that does not hold
    │   ├── SealNotFoundError        verify.not_found   exit 2  no readable QR seal in the file
    │   ├── SealFormatError          verify.malformed       a QR seal that cannot be decoded
    │   ├── UnknownKeyError          verify.unknown_key     signed by a key not in the trust list
    │   ├── ExpiredKeyError          verify.expired_key     issued outside the key's validity
    │   ├── RetiredKeyError          verify.retired_key     a key its office has retired
    │   ├── BadSignatureError        verify.signature       the signature does not match the seal
    │   ├── IssuerMismatchError      verify.issuer          the seal names another office than its key
    │   └── TextChangedError         verify.text_changed    the printed text is not the signed text
    └── SealKeyError                 seal.key       exit 7   a seal key that cannot be made or read
"""

from __future__ import annotations

from typing import Any


class KzdocsError(Exception):
    """Root of every kzdocs error: ``code`` is stable, ``exit_code`` is the CLI's."""

    #: A stable name of the kind of error, for machines, logs and the HTTP service.
    code: str = "error"
    #: The exit code of the ``kzdocs`` command for this error.
    exit_code: int = 1


class InputError(KzdocsError, ValueError):
    """Input that breaks a rule; the message names the field and the rule."""

    code = "input"
    exit_code = 2


class InvalidDocumentError(InputError):
    """A document input that failed validation; ``errors`` lists ``{"loc", "type", "msg"}`` per problem."""

    code = "input.invalid"

    def __init__(self, message: str, errors: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self.errors = errors


class InvalidIdError(InputError):
    """An IIN or BIN that breaks a rule; ``rule`` names it (``check_digit``, ``format``, ...)."""

    code = "input.id"

    def __init__(self, message: str, rule: str) -> None:
        super().__init__(message)
        self.rule = rule


class InputTooLargeError(InputError):
    """An input larger than its limit, refused before it is parsed or rendered."""

    code = "input.too_large"
    exit_code = 3  # an input that cannot be read, as a missing file

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"the input is {size:,} bytes; one document's input may be at most {limit:,} bytes")
        self.size = size
        self.limit = limit


class UnknownDocumentError(InputError, KeyError):
    """A document name that is not registered; the message lists the known names."""

    code = "input.unknown_document"

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class UnknownLanguageError(InputError):
    """A language code kzdocs does not write (there is no silent fallback to another language)."""

    code = "input.language"


class MissingGlyphError(InputError):
    """A character the bundled fonts cannot draw, found at render time (it would print as a box).

    Validation refuses such characters already; this guards documents built without validation."""

    code = "input.glyph"

    def __init__(self, field: str, char: str) -> None:
        import unicodedata

        name = unicodedata.name(char, "<unnamed>")
        super().__init__(f"{field}: the bundled fonts have no glyph for U+{ord(char):04X} {name}; it would print as □")
        self.field = field
        self.char = char


class InputFileError(KzdocsError, ValueError):
    """An input file that cannot be read at all (missing, not UTF-8, not JSON); ``reason`` names the problem."""

    code = "input.file"
    exit_code = 3

    def __init__(self, message: str, reason: str = "file") -> None:
        super().__init__(message)
        self.reason = reason


class OfficeError(KzdocsError, ValueError):
    """An office kit that is missing, unreadable or breaks a rule; the message names the file and field."""

    code = "office"
    exit_code = 7


class KitRuleError(OfficeError):
    """A kit file or field that breaks a rule: ``field`` is where (``office.json: issuer.bin``, ``emblem.svg``),
    ``rule`` which rule (``svg.script``, ``docx.macro``, ...)."""

    code = "office.kit"

    def __init__(self, field: str, rule: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.rule = rule


class KitPathError(KitRuleError):
    """A kit path that leaves the kit's folder (``..``, an absolute path, a symlink pointing out)."""

    code = "office.path"


class OfficeConflictError(InputError):
    """A document that gives ``field`` (issuer, signatory) while the office kit supplies it too, and the
    caller did not say which one to keep: never a silent override in either direction."""

    code = "input.office_conflict"

    def __init__(self, field: str) -> None:
        super().__init__(
            f"{field}: the document gives its own {field} and the office kit supplies one; remove it from the "
            f"document to use the office's, or keep the document's explicitly (keep_own=True, CLI --keep-own)"
        )
        self.field = field


class ConfigurationError(KzdocsError, ValueError):
    """A setting (an environment variable such as ``KZDOCS_DAYS_OFF``) that cannot be read; names it."""

    code = "config"
    exit_code = 2


class MissingExtraError(ConfigurationError):
    """A feature whose optional dependencies are not installed (``pip install 'kzdocs[extra]'``)."""

    code = "config.extra"

    def __init__(self, extra: str, missing: list[str]) -> None:
        super().__init__(f"this needs the {extra} extra ({', '.join(missing)} missing): pip install 'kzdocs[{extra}]'")
        self.extra = extra
        self.missing = missing


class RenderError(KzdocsError, RuntimeError):
    """A document could not be rendered (engine or resource problem, not bad input)."""

    code = "render"
    exit_code = 6


class TemplateError(RenderError):
    """A document without a template, or a template that cannot be read or compiled."""

    code = "render.template"


class EngineError(RenderError):
    """A rendering engine (WeasyPrint, docxtpl, pypdfium2) failed; the cause is kept in ``__cause__``."""

    code = "render.engine"


class FontCoverageError(RenderError):
    """A font lacks letters the documents print (Kazakh letters, №, ₸): refused, not printed blank."""

    code = "render.font"

    def __init__(self, font: str, missing: str) -> None:
        super().__init__(f"font {font} lacks the letters {' '.join(missing)}; kzdocs will not print them blank")
        self.font = font
        self.missing = missing


class RenderTimeoutError(RenderError):
    """A record that took longer than its render time limit (a batch goes on with the next)."""

    code = "render.timeout"


class PageLimitError(RenderError):
    """A document that does not fit its page limit even in the smallest type; names the field to shorten."""

    code = "render.page_limit"
    exit_code = 2

    def __init__(self, pages: int, limit: int, field: str, characters: int, items: int | None) -> None:
        what = f"{items} items, {characters} characters" if items is not None else f"{characters} characters"
        super().__init__(
            f"the document needs {pages} pages but must fit on {limit}; shorten {field or 'the input'} ({what})"
        )
        self.pages = pages
        self.limit = limit
        self.field = field


class SealedSplitError(PageLimitError):
    """A sealed document one of whose passages runs over a page: its two columns would continue side by
    side on the next page, so its text could not be checked against the seal; names the field to shorten."""

    def __init__(self, pages: int, limit: int, field: str, characters: int, items: int | None) -> None:
        super().__init__(pages, limit, field, characters, items)
        what = f"{items} items, {characters} characters" if items is not None else f"{characters} characters"
        self.args = (f"a passage of this sealed document runs over a page, so its seal could not be checked "
                     f"against the printed text; shorten {field or 'the input'} ({what})",)


class OutputError(KzdocsError, OSError):
    """An output that cannot be written (missing folder, no space, read-only, would overwrite)."""

    code = "output"
    exit_code = 4


class PrintError(KzdocsError, RuntimeError):
    """Printing failed: no print system, an unknown, paused or rejecting printer, a file that is not a PDF."""

    code = "print"
    exit_code = 5


class VerificationError(KzdocsError, ValueError):
    """A seal that does not verify (bad signature, changed text, unknown or expired key) or cannot be read."""

    code = "verify"
    exit_code = 1
    #: What the seal says (a :class:`kzdocs.seal.Seal`) when it could be read before the check failed.
    seal: Any = None


class SealNotFoundError(VerificationError):
    """Nothing readable: no QR code in the file, or a QR code without a seal (only the verify address)."""

    code = "verify.not_found"
    exit_code = 2


class SealFormatError(VerificationError):
    """A QR seal whose bytes do not decode (damaged, truncated or not a kzdocs seal)."""

    code = "verify.malformed"


class UnknownKeyError(VerificationError):
    """The seal's key id is in none of the trust lists given."""

    code = "verify.unknown_key"


class ExpiredKeyError(VerificationError):
    """The document's issue date lies outside its key's validity dates."""

    code = "verify.expired_key"


class RetiredKeyError(VerificationError):
    """The key was retired by its office (lost or compromised): none of its seals is trusted."""

    code = "verify.retired_key"


class BadSignatureError(VerificationError):
    """The signature does not match the sealed facts: they were changed or forged."""

    code = "verify.signature"


class IssuerMismatchError(VerificationError):
    """The seal names an issuer BIN other than the office its key belongs to."""

    code = "verify.issuer"


class TextChangedError(VerificationError):
    """The PDF's printed text is not the text that was signed; ``differences`` names what differs."""

    code = "verify.text_changed"

    def __init__(self, message: str, differences: list[str]) -> None:
        super().__init__(message)
        self.differences = differences


class SealKeyError(KzdocsError, ValueError):
    """A seal key or trust list that cannot be created or read, or that cannot sign this document."""

    code = "seal.key"
    exit_code = 7


__all__ = [
    "BadSignatureError",
    "ConfigurationError",
    "EngineError",
    "ExpiredKeyError",
    "FontCoverageError",
    "InputError",
    "InputFileError",
    "InputTooLargeError",
    "InvalidDocumentError",
    "InvalidIdError",
    "IssuerMismatchError",
    "KitPathError",
    "KitRuleError",
    "KzdocsError",
    "MissingGlyphError",
    "OfficeConflictError",
    "OfficeError",
    "OutputError",
    "PageLimitError",
    "PrintError",
    "RenderError",
    "RenderTimeoutError",
    "RetiredKeyError",
    "SealFormatError",
    "SealKeyError",
    "SealNotFoundError",
    "SealedSplitError",
    "TemplateError",
    "TextChangedError",
    "UnknownDocumentError",
    "UnknownKeyError",
    "UnknownLanguageError",
    "VerificationError",
]
