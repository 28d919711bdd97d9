"""Messages in the reader's language: Kazakh, Russian or English, from Babel/gettext catalogs.

The English text in the source is the message id; ``kzdocs/locale/<lang>/LC_MESSAGES/kzdocs.po``
holds the translations and the compiled ``.mo`` beside it ships in the wheel
(``python3 tools/messages.py`` extracts, updates and compiles). The interface language is
``KZDOCS_UI_LANG`` (``kk``, ``ru``, ``en``), else the locale, else English.

For validation errors, :func:`localize_errors` and :func:`error_lines` turn a pydantic
``ValidationError`` (or ``InvalidDocumentError``, or its ``errors`` list) into messages with the
field's label in the reader's language; the machine keys ``loc`` and ``type`` stay as they are::

    >>> error_lines(exc, "ru")                                     # doctest: +SKIP
    ['Заявитель › ИИН (applicant.iin): контрольная цифра не совпадает — ИИН введен с ошибкой']
"""

from __future__ import annotations

import difflib
import gettext
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Final

#: Interface languages, in the order a reader's locale is matched against them.
UI_LANGUAGES: Final = ("kk", "ru", "en")
DOMAIN: Final = "kzdocs"
LOCALE_DIR: Final = Path(__file__).with_name("locale")


def N_(message: str) -> str:
    """Mark ``message`` for extraction into the catalogs without translating it here."""
    return message


def ui_language(environ: Mapping[str, str] | None = None) -> str:
    """The interface language: ``KZDOCS_UI_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``), else ``en``. An unknown ``KZDOCS_UI_LANG`` falls back to the locale."""
    env = os.environ if environ is None else environ
    wanted = env.get("KZDOCS_UI_LANG", "").strip().lower().replace("_", "-")
    if wanted[:2] in UI_LANGUAGES:
        return wanted[:2]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "").strip().lower()
        if value:
            first = value.split(":")[0][:2]
            return first if first in UI_LANGUAGES else "en"
    return "en"


def check_ui_language(lang: str | None) -> str:
    """``lang`` when it is an interface language, the reader's language when ``None``."""
    if lang is None:
        return ui_language()
    code = lang.strip().lower()[:2]
    return code if code in UI_LANGUAGES else "en"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang`` (English: the message ids themselves)."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def translate(message: str, lang: str | None = None) -> str:
    """``message`` (an English message id) in ``lang`` (default: the interface language)."""
    return translations(check_ui_language(lang)).gettext(message)


_ = translate


# -- formatted messages: back from text to template -------------------------------------------

