"""1. Queue receipt with the child's queue number (кезектілік нөмірі көрсетілген қолхат).

Annex 5 of the preschool queue standard (seed 003) gives the notice text; item 14.2 lists what
the receipt for accepted documents states.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from kzdocs.lang import format_date, format_duration
from kzdocs.workdays import add_working_days

from ._base import PRESCHOOL_AGE, Contact, Document, Model, Person, Problem, not_after_issue
from ._fields import Count, Day, PersonName, Text, age_on
from ._layout import assemble, blank, pair, signature_block, title_block
from ._view import Block, Cell, Draft, Line, Table, bi
from .catalogue import ACCEPTED_DOCUMENTS, QUEUE_PRIORITIES, SERVICES

AcceptedCode = Literal[
    "application", "identity_document", "birth_certificate", "priority_document", "large_family_status",
    "disability_certificate", "address_certificate", "guardianship_document", "power_of_attorney",
]
PriorityGround = Literal[
    "disabled_children", "without_parental_care", "orphans", "large_families", "war_veterans_equivalent"
]


def _clock(value: object) -> str:
    if isinstance(value, str) and re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value.strip()):
        return value.strip()
    raise PydanticCustomError("time.format", "must be a time of day written HH:MM, such as 09:30")


Clock = Annotated[str, BeforeValidator(_clock)]


#: Common nouns a body's Russian name may start with: inside a sentence they are not capitalised.
_BODY_WORDS = ("Отдел", "Управление", "Департамент", "Акимат", "Государственное", "Коммунальное", "Центр",
               "Организация", "Учреждение", "Орган", "Министерство", "Комитет", "Служба")


def in_sentence(name: str) -> str:
    """A body's Russian name as it stands inside a sentence: «отдел образования города Уральска»
    (a letterhead writes «Отдел …»); a name starting with a proper noun or an abbreviation is kept."""
    first = name.split(" ", 1)[0]
    return name[0].lower() + name[1:] if first in _BODY_WORDS else name


class QueuePriority(Model):
    """First-priority right to a place, with its ground (standard 003, item 6)."""

    ground: PriorityGround


class AcceptedDocument(Model):
    """A document accepted from the applicant: ``document``, a code of the catalogue
    (:data:`~kzdocs.documents.catalogue.ACCEPTED_DOCUMENTS`), or a free name in both languages."""

    document: AcceptedCode | None = None
    name_kk: Text | None = None
    name_ru: Text | None = None

    def _rules(self) -> Iterator[Problem]:
        if self.document is not None and self.name_kk is None and self.name_ru is None:
            known = ACCEPTED_DOCUMENTS[self.document]
            object.__setattr__(self, "name_kk", known.name_kk)
            object.__setattr__(self, "name_ru", known.name_ru)
            return
        for field in ("name_kk", "name_ru"):
            if getattr(self, field) is None:
                yield Problem((field,), "accepted_document.name_pair",
                              "a document is named by a catalogue code or in both languages (name_kk and name_ru)")


def _accepted(value: object) -> object:
    if isinstance(value, str):
        if value.strip() in ACCEPTED_DOCUMENTS:
            return {"document": value.strip()}
        raise PydanticCustomError(
            "accepted_document.one_language",
            "a plain text names the document in one language only, and a bilingual receipt prints both: give a "
            "catalogue code ({codes}) or an object with name_kk and name_ru",
            {"codes": ", ".join(ACCEPTED_DOCUMENTS)},
        )
    return value


class QueueReceipt(Document):
    """Queue receipt — «Баланы тіркеу туралы хабарлама» / «Уведомление о регистрации ребенка»."""

    kind: ClassVar[str] = "queue-receipt"
    titles: ClassVar[Mapping[str, str]] = {
        "kk": "Кезектілік нөмірі көрсетілген қолхат",
        "ru": "Расписка с номером очередности",
        "en": "Queue receipt with the child's queue number",
    }

    applicant: Contact
    child: Person
    registered_on: Day
    #: Time the documents were accepted, HH:MM (optional).
    accepted_time: Clock | None = None
    queue_number: Count
    priority: QueuePriority | None = None
    accepted_documents: list[Annotated[AcceptedDocument, BeforeValidator(_accepted)]] = Field(
        min_length=1, max_length=30
    )
    #: The employee who accepted the documents; the signatory when omitted.
    accepted_by: PersonName | None = None
    #: The applicant's representative, if any.
    representative: PersonName | None = None

    def _rules(self) -> Iterator[Problem]:
        yield from not_after_issue(self, ("registered_on",), self.registered_on)
        age = age_on(self.child.born, self.registered_on)
        if age >= PRESCHOOL_AGE:
            yield Problem(("child", "birth_date"), "child.too_old",
                          "the child must be younger than {limit} on registered_on, but is {age}",
                          {"age": age, "limit": PRESCHOOL_AGE})
        if self.child.born > self.registered_on:
            yield Problem(("child", "birth_date"), "child.not_born",
                          "the child is born after registered_on")
        if self.applicant.iin == self.child.iin:
            yield Problem(("child", "iin"), "person.same", "the child and the applicant have the same IIN")

    @property
    def result_date(self) -> date:
        """When the result is due: the acceptance date plus the service term in working days."""
        count, _unit = SERVICES["preschool_queue"].term
        return add_working_days(self.registered_on, count)

    def draft(self) -> Draft:
        a, c = self.applicant, self.child
        registered_kk = format_date(self.registered_on, "kk", "locative")  # a date as an adverb of time
        registered_ru = format_date(self.registered_on, "ru")
        placed = "поставлена" if c.sex == "female" else "поставлен"
        body: list[Block] = [
            title_block("Баланы тіркеу туралы хабарлама", "Уведомление о регистрации ребенка",
                        "(кезектілік нөмірі көрсетілген қолхат)", "(расписка с указанием номера очередности)"),
            pair(
                [Line("Осы хабарлама ата-анаға", "body"), *blank(a.full_name, "(ата-ананың аты-жөні)"),
                 Line("баласы", "body"), *blank(c.full_name, "(баланың аты-жөні)"),
                 Line("мектепке дейінгі балалар ұйымына жіберу үшін мектепке дейінгі жастағы балаларды тіркеу "
                      f"журналына {registered_kk} №\u00a0{self.queue_number} нөмірімен кезекке қойылғаны туралы "
                      "берілді."),
                 Line("Мектепке дейінгі ұйымнан орын алу үшін кезекте тұрған көрсетілетін қызметті алушының "
                      "көрсетілетін қызметті берушінің жұмыс кестесіне сәйкес, сондай-ақ электрондық портал арқылы "
                      "өз кезегінің жылжуын бақылауға мүмкіндігі бар.")],
                [Line("Настоящее уведомление выдано родителю", "body"), *blank(a.full_name, "(Ф.И.О. родителя)"),
                 Line("о том, что", "body"), *blank(c.full_name, "(Ф.И.О. ребенка)"),
                 Line(f"{registered_ru} {placed} в очередь под №\u00a0{self.queue_number} в журнале регистрации "
                      "детей дошкольного возраста для направления в дошкольные организации."),
                 Line("Услугополучатель, состоящий в очереди на получение места в дошкольной организации, "
                      "может следить за продвижением своей очереди согласно графику работы услугодателя, а также "
                      "через электронный портал.")],
            ),
            self._facts(),
            self._receipt(),
            signature_block(self),
        ]
        return assemble(self, title_kk="Баланы тіркеу туралы хабарлама",
                        title_ru="Уведомление о регистрации ребенка", body=body)

    def _facts(self) -> Table:
        a, c = self.applicant, self.child
        if self.priority is None:
            category = bi("жалпы кезек", "общая")
        else:
            ground = QUEUE_PRIORITIES[self.priority.ground]
            category = bi(f"бірінші кезектегі ({ground.name_kk})", f"первоочередная ({ground.name_ru})")
        rows: list[tuple[Cell, ...]] = [
            (bi("Баланың туған күні", "Дата рождения ребенка"), format_date(c.born, "kk", "numeric")),
            (bi("Баланың ЖСН-і", "ИИН ребенка"), c.iin),
            (bi("Ата-ананың ЖСН-і", "ИИН родителя"), a.iin),
            (bi("Кезек санаты", "Категория очереди"), category),
        ]
        if a.phone:
            rows.insert(3, (bi("Байланыс телефоны", "Контактный телефон"), a.phone))
        return Table(header=(), rows=tuple(rows), widths=(46, 54))

    def _receipt(self) -> Block:
        service = SERVICES["preschool_queue"]
        count, unit = service.term
        when_kk = format_date(self.registered_on, "kk") + (f", {self.accepted_time}" if self.accepted_time else "")
        when_ru = format_date(self.registered_on, "ru") + (f", {self.accepted_time}" if self.accepted_time else "")
        timed = self.accepted_time is not None
        when_label_kk = "қабылданған күні мен уақыты" if timed else "қабылданған күні"
        when_label_ru = "дата и время приема" if timed else "дата приема"
        n = len(self.accepted_documents)
        employee = self.accepted_by or self.signatory.full_name
        applicant_kk = f"Көрсетілетін қызметті алушы: {self.applicant.full_name}"
        applicant_ru = f"Услугополучатель: {self.applicant.full_name}"
        if self.representative:
            applicant_kk += f"; өкілі: {self.representative}"
            applicant_ru += f"; представитель: {self.representative}"
        if self.applicant.phone:
            applicant_kk += f"; тел. {self.applicant.phone}"
            applicant_ru += f"; тел. {self.applicant.phone}"
        issuer = self.issuer
        return pair(
            [Line("Құжаттардың қабылданғаны туралы қолхат", "heading"),
             Line(f"Өтініш нөмірі: {self.number}; {when_label_kk}: {when_kk}", "label"),
             Line(f"Мемлекеттік көрсетілетін қызмет: {service.name_kk}", "label"),
             Line(f"Қабылданған құжаттар ({n}): " + "; ".join(
                 f"{i}) {d.name_kk}" for i, d in enumerate(self.accepted_documents, 1)) + ".", "label"),
             Line(f"Нәтижені беру мерзімі мен орны: {format_date(self.result_date, 'kk', 'ablative')} кешіктірмей, "
                  f"{issuer.name_kk} "
                  f"(мемлекеттік қызмет көрсету мерзімі – {format_duration(count, unit, 'kk')})", "label"),
             Line(f"Құжаттарды қабылдаған қызметкер: {employee}", "label"),
             Line(applicant_kk, "label")],
            [Line("Расписка о приеме документов", "heading"),
             Line(f"Номер заявления: {self.number}; {when_label_ru}: {when_ru}", "label"),
             Line(f"Государственная услуга: {service.name_ru}", "label"),
             Line(f"Принятые документы ({n}): " + "; ".join(
                 f"{i}) {d.name_ru}" for i, d in enumerate(self.accepted_documents, 1)) + ".", "label"),
             Line(f"Срок и место выдачи результата: не позднее {format_date(self.result_date, 'ru')}, "
                  f"{in_sentence(issuer.name_ru)} "
                  f"(срок оказания государственной услуги – {format_duration(count, unit, 'ru')})", "label"),
             Line(f"Сотрудник, принявший документы: {employee}", "label"),
             Line(applicant_ru, "label")],
        )
