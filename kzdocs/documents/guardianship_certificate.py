"""4. Guardianship / trusteeship certificate (анықтама), seed 002."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import ClassVar, Final, Literal, NamedTuple

from pydantic import Field

from kzdocs.lang import format_date

from ._base import ADULT_AGE, GUARDIANSHIP_AGE, Document, Model, Person, Problem, not_after_issue
from ._fields import Day, Number, Text, add_years, age_on
from ._layout import assemble, blank, pair, signature_block, title_block
from ._view import Block, Cell, Draft, Line, Table, bi


class ActKind(NamedTuple):
    kk: str
    ru_genitive: str


ACT_KINDS: Final = {
    "resolution": ActKind("қаулысы", "постановления"),
    "order": ActKind("бұйрығы", "приказа"),
    "decision": ActKind("шешімі", "решения"),
}


class Basis(Model):
    """The act that appointed the guardian.

    ``authority_kk`` and ``authority_ru`` are the body's name as it stands before the act's
    date, i.e. in the genitive: «Орал қаласы әкімдігінің» / «акимата города Уральска».
    """

    kind: Literal["resolution", "order", "decision"] = "resolution"
    authority_kk: Text
    authority_ru: Text
    date: Day
    number: Number


class GuardianshipCertificate(Document):
    """Guardianship certificate — «… қорғаншылық немесе қамқоршылық белгілеу туралы анықтама»."""

    kind: ClassVar[str] = "guardianship-certificate"
    titles: ClassVar[Mapping[str, str]] = {
        "kk": "Қорғаншылық (қамқоршылық) белгілеу туралы анықтама",
        "ru": "Справка об установлении опеки (попечительства)",
        "en": "Guardianship / trusteeship certificate",
    }

    guardian: Person
    children: list[Person] = Field(min_length=1, max_length=20)
    basis: Basis

    def _rules(self) -> Iterator[Problem]:
        on = self.basis.date
        yield from not_after_issue(self, ("basis", "date"), on)
        guardian_age = age_on(self.guardian.born, on)
        if guardian_age < ADULT_AGE:
            yield Problem(("guardian", "birth_date"), "guardian.minor",
                          "the guardian must be an adult (18+) on basis.date, but is {age}", {"age": guardian_age})
        seen = {self.guardian.iin}
        for index, child in enumerate(self.children):
            age = age_on(child.born, on)
            if age >= ADULT_AGE:
                yield Problem(("children", index, "birth_date"), "child.too_old",
                              "every child must be under 18 on basis.date, but this one is {age}", {"age": age})
            if child.born > on:
                yield Problem(("children", index, "birth_date"), "child.not_born", "born after basis.date")
            if child.iin == self.guardian.iin:
                yield Problem(("children", index, "iin"), "person.same", "the guardian cannot be one of the children")
            elif child.iin in seen:
                yield Problem(("children", index, "iin"), "iin.duplicate", "this IIN is listed twice")
            seen.add(child.iin)

    def form_of(self, child: Person) -> Literal["guardianship", "trusteeship"]:
        """Опека (қорғаншылық) under 14 on the basis date, попечительство (қамқоршылық) from 14."""
        return "guardianship" if age_on(child.born, self.basis.date) < GUARDIANSHIP_AGE else "trusteeship"

    def valid_until(self, child: Person) -> date:
        """The day the child turns 14 (опека) or 18 (попечительство)."""
        years = GUARDIANSHIP_AGE if self.form_of(child) == "guardianship" else ADULT_AGE
        return add_years(child.born, years)

    def draft(self) -> Draft:
        g, b = self.guardian, self.basis
        forms = {self.form_of(c) for c in self.children}
        many = len(self.children) > 1
        role_kk = {"guardianship": "қорғаншы", "trusteeship": "қамқоршы"}
        role_ru = {"guardianship": "опекуном", "trusteeship": "попечителем"}
        if len(forms) == 1:
            (form,) = forms
            who_kk, who_ru = role_kk[form], role_ru[form]
        else:
            who_kk, who_ru = "қорғаншы және қамқоршы", "опекуном и попечителем"  # each child by its age
        assigned = "назначена" if g.sex == "female" else "назначен"
        over_ru = "нижеуказанных детей" if many else "нижеуказанного ребенка"
        act = ACT_KINDS[b.kind]
        title_kk = ("Жетім балаға (жетім балаларға) және ата-анасының қамқорлығынсыз қалған балаға (балаларға) "
                    "қорғаншылық немесе қамқоршылық белгілеу туралы анықтама")
        title_ru = ("Справка об установлении опеки или попечительства над ребенком-сиротой (детьми-сиротами) и "
                    "ребенком (детьми), оставшимся без попечения родителей")
        kk = [
            Line("Осы анықтама"), *blank(g.full_name, "(қорғаншының (қамқоршының) аты-жөні)"),
            Line(f"ЖСН {g.iin}, {b.authority_kk} {format_date(b.date, 'kk', 'attributive')} №\u00a0{b.number} "
                 f"{act.kk} негізінде төменде көрсетілген {'балаларға' if many else 'балаға'} {who_kk} болып "
                 "тағайындалғанын растайды."),
        ]
        ru = [
            Line("Настоящая справка подтверждает, что"), *blank(g.full_name, "(Ф.И.О. опекуна (попечителя))"),
            Line(f"ИИН {g.iin}, на основании {act.ru_genitive} {b.authority_ru} от {format_date(b.date, 'ru')} "
                 f"№\u00a0{b.number} {assigned} {who_ru} {over_ru}."),
        ]
        body: list[Block] = [title_block(title_kk, title_ru), pair(kk, ru), self._children_table(),
                             signature_block(self)]
        return assemble(self, title_kk=title_kk, title_ru=title_ru, body=body,
                        verbatim=[self.basis.number])

    def _children_table(self) -> Table:
        names = {"guardianship": ("қорғаншылық", "опека"), "trusteeship": ("қамқоршылық", "попечительство")}
        rows: list[tuple[Cell, ...]] = []
        for child in self.children:
            form = self.form_of(child)
            kk, ru = names[form]
            on = format_date(self.valid_until(child), "kk", "numeric")
            if form == "guardianship":  # опека becomes попечительство at 14 by law, without a new act
                term = bi(f"14 жасқа толғанда ({on}) қамқоршылыққа ауысады",
                          f"по достижении 14 лет ({on}) переходит в попечительство", "\n")
            else:
                term = bi(f"18 жасқа толғанға дейін ({on})", f"до достижения 18 лет ({on})", "\n")
            rows.append((child.full_name, format_date(child.born, "kk", "numeric"), child.iin, bi(kk, ru),
                         term))
        header = (bi("Баланың аты-жөні", "Ф.И.О. ребенка"), bi("Туған күні", "Дата рождения"),
                  bi("ЖСН", "ИИН"), bi("Түрі", "Вид"),
                  bi("Қорғаншылықтың (қамқоршылықтың) мерзімі", "Срок опеки (попечительства)"))
        return Table(header=header, rows=tuple(rows), widths=(24, 13, 16, 17, 30))
