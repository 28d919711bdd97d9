"""6. Motivated refusal (бас тарту туралы дәлелді жауап), for any service of the catalogue."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar, Literal

from pydantic import Field

from kzdocs.lang import format_date

from ._base import Contact, Document, Model, Problem, not_after_issue
from ._fields import Day, Number, Text
from ._layout import assemble, pair, signature_block, title_block
from ._view import Draft, Line
from .catalogue import REFUSAL_GROUNDS, REFUSAL_LAW_KK, REFUSAL_LAW_RU, SERVICES

ServiceCode = Literal[
    "preschool_queue", "education_duplicates", "externat", "pmpc_examination", "rehabilitation",
    "family_counselling", "targeted_social_assistance", "child_benefit", "tsa_certificate",
    "employment_referral", "special_social_services_institution", "special_social_services_home",
    "rural_specialist_fuel_aid", "job_seeker_registration", "unemployed_registration", "guardianship",
    "visitation_permit",
]
GroundCode = Literal["incomplete_documents", "false_data", "not_eligible", "eds_not_verified", "age_limit", "other"]


class RefusalGround(Model):
    """One ground of the refusal, from the catalogue, with details where it needs them."""

    code: GroundCode
    details_kk: Text | None = None
    details_ru: Text | None = None

    def _rules(self) -> Iterator[Problem]:
        if REFUSAL_GROUNDS[self.code].details_required:
            for field in ("details_kk", "details_ru"):
                if getattr(self, field) is None:
                    yield Problem((field,), "ground.details_required",
                                  "the ground {code} needs details in both languages", {"code": self.code})

    def text(self, lang: str) -> str:
        ground = REFUSAL_GROUNDS[self.code]
        fixed = ground.text_kk if lang == "kk" else ground.text_ru
        details = self.details_kk if lang == "kk" else self.details_ru
        if not fixed:
            return details or ""
        return f"{fixed}: {details}" if details else fixed


class MotivatedRefusal(Document):
    """Motivated refusal — «… бас тарту туралы дәлелді жауап» / «Мотивированный ответ об отказе …»."""

    kind: ClassVar[str] = "motivated-refusal"
    titles: ClassVar[Mapping[str, str]] = {
        "kk": "Бас тарту туралы дәлелді жауап",
        "ru": "Мотивированный ответ об отказе",
        "en": "Motivated refusal",
    }

    applicant: Contact
    service: ServiceCode
    application_date: Day
    application_number: Number
    grounds: list[RefusalGround] = Field(min_length=1, max_length=10)

    def _rules(self) -> Iterator[Problem]:
        yield from not_after_issue(self, ("application_date",), self.application_date)
        admitted = SERVICES[self.service].grounds
        for index, ground in enumerate(self.grounds):
            if ground.code not in admitted:
                yield Problem(("grounds", index, "code"), "ground.not_for_service",
                              "the ground {code} does not apply to the service {service}; it admits: {admitted}",
                              {"code": ground.code, "service": self.service, "admitted": ", ".join(admitted)},
                              ground.code)
        codes = [g.code for g in self.grounds if g.code != "other"]
        if len(set(codes)) != len(codes):
            yield Problem(("grounds",), "ground.duplicate", "a ground is listed twice")

    def _ground_lines(self, lang: str) -> list[Line]:
        """«1) …;» for each ground, the last one ending with a full stop."""
        last = len(self.grounds)
        return [Line(f"{i}) {g.text(lang)}{'.' if i == last else ';'}", "item") for i, g in enumerate(self.grounds, 1)]

    def draft(self) -> Draft:
        a, service = self.applicant, SERVICES[self.service]
        dear = "Уважаемая" if a.sex == "female" else "Уважаемый"
        title_kk = "Мемлекеттік қызмет көрсетуден бас тарту туралы дәлелді жауап"
        title_ru = "Мотивированный ответ об отказе в оказании государственной услуги"
        one = len(self.grounds) == 1
        grounds_kk = "мынадай негіз" if one else "мынадай негіздер"
        grounds_ru = "по следующему основанию" if one else "по следующим основаниям"
        kk = [
            Line(f"Құрметті {a.full_name}!", "center"),
            Line(f"Сіздің {format_date(self.application_date, 'kk', 'attributive')} №\u00a0{self.application_number} "
                 f"«{service.name_kk}» мемлекеттік көрсетілетін қызметті алу туралы өтінішіңіз қаралды. Мемлекеттік "
                 f"қызметті көрсетуден {REFUSAL_LAW_KK} {grounds_kk} бойынша бас тартылды:"),
            *self._ground_lines("kk"),
            Line("Осы шешімге Қазақстан Республикасының заңнамасында белгіленген тәртіппен көрсетілетін "
                 "қызметті берушінің басшысына, жергілікті атқарушы органға немесе сотқа шағым жасауға құқылысыз."),
        ]
        ru = [
            Line(f"{dear} {a.full_name}!", "center"),
            Line(f"Ваше заявление от {format_date(self.application_date, 'ru')} №\u00a0{self.application_number} "
                 f"на получение государственной услуги «{service.name_ru}» рассмотрено. В оказании "
                 f"государственной услуги отказано {REFUSAL_LAW_RU} {grounds_ru}:"),
            *self._ground_lines("ru"),
            Line("Вы вправе обжаловать настоящее решение руководителю услугодателя, в местный исполнительный "
                 "орган или в суд в порядке, установленном законодательством Республики Казахстан."),
        ]
        body = [title_block(title_kk, title_ru), pair(kk, ru), signature_block(self)]
        return assemble(self, title_kk=title_kk, title_ru=title_ru, body=body,
                        verbatim=[self.application_number])