_PLACEHOLDER: Final = re.compile(r"\{(\w+)\}")
_ISO_DAY: Final = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@cache
def _templates() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Every message id with placeholders as a pattern, the most specific (longest literal) first."""
    from babel.messages.mofile import read_mo  # the catalog's message ids; only on the error path

    path = LOCALE_DIR / "ru" / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not path.is_file():
        return ()
    with path.open("rb") as handle:
        ids = [str(m.id) for m in read_mo(handle) if m.id and isinstance(m.id, str) and "{" in m.id]
    patterns = []
    for template in ids:
        pattern, position, seen = "", 0, set()
        for match in _PLACEHOLDER.finditer(template):
            name = match.group(1)
            pattern += re.escape(template[position:match.start()]) + (f"(?P={name})" if name in seen else
                                                                       f"(?P<{name}>.*?)")
            seen.add(name)
            position = match.end()
        pattern += re.escape(template[position:])
        patterns.append((re.compile(pattern, re.DOTALL), template))
    patterns.sort(key=lambda item: -len(_PLACEHOLDER.sub("", item[1])))
    return tuple(patterns)


def localize_text(text: str, lang: str | None = None) -> str:
    """A finished English message (``"IIN must be exactly 12 digits"``) in ``lang``, when the catalog
    knows its template; otherwise the text unchanged. Dates in it are written дд.мм.гггг in kk/ru."""
    code = check_ui_language(lang)
    if code == "en" or not text:
        return text
    catalog = translations(code)
    exact = catalog.gettext(text)
    if exact != text:
        return exact
    for pattern, template in _templates():
        match = pattern.fullmatch(text)
        if match:
            values = {key: _local_value(value, code) for key, value in match.groupdict().items()}
            return catalog.gettext(template).format(**values)
    return text


def _local_value(value: str, lang: str) -> str:
    value = _ISO_DAY.sub(r"\3.\2.\1", value) if lang != "en" else value
    return localize_text(value, lang) if any(c.isalpha() for c in value) else value


# -- field labels ------------------------------------------------------------------------------

#: Field name → its label (the English message id; kk and ru in the catalogs).
LABELS: Final[dict[str, str]] = {
    "accepted_by": N_("Accepted by"),
    "accepted_documents": N_("Accepted documents"),
    "accepted_time": N_("Time accepted"),
    "address_kk": N_("Address (Kazakh)"),
    "address_ru": N_("Address (Russian)"),
    "aid_type": N_("Kind of aid"),
    "applicant": N_("Applicant"),
    "application_date": N_("Application date"),
    "application_number": N_("Application number"),
    "authority_kk": N_("Authority (Kazakh)"),
    "authority_ru": N_("Authority (Russian)"),
    "bank_kk": N_("Bank (Kazakh)"),
    "bank_ru": N_("Bank (Russian)"),
    "basis": N_("Basis (act of appointment)"),
    "bin": N_("BIN"),
    "birth_date": N_("Date of birth"),
    "building": N_("Building"),
    "child": N_("Child"),
    "children": N_("Children"),
    "code": N_("Ground of refusal"),
    "court": N_("Court"),
    "date": N_("Date"),
    "document": N_("Document (catalogue code)"),
    "dates": N_("Meeting dates"),
    "decision_date": N_("Date of the decision"),
    "details_kk": N_("Details (Kazakh)"),
    "details_ru": N_("Details (Russian)"),
    "electronic": N_("Electronic document"),
    "electronic_signature": N_("Electronic signature"),
    "signer": N_("Signer"),
    "certificate_serial": N_("Certificate serial number"),
    "signed_at": N_("Signing time"),
    "full_name": N_("Full name"),
    "ground": N_("Priority ground"),
    "grounds": N_("Grounds of refusal"),
    "guardian": N_("Guardian"),
    "iban": N_("Account (IBAN)"),
    "iin": N_("IIN"),
    "locality_kk": N_("Locality (Kazakh)"),
    "locality_ru": N_("Locality (Russian)"),
    "issue_date": N_("Date of issue"),
    "issuer": N_("Issuing body"),
    "kind": N_("Kind of act"),
    "legal_basis_kk": N_("Legal basis (Kazakh)"),
    "legal_basis_ru": N_("Legal basis (Russian)"),
    "members": N_("Family members"),
    "monthly_amount": N_("Monthly amount"),
    "name_kk": N_("Name (Kazakh)"),
    "name_ru": N_("Name (Russian)"),
    "name_sex_confirmed": N_("Name and IIN checked"),
    "number": N_("Document number"),
    "organisation": N_("Preschool organisation"),
    "parent": N_("Parent"),
    "payment": N_("Payment"),
    "period_from": N_("Period from"),
    "period_to": N_("Period to"),
    "phone": N_("Phone"),
    "place_kk": N_("Place of meetings (Kazakh)"),
    "place_ru": N_("Place of meetings (Russian)"),
    "position_kk": N_("Position (Kazakh)"),
    "position_ru": N_("Position (Russian)"),
    "priority": N_("First priority"),
    "queue_number": N_("Number in the queue"),
    "registered_on": N_("Date of registration"),
    "relation_kk": N_("Relation (Kazakh)"),
    "relation_ru": N_("Relation (Russian)"),
    "representative": N_("Representative"),
    "schedule": N_("Schedule"),
    "service": N_("State service"),
    "signatory": N_("Signatory"),
    "street_kk": N_("Street (Kazakh)"),
    "street_ru": N_("Street (Russian)"),
    "supervisor_kk": N_("Supervisor (Kazakh)"),
    "supervisor_ru": N_("Supervisor (Russian)"),
    "time_from": N_("Time from"),
    "time_to": N_("Time to"),
    "total_amount": N_("Total amount"),
    "verify_url": N_("Verification address"),
    "weekdays": N_("Weekdays"),
}


def path_text(loc: Sequence[Any]) -> str:
    """``["members", 0, "iin"]`` → ``members.0.iin`` (the column name of a register)."""
    return ".".join(str(part) for part in loc)


def field_label(loc: Sequence[Any], lang: str | None = None) -> str:
    """The field at ``loc`` named for a reader: ``["members", 0, "iin"]`` → «Члены семьи № 1 › ИИН»."""
    code = check_ui_language(lang)
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int) or (isinstance(part, str) and part.isdigit()):
            if parts:
                parts[-1] += f" № {int(part) + 1}"
            continue
        label = LABELS.get(str(part))
        if label is not None:
            parts.append(translate(label, code))
    return " › ".join(parts)


def bilingual_label(loc: Sequence[Any]) -> str:
    """The field's label in Kazakh and Russian: «Айлық сома / Сумма в месяц»."""
    kk, ru = field_label(loc, "kk"), field_label(loc, "ru")
    return kk if kk == ru else f"{kk} / {ru}"


