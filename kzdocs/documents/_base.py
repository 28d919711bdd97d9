"""Parts every document shares: the issuer profile, the signatory, persons, the document header."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Final, Self

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from kzdocs.ids import Sex, parse_iin

from ._fields import Bin, Day, Iin, Moment, Name, Number, PersonName, Phone, Serial, Text, Url, age_on
from ._names import name_sex
from ._view import Draft, Layout, View


@dataclass(frozen=True)
class Problem:
    """A broken cross-field rule: where (``loc``), which rule (``type``) and what is wrong."""

    loc: tuple[str | int, ...]
    type: str
    message: str
    ctx: dict[str, Any] = field(default_factory=dict)
    input: Any = None


#: Ages the rules of the documents use, in full years.
PRESCHOOL_AGE: Final = 7  # a child is of preschool age until 7 (standard 003)
GUARDIANSHIP_AGE: Final = 14  # опека under 14, попечительство from 14 (Code on marriage and family, art. 119)
ADULT_AGE: Final = 18
MAX_AGE: Final = 120  # no living person named in a document is older (the oldest verified lifespan is 122)


def not_after_issue(doc: Document, loc: tuple[str | int, ...], value: date) -> Iterator[Problem]:
    """The one rule for dates that precede a document (applications, acts): not after its issue date."""
    if value > doc.issue_date:
        yield Problem(loc, "date.future", "must not be after the issue date {issue}",
                      {"issue": doc.issue_date.isoformat()}, value.isoformat())


def raise_problems(title: str, problems: list[Problem]) -> None:
    """Raise one pydantic ``ValidationError`` listing ``problems`` (nothing when empty)."""
    if problems:
        raise ValidationError.from_exception_data(
            title,
            [
                InitErrorDetails(type=PydanticCustomError(p.type, p.message, p.ctx or None), loc=p.loc, input=p.input)
                for p in problems
            ],
        )


class Model(BaseModel):
    """Base of all input models: frozen, unknown fields refused, strings stripped.

    Cross-field rules live in :meth:`_rules`; every broken rule is reported with its field path.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="after")
    def _check_rules(self) -> Self:
        raise_problems(type(self).__name__, list(self._rules()))
        return self

    def _rules(self) -> Iterator[Problem]:
        return iter(())


class Issuer(Model):
    """The body that issues the document (услугодатель / көрсетілетін қызметті беруші)."""

    name_kk: Name
    name_ru: Name
    address_kk: Text
    address_ru: Text
    phone: Phone
    bin: Bin
    verify_url: Url
    #: The office's own acts (rules) an aid notice cites after the Social Code (optional, both languages).
    legal_basis_kk: Text | None = None
    legal_basis_ru: Text | None = None

    def _rules(self) -> Iterator[Problem]:
        if (self.legal_basis_kk is None) != (self.legal_basis_ru is None):
            missing = "legal_basis_ru" if self.legal_basis_ru is None else "legal_basis_kk"
            yield Problem((missing,), "issuer.basis_pair", "give the legal basis in both languages or in neither")


class Signatory(Model):
    """Who signs: position in both languages and full name."""

    position_kk: Name
    position_ru: Name
    full_name: PersonName


class ElectronicSignature(Model):
    """Who signed an electronic document with an EDS, the certificate's serial and when (printed in
    place of the handwritten signature line)."""

    signer: Name
    certificate_serial: Serial
    signed_at: Moment


_SEX_WORD: Final = {"male": "man", "female": "woman"}


class Person(Model):
    """A person identified by IIN. ``birth_date`` may be omitted: it is then read from the IIN.

    A name whose endings tell a sex (-ұлы/-қызы, -ович/-овна, -ов/-ова, -ин/-ина, -ский/-ская)
    must agree with the sex in the IIN, or the IIN is probably another person's; set
    ``name_sex_confirmed`` to ``true`` when both are right nevertheless (the IIN's sex then
    decides the wording).
    """

    full_name: PersonName
    iin: Iin
    birth_date: Day | None = None
    #: The name's ending contradicts the IIN's sex, and the caller has checked that both are right.
    name_sex_confirmed: bool = False

    def _rules(self) -> Iterator[Problem]:
        iin = parse_iin(self.iin)
        told = name_sex(self.full_name)
        if told is not None and told[0] != iin.sex and not self.name_sex_confirmed:
            ctx = {"ending": told[1], "told": _SEX_WORD[told[0]], "sex": _SEX_WORD[iin.sex]}
            if told[0] == "male":
                yield Problem(("full_name",), "person.name_sex_mismatch",
                              "the name ends in -{ending}, a man's name, but the IIN is a woman's: check that the IIN "
                              "is this person's, or set name_sex_confirmed to true if both are right", ctx)
            else:
                yield Problem(("full_name",), "person.name_sex_mismatch",
                              "the name ends in -{ending}, a woman's name, but the IIN is a man's: check that the IIN "
                              "is this person's, or set name_sex_confirmed to true if both are right", ctx)
        born = iin.birth_date
        if self.birth_date is None:
            object.__setattr__(self, "birth_date", born)
        elif self.birth_date != born:
            yield Problem(
                ("birth_date",), "person.birth_date_mismatch",
                "{given} does not match the IIN, which gives the birth date {born}",
                {"given": self.birth_date.isoformat(), "born": born.isoformat()}, self.birth_date.isoformat(),
            )

    @property
    def born(self) -> date:
        """The birth date (given or read from the IIN)."""
        assert self.birth_date is not None
        return self.birth_date

    @property
    def sex(self) -> Sex:
        """The sex encoded in the IIN; it decides Russian agreement (Уважаемый / Уважаемая)."""
        return parse_iin(self.iin).sex


