"""2. Kindergarten referral (жолдама), annex 4 of the preschool standard (seed 003)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import ClassVar

from kzdocs.lang import format_date
from kzdocs.workdays import next_working_day

from ._base import PRESCHOOL_AGE, Document, Model, Problem, Resident
from ._fields import Count, Name, Number, age_on
from ._layout import assemble, pair, signature_block, title_block
from ._view import Draft, Line

VALID_DAYS = 5


class Organisation(Model):
    """The preschool organisation the child is referred to."""

    number: Number
    name_kk: Name | None = None
    name_ru: Name | None = None
    #: The locality as printed, with its type word: «Орал қаласы» / «город Уральск», «Қосшы ауылы» / «село Косшы».
    locality_kk: Name
    locality_ru: Name
    #: The street as printed, with its type word: «Абай көшесі» / «улица Абая»,
    #: «Абылай хан даңғылы» / «проспект Абылай хана».
    street_kk: Name
    street_ru: Name
    building: Number


class KindergartenReferral(Document):
    """Kindergarten referral — «Жолдама» / «Направление»."""

    kind: ClassVar[str] = "kindergarten-referral"
    titles: ClassVar[Mapping[str, str]] = {
        "kk": "Мектепке дейінгі ұйымға жолдама",
        "ru": "Направление в дошкольную организацию",
        "en": "Kindergarten referral",
    }

    child: Resident
    organisation: Organisation
    #: The queue number the referral came from (optional).
    queue_number: Count | None = None

    def _rules(self) -> Iterator[Problem]:
        age = age_on(self.child.born, self.issue_date)
        if age >= PRESCHOOL_AGE:
            yield Problem(("child", "birth_date"), "child.too_old",
                          "the child must be younger than {limit} on issue_date, but is {age}",
                          {"age": age, "limit": PRESCHOOL_AGE})
        if self.child.born > self.issue_date:
            yield Problem(("child", "birth_date"), "child.not_born", "the child is born after issue_date")
        if (self.organisation.name_kk is None) != (self.organisation.name_ru is None):
            yield Problem(("organisation", "name_ru" if self.organisation.name_ru is None else "name_kk"),
                          "organisation.name_pair", "give the organisation's name in both languages or in neither")

    @property
    def valid_until(self) -> date:
        """Last day the referral can be handed in: issue date plus 5 calendar days, moved to the next
        working day when that day is a day off (the civil-law rule on the end of a term)."""
        return next_working_day(self.issue_date + timedelta(days=VALID_DAYS))

    def draft(self) -> Draft:
        i, o, c = self.issuer, self.organisation, self.child
        kk = [
            Line(f"{i.name_kk} {o.locality_kk}, {o.street_kk}, {o.building} мекенжайы бойынша "
                 f"орналасқан №\u00a0{o.number} мектепке дейінгі ұйымға жолдама береді."),
        ]
        ru = [
            Line(f"{i.name_ru} выдает направление в дошкольную организацию №\u00a0{o.number}, расположенную по адресу: "
                 f"{o.locality_ru}, {o.street_ru}, {o.building}."),
        ]
        if o.name_kk and o.name_ru:
            kk.append(Line(f"Мектепке дейінгі ұйымның атауы: {o.name_kk}"))
            ru.append(Line(f"Наименование дошкольной организации: {o.name_ru}"))
        kk += [
            Line(f"Баланың тегі, аты, әкесінің аты: {c.full_name}", "label"),
            Line(f"Туған күні: {format_date(c.born, 'kk')}", "label"),
            Line(f"Баланың үйінің мекенжайы: {c.address_kk}", "label"),
        ]
        ru += [
            Line(f"Фамилия, имя, отчество ребенка: {c.full_name}", "label"),
            Line(f"Дата рождения: {format_date(c.born, 'ru')}", "label"),
            Line(f"Домашний адрес ребенка: {c.address_ru}", "label"),
        ]
        if self.queue_number is not None:
            kk.append(Line(f"Кезектілік нөмірі: {self.queue_number}", "label"))
            ru.append(Line(f"Номер очередности: {self.queue_number}", "label"))
        kk += [
            Line("Жолдама мектепке дейінгі ұйымға берілген күннен бастап 5 күн ішінде тапсырылуы тиіс."),
            Line(f"Жолдама {format_date(self.valid_until, 'kk', 'accusative')} қоса алғанға дейін жарамды."),
            Line(f"Жолдама {format_date(self.issue_date, 'kk', 'locative')} берілді."),
        ]
        ru += [
            Line("Направление должно быть предъявлено в дошкольную организацию в течение 5 дней со дня выдачи."),
            Line(f"Направление действительно до {format_date(self.valid_until, 'ru')} включительно."),
            Line(f"Направление выдано {format_date(self.issue_date, 'ru')}."),
        ]
        title_kk = f"Баланы мектепке дейінгі ұйымға қабылдау үшін №\u00a0{self.number} ЖОЛДАМА"
        title_ru = f"НАПРАВЛЕНИЕ №\u00a0{self.number} для приема ребенка в дошкольную организацию"
        body = [
            title_block(title_kk, title_ru),
            pair(kk, ru),
            signature_block(self, seal_kk="Мөр", seal_ru="М.П."),
        ]
        return assemble(self, title_kk=title_kk, title_ru=title_ru, body=body,
                        verbatim=[self.organisation.number])