# -- codes with their names --------------------------------------------------------------------

_WEEKDAYS: Final = {
    "monday": ("дүйсенбі", "понедельник"), "tuesday": ("сейсенбі", "вторник"), "wednesday": ("сәрсенбі", "среда"),
    "thursday": ("бейсенбі", "четверг"), "friday": ("жұма", "пятница"), "saturday": ("сенбі", "суббота"),
    "sunday": ("жексенбі", "воскресенье"),
}
_ACT_KINDS: Final = {"resolution": ("қаулы", "постановление"), "order": ("бұйрық", "приказ"),
                     "decision": ("шешім", "решение")}


@cache
def code_names(field: str) -> dict[str, tuple[str, str]]:
    """The codes a field takes, each with its name in Kazakh and Russian (empty for a free field)."""
    from kzdocs.documents.aid_assignment import AIDS
    from kzdocs.documents.catalogue import ACCEPTED_DOCUMENTS, QUEUE_PRIORITIES, REFUSAL_GROUNDS, SERVICES

    def short(text: str) -> str:
        return text if len(text) <= 70 else text[:67].rstrip(" ,(") + "…"

    if field == "aid_type":
        return {code: (aid.name_kk, aid.name_ru) for code, aid in AIDS.items()}
    if field == "ground":
        return {code: (p.name_kk, p.name_ru) for code, p in QUEUE_PRIORITIES.items()}
    if field == "service":
        return {code: (short(s.name_kk), short(s.name_ru)) for code, s in SERVICES.items()}
    if field == "code":
        return {code: (short(g.text_kk or "басқа негіз"), short(g.text_ru or "иное основание"))
                for code, g in REFUSAL_GROUNDS.items()}
    if field == "document":
        return {code: (short(d.name_kk), short(d.name_ru)) for code, d in ACCEPTED_DOCUMENTS.items()}
    if field == "weekdays":
        return dict(_WEEKDAYS)
    if field == "kind":
        return dict(_ACT_KINDS)
    return {}


def code_name(field: str, code: str, lang: str | None = None) -> str:
    """A code as a reader sees it: ``large_families — дети из многодетных семей``."""
    names = code_names(field).get(code)
    ui = check_ui_language(lang)
    if names is None or ui == "en":
        return code
    return f"{code} — {names[0] if ui == 'kk' else names[1]}"


# -- validation errors -------------------------------------------------------------------------

