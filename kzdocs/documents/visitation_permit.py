"""5. Visitation permit for a parent deprived of parental rights (seed 004)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar, Final, Literal

from pydantic import Field

from kzdocs.lang import format_date

from ._base import ADULT_AGE, Document, Model, Person, Problem
from ._fields import Day, Text, age_on
from ._layout import assemble, blank, pair, signature_block, title_block
from ._view import Draft, Line
from .queue_receipt import Clock

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS_KK: Final = ("дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі", "жексенбі")
#: «по понедельникам …»: the dative plural after «по».
WEEKDAYS_RU: Final = ("понедельникам", "вторникам", "средам", "четвергам", "пятницам", "субботам", "воскресеньям")


def _enumerate(words: list[str], conjunction: str) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


class Court(Model):
    """The court whose decision deprived the parent of parental rights.

    Names stand in the genitive, as printed: «Орал қалалық сотының» / «Уральского городского суда».
    """

    name_kk: Text
    name_ru: Text
    decision_date: Day


class Schedule(Model):
    """When the meetings take place: weekdays or explicit dates, and a time window."""

    weekdays: list[Weekday] = Field(default_factory=list, max_length=7)
    dates: list[Day] = Field(default_factory=list, max_length=60)
    time_from: Clock
    time_to: Clock

    def _rules(self) -> Iterator[Problem]:
        if not self.weekdays and not self.dates:
            yield Problem(("weekdays",), "schedule.empty", "give the weekdays or the dates of the meetings")
        if len(set(self.weekdays)) != len(self.weekdays):
            yield Problem(("weekdays",), "schedule.duplicate", "a weekday is listed twice")
        if self.time_from >= self.time_to:
            yield Problem(("time_to",), "schedule.time_order", "must be later than time_from {start}",
                          {"start": self.time_from}, self.time_to)

    def text(self, lang: str) -> str:
        """«әр сенбі, 10:00–12:00» / «по субботам, 10:00–12:00» (or the dates)."""
        window = f"{self.time_from}–{self.time_to}"
        parts = []
        if self.weekdays:
            days = sorted(self.weekdays, key=WEEKDAYS.index)
            if lang == "kk":
                parts.append("әр " + _enumerate([WEEKDAYS_KK[WEEKDAYS.index(d)] for d in days], "және"))
            else:
                parts.append("по " + _enumerate([WEEKDAYS_RU[WEEKDAYS.index(d)] for d in days], "и"))
        if self.dates:
            parts.append(", ".join(format_date(d, lang, "numeric") for d in sorted(self.dates)))
        return f"{'; '.join(parts)}, {window}"


class VisitationPermit(Document):
    """Visitation permit — «Баламен кездесуге рұқсат» / «Разрешение на свидание с ребенком»."""

    kind: ClassVar[str] = "visitation-permit"
    titles: ClassVar[Mapping[str, str]] = {
        "kk": "Баламен кездесуге рұқсат",
        "ru": "Разрешение на свидание с ребенком",
        "en": "Visitation permit for a parent deprived of parental rights",
    }

    parent: Person
    child: Person
    court: Court
    period_from: Day
    period_to: Day
    schedule: Schedule
    place_kk: Text
    place_ru: Text
    #: Who attends, as printed before «қатысуымен»: «қорғаншылық және қамқоршылық органы маманының».
    supervisor_kk: Text
    #: Who attends, in the genitive after «в присутствии»: «специалиста органа опеки и попечительства».
    supervisor_ru: Text

    def _rules(self) -> Iterator[Problem]:
        if self.period_to < self.period_from:
            yield Problem(("period_to",), "period.reversed", "must not be before period_from {start}",
                          {"start": self.period_from.isoformat()}, self.period_to.isoformat())
        age = age_on(self.child.born, self.period_from)
        if age >= ADULT_AGE:
            yield Problem(("child", "birth_date"), "child.too_old",
                          "the child must be under {limit} on period_from, but is {age}",
                          {"age": age, "limit": ADULT_AGE})
        if self.court.decision_date >= self.issue_date:
            yield Problem(("court", "decision_date"), "date.order", "must be before the issue date {issue}",
                          {"issue": self.issue_date.isoformat()}, self.court.decision_date.isoformat())
        if self.parent.iin == self.child.iin:
            yield Problem(("child", "iin"), "person.same", "the parent and the child have the same IIN")
        for index, day in enumerate(self.schedule.dates):
            if not self.period_from <= day <= self.period_to:
                yield Problem(("schedule", "dates", index), "schedule.outside_period",
                              "{day} is outside the period", {"day": day.isoformat()}, day.isoformat())

    def draft(self) -> Draft:
        p, c, court = self.parent, self.child, self.court
        deprived = "лишенной" if p.sex == "female" else "лишенному"
        to_parent = "матери" if p.sex == "female" else "отцу"  # «родителю … лишенной» would not agree
        title_kk = "Балаға кері әсер етпейтін ата-ана құқықтарынан айырылған ата-анаға баламен кездесуге рұқсат"
        title_ru = ("Разрешение на свидание с ребенком родителю, лишенному родительских прав, не оказывающему на "
                    "ребенка негативного влияния")
        kk = [
            Line(f"Қорғаншылық және қамқоршылық органы ретінде {self.issuer.name_kk} {court.name_kk} "
                 f"{format_date(court.decision_date, 'kk', 'attributive')} шешімімен ата-ана құқықтарынан айырылған "
                 "ата-анаға"),
            *blank(p.full_name, "(ата-ананың аты-жөні)"),
            Line(f"ЖСН {p.iin}, {format_date(c.born, 'kk', 'locative')} туған баласымен"),
            *blank(c.full_name, "(баланың аты-жөні)"),
            Line("кездесуге рұқсат береді."),
            Line(f"Кездесу кезеңі: {format_date(self.period_from, 'kk', 'ablative')} бастап "
                 f"{format_date(self.period_to, 'kk', 'dative')} дейін. Кестесі: {self.schedule.text('kk')}. "
                 f"Өтетін орны: {self.place_kk}. Кездесу {self.supervisor_kk} қатысуымен өтеді."),
        ]
        ru = [
            Line(f"{self.issuer.name_ru} как орган опеки и попечительства разрешает {to_parent}"),
            *blank(p.full_name, "(Ф.И.О. родителя)"),
            Line(f"ИИН {p.iin}, {deprived} родительских прав решением {court.name_ru} от "
                 f"{format_date(court.decision_date, 'ru')}, свидания с ребенком"),
            *blank(c.full_name, "(Ф.И.О. ребенка)"),
            Line(f"{format_date(c.born, 'ru')} рождения."),
            Line(f"Период свиданий: с {format_date(self.period_from, 'ru')} по {format_date(self.period_to, 'ru')}. "
                 f"График: {self.schedule.text('ru')}. Место проведения: {self.place_ru}. Свидания проводятся "
                 f"в присутствии {self.supervisor_ru}."),
        ]
        body = [title_block(title_kk, title_ru), pair(kk, ru), signature_block(self)]
        return assemble(self, title_kk=title_kk, title_ru=title_ru, body=body)