class Contact(Person):
    """A person with a phone number (an applicant)."""

    phone: Phone | None = None


class Resident(Person):
    """A person with a home address in both languages."""

    address_kk: Text
    address_ru: Text


def _submodels(model: BaseModel, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], BaseModel]]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if isinstance(item, BaseModel):
                where = (*loc, name) if index is None else (*loc, name, index)
                yield where, item
                yield from _submodels(item, where)


#: The QR code prints 20 mm wide. Up to version 7 (45 modules and a border) each module is over 0.4 mm, which
#: phone cameras read reliably; version 7 at error correction level M holds 122 bytes.
QR_MAX_BYTES: Final = 122


class Document(Model):
    """Fields every result document has."""

    #: The registered name of the document (``queue-receipt``, ...): the CLI's, the catalogue's.
    kind: ClassVar[str] = ""
    #: The document's name in each language, and in English (``en``) for the catalogue.
    titles: ClassVar[Mapping[str, str]] = {}

    number: Number
    issue_date: Day
    issuer: Issuer
    signatory: Signatory
    electronic: bool = False
    #: The electronic signature printed on an ``electronic`` document (its signer, certificate, time).
    electronic_signature: ElectronicSignature | None = None

    @model_validator(mode="before")
    @classmethod
    def _refuse_non_objects(cls, data: Any) -> Any:
        if not isinstance(data, (dict, BaseModel)):
            raise PydanticCustomError("document.type", "the input must be a JSON object")
        return data

    @model_validator(mode="after")
    def _check_plausible(self) -> Self:
        raise_problems(type(self).__name__, [*self._people_problems(), *self._qr_problems()])
        return self

    def _people_problems(self) -> Iterator[Problem]:
        """Every person (anyone with an IIN) is born by the issue date and at most :data:`MAX_AGE` old on it."""
        for loc, model in _submodels(self, ()):
            if not isinstance(getattr(model, "iin", None), str):
                continue
            born = model.born if isinstance(model, Person) else parse_iin(model.iin).birth_date  # type: ignore[attr-defined]
            where = (*loc, "birth_date") if isinstance(model, Person) else (*loc, "iin")
            if born > self.issue_date:
                yield Problem(where, "person.born_after_issue", "the birth date {born} is after the issue date {issue}",
                              {"born": born.isoformat(), "issue": self.issue_date.isoformat()})
            elif (age := age_on(born, self.issue_date)) > MAX_AGE:
                yield Problem(where, "person.implausible_age",
                              "gives an age of {age} on the issue date; at most {limit} is plausible",
                              {"age": age, "limit": MAX_AGE})

    def _qr_problems(self) -> Iterator[Problem]:
        from ._layout import verification_payload  # the QR code encodes what the layout prints

        size = len(verification_payload(self).encode("utf-8"))
        if size > QR_MAX_BYTES:
            yield Problem(("number",), "qr.too_dense",
                          "with issuer.verify_url it makes a QR code of {size} bytes, too dense to scan at its printed "
                          "size (at most {limit}); shorten the number or the address",
                          {"size": size, "limit": QR_MAX_BYTES})

    @model_validator(mode="after")
    def _electronic_signature_rule(self) -> Self:
        if self.electronic_signature is not None and not self.electronic:
            raise_problems(type(self).__name__, [Problem(
                ("electronic_signature",), "electronic.paper",
                "a paper document (electronic: false) carries no electronic signature; set electronic: true")])
        return self

    def largest_field(self) -> tuple[str, int, int | None]:
        """The input field that prints the most text: its path, its characters and, for a list, its items.

        Used to say which field to shorten when a document cannot fit its page limit.
        """
        best: tuple[str, int, int | None] = ("", 0, None)

        def size(value: Any) -> int:
            if isinstance(value, str):
                return len(value)
            if isinstance(value, dict):
                return sum(size(v) for v in value.values())
            if isinstance(value, list):
                return sum(size(v) for v in value)
            return 0

        def walk(value: Any, path: str) -> None:
            nonlocal best
            if isinstance(value, dict):
                for key, item in value.items():
                    walk(item, f"{path}.{key}" if path else key)
            elif isinstance(value, list):
                total = size(value)
                if total > best[1]:
                    best = (path, total, len(value))
                for index, item in enumerate(value):
                    walk(item, f"{path}[{index}]")
            elif isinstance(value, str) and len(value) > best[1]:
                best = (path, len(value), None)

        walk(self.model_dump(mode="json"), "")
        return best

    def view(self, languages: Iterable[str] | str = ("kk", "ru"), layout: Layout | None = None) -> View:
        """Every printed string of this document for ``languages`` (``kk``, ``ru``, ``kk-Latn``) in
        ``layout`` (``columns``, the default, or ``stacked``)."""
        return self.draft().view(languages, layout)

    def draft(self) -> Draft:
        """The printed text in the source languages (Kazakh and Russian)."""
        raise NotImplementedError(f"{type(self).__name__} does not define draft()")