#: Pydantic's own error types → messages formatted with the error's ``ctx``.
PYDANTIC_MESSAGES: Final[dict[str, str]] = {
    "missing": N_("required, but not given"),
    "extra_forbidden": N_("unknown field: this document has no such field (check the spelling)"),
    "string_type": N_("must be text"),
    "bool_type": N_("must be yes or no (true or false)"),
    "bool_parsing": N_("must be yes or no (true or false)"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "list_type": N_("must be a list"),
    "dict_type": N_("must be a group of fields (an object)"),
    "model_type": N_("must be a group of fields (an object)"),
    "model_attributes_type": N_("must be a group of fields (an object)"),
    "too_long": N_("too many items: at most {max_length}"),
    "too_short": N_("too few items: at least {min_length}"),
    "greater_than": N_("must be greater than {gt}"),
    "greater_than_equal": N_("must be at least {ge}"),
    "less_than": N_("must be less than {lt}"),
    "less_than_equal": N_("must be at most {le}"),
    "literal_error": N_("must be one of: {expected}"),
    "value_error": N_("is not valid"),
}


def _literal_message(error: Mapping[str, Any], lang: str) -> str:
    field = next((str(p) for p in reversed(list(error.get("loc", ()))) if isinstance(p, str)), "")
    expected = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
    shown = "; ".join(code_name(field, code, lang) for code in expected)
    template = PYDANTIC_MESSAGES["literal_error"]
    message = translate(template, lang).format(expected=shown)
    given = error.get("input")
    if isinstance(given, str):
        close = difflib.get_close_matches(given, expected, n=1)
        if close:
            message += translate(N_("; did you mean {code}?"), lang).format(code=close[0])
    return message


def localize_error(error: Mapping[str, Any], lang: str | None = None) -> dict[str, Any]:
    """One error (``{"loc", "type", "msg", ...}``) with ``msg`` in ``lang`` and ``field``, the label of
    its field; ``loc`` and ``type`` stay the machine keys."""
    code = check_ui_language(lang)
    loc = list(error.get("loc", ()))
    kind = str(error.get("type", ""))
    english = str(error.get("msg", ""))
    if kind == "literal_error":
        message = _literal_message(error, code)
    elif kind == "extra_forbidden":
        message = translate(PYDANTIC_MESSAGES[kind], code)
        close = difflib.get_close_matches(str(loc[-1]) if loc else "", list(LABELS), n=1, cutoff=0.75)
        if close:
            message += translate(N_("; did you mean {code}?"), code).format(code=close[0])
    elif kind in PYDANTIC_MESSAGES:
        ctx = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
        try:
            message = translate(PYDANTIC_MESSAGES[kind], code).format(**ctx)
        except (KeyError, IndexError):
            message = localize_text(english, code)
    else:
        if english.startswith("Value error, "):  # a plain ValueError raised inside a validator
            english = english[len("Value error, "):]
        message = localize_text(english, code)
    return {"loc": loc, "type": kind, "msg": message, "field": field_label(loc, code)}


def _error_dicts(errors: Any) -> list[Mapping[str, Any]]:
    if hasattr(errors, "errors") and callable(errors.errors):  # pydantic.ValidationError
        return list(errors.errors(include_url=False))
    if hasattr(errors, "errors"):  # InvalidDocumentError
        return list(errors.errors)
    return list(errors)


def localize_errors(errors: Any, lang: str | None = None) -> list[dict[str, Any]]:
    """Every error of a pydantic ``ValidationError``, an ``InvalidDocumentError`` or a list of error
    dicts, localized by :func:`localize_error`."""
    return [localize_error(error, lang) for error in _error_dicts(errors)]


def error_line(error: Mapping[str, Any], lang: str | None = None) -> str:
    """One error as a reader sees it: «Заявитель › ИИН (applicant.iin): контрольная цифра не совпадает»."""
    local = localize_error(error, lang)
    if not local["loc"]:
        return str(local["msg"])
    where = f"{local['field']} ({path_text(local['loc'])})" if local["field"] else path_text(local["loc"])
    return f"{where}: {local['msg']}"


def error_lines(errors: Any, lang: str | None = None) -> list[str]:
    """Every error of ``errors`` (see :func:`localize_errors`) as one line in ``lang``."""
    return [error_line(error, lang) for error in _error_dicts(errors)]


def localized_items(errors: Iterable[Mapping[str, Any]], lang: str | None = None) -> list[dict[str, Any]]:
    """Error dicts for JSON output: ``loc`` and ``type`` kept, ``msg`` localized, ``field`` added."""
    return [localize_error(error, lang) for error in errors]


__all__ = [
    "LABELS",
    "N_",
    "UI_LANGUAGES",
    "bilingual_label",
    "code_name",
    "code_names",
    "error_line",
    "error_lines",
    "field_label",
    "localize_error",
    "localize_errors",
    "localize_text",
    "localized_items",
    "path_text",
    "translate",
    "ui_language",
]


#: Texts of rules whose messages are built outside a pydantic error template (the IIN/BIN check in
#: ``kzdocs.ids``, the money rules in ``kzdocs.lang``), so that the catalogs hold them too.
LIBRARY_TEXTS: Final = (
    N_("{kind} must be a string of 12 digits"),
    N_("{kind} must be exactly 12 digits"),
    N_("{kind} cannot have a valid check digit"),
    N_("check digit does not match"),
    N_("digit 7 (century and sex) must be 1 to 6"),
    N_("digits 1-6 are not a real birth date (YYMMDD)"),
    N_("digits 3-4 (registration month) must be 01 to 12"),
    N_("digit 5 (entity type) must be 4, 5 or 6"),
    N_("digit 6 (unit) must be 0 to 3"),
    N_("must be a finite number, not {value}"),
    N_("must not be negative, not {value}"),
    N_("must be less than 1 000 000 000 000 tenge"),
    N_("{value} is out of range"),
    N_("must have at most two decimal places (tiyn), not {value}"),
    N_(" (a dot before the tiyn, no spaces)"),
    N_("the document needs {pages} pages but must fit on {limit}; shorten {field} ({what})"),
    N_("{items} items, {characters} characters"),
    N_("{characters} characters"),
    N_("the input is {size} bytes; one document's input may be at most {limit} bytes"),
    N_("{file} is not UTF-8 text"),
    N_("{file} is not valid JSON: {reason} at line {line} column {column}"),
    N_("{file}: no such file"),
    N_("{file}: is a folder, not a file"),
    N_("{file}: permission denied"),
    N_("standard input"),
    # the character rules of kzdocs.documents._charset, each followed by the character found
    N_("must not contain digits (U+{code} {char_name})"),
    N_("must not contain control characters (U+{code} {char_name})"),
    N_("must not contain code points that are not characters (U+{code} {char_name})"),
    N_("must not contain private-use characters (U+{code} {char_name})"),
    N_("must not contain invisible or format characters (U+{code} {char_name})"),
    N_("must use the digits 0-9 only (U+{code} {char_name})"),
    N_("must be written in Cyrillic or Latin letters (U+{code} {char_name})"),
    N_("must not contain this combining mark (U+{code} {char_name})"),
    N_("must not contain this character (U+{code} {char_name})"),
    # the batch journal's folder messages (kzdocs.journal, kzdocs.jobs) and the system's reasons in them
    N_("{folder}: cannot create the folder ({reason})"),
    N_("{folder}: is not a folder"),
    N_("{folder}: cannot write into the folder ({reason})"),
    N_("{folder}: the journal cannot be written ({reason}); what was finished is kept: free space or fix the folder "
       "and run again"),
    N_("{where}cannot write ({reason}); what was finished is kept: free space or fix the folder and run again"),
    N_("{file} is already in the folder and was not written there by kzdocs; move it away and run the batch again"),
    N_("No such file or directory"),
    N_("Permission denied"),
    N_("Not a directory"),
    N_("No space left on device"),
    N_("Read-only file system"),
    N_("File exists"),
    N_("Is a directory"),
    N_("the document gives its own {field} and the office kit supplies one; remove it from the document to use the "
       "office's, or keep the document's explicitly (keep_own=True, CLI --keep-own)"),
    N_("this needs the {extra} extra ({missing} missing): pip install 'kzdocs[{extra}]'"),
)
