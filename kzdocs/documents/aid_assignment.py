"""3. Aid assignment notice: targeted social assistance or the child benefit (seed 001)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import ClassVar, Final, Literal, NamedTuple

from pydantic import Field

from kzdocs.lang import format_amount, format_date

from ._base import ADULT_AGE, Contact, Document, Model, Person, Problem, not_after_issue
from ._fields import Day, Iban, Money, Name, Number, age_on, mask_iban
from ._layout import assemble, pair, signature_block, title_block
from ._view import Block, Cell, Draft, Line, Table, bi

AMOUNT_LIMIT: Final = Decimal(100_000_000)
AidType = Literal["targeted_social_assistance", "child_benefit"]


#: Both aids are assigned under the Social Code since 1 July 2023 (it replaced the laws of 2001 on
#: targeted social assistance and of 2005 on benefits to families with children).
_SOCIAL_CODE_KK: Final = "Қазақстан Республикасының 2023 жылғы 20 сәуірдегі Әлеуметтік кодексі"
_SOCIAL_CODE_RU: Final = "Социальный кодекс Республики Казахстан от 20 апреля 2023 года"


class Aid(NamedTuple):
    name_kk: str
    name_ru: str
    name_ru_genitive: str
    #: «назначена» (помощь, feminine) or «назначено» (пособие, neuter).
    assigned_ru: str
    #: The act the aid is assigned under, printed as the notice's basis.
    basis_kk: str = _SOCIAL_CODE_KK
    basis_ru: str = _SOCIAL_CODE_RU


AIDS: Final[dict[str, Aid]] = {
    "targeted_social_assistance": Aid(
        "мемлекеттік атаулы әлеуметтік көмек", "государственная адресная социальная помощь",
        "государственной адресной социальной помощи", "назначена",
    ),
    "child_benefit": Aid(
        "он сегіз жасқа дейінгі балаларға мемлекеттік жәрдемақы",
        "государственное пособие на детей до восемнадцати лет",
        "государственного пособия на детей до восемнадцати лет", "назначено",
    ),
}


class Member(Person):
    """A family member or child covered by the aid (a person: ``birth_date`` optional, checked
    against the IIN)."""

    relation_kk: Name
    relation_ru: Name
    monthly_amount: Money | None = None


class Payment(Model):
    """Where the aid is paid: bank and account (printed masked)."""

    bank_kk: Name
    bank_ru: Name
    iban: Iban


def months_between(start: date, end: date) -> int:
    """Whole calendar months from the month of ``start`` to the month of ``end``, inclusive."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


class AidAssignmentNotice(Document):
    """Aid assignment notice — «… тағайындау туралы хабарлама» / «Уведомление о назначении …»."""

    kind: ClassVar[str] = "aid-assignment"
    titles: ClassVar[Mapping[str, str]] = {
        "kk": "Әлеуметтік көмек тағайындау туралы хабарлама",
        "ru": "Уведомление о назначении помощи (пособия)",
        "en": "Aid assignment notice",
    }

    aid_type: AidType
    applicant: Contact
    application_date: Day
    application_number: Number
    period_from: Day
    period_to: Day
    monthly_amount: Money
    #: The total for the period, if the caller has it: it must equal monthly × months.
    total_amount: Money | None = None
    members: list[Member] = Field(default_factory=list, max_length=30)
    payment: Payment | None = None

    @property
    def months(self) -> int:
        """Number of months of the period (whole calendar months)."""
        return months_between(self.period_from, self.period_to)

    @property
    def total(self) -> Decimal:
        """The sum for the whole period: monthly amount × months."""
        return self.monthly_amount * self.months

    def _rules(self) -> Iterator[Problem]:
        yield from self._amount_rules()
        if self.period_to < self.period_from:
            yield Problem(("period_to",), "period.reversed", "must not be before period_from {start}",
                          {"start": self.period_from.isoformat()}, self.period_to.isoformat())
        else:
            if self.period_from.day != 1:
                yield Problem(("period_from",), "period.whole_months",
                              "aid is assigned for whole months: the period must start on the 1st of a month")
            if (self.period_to + timedelta(days=1)).day != 1:
                yield Problem(("period_to",), "period.whole_months",
                              "aid is assigned for whole months: the period must end on the last day of a month")
            if self.total_amount is not None and self.total_amount != self.total:
                yield Problem(("total_amount",), "amount.total_mismatch",
                              "{given} is not monthly_amount × {months} months = {total}",
                              {"given": str(self.total_amount), "months": self.months, "total": str(self.total)},
                              str(self.total_amount))
        yield from not_after_issue(self, ("application_date",), self.application_date)
        if self.aid_type == "child_benefit":
            if not self.members:
                yield Problem(("members",), "members.empty", "the child benefit needs at least one child")
            for index, member in enumerate(self.members):
                age = age_on(member.born, self.period_from)
                if age >= ADULT_AGE:
                    yield Problem(("members", index, "iin"), "child.too_old",
                                  "the child must be younger than {limit} on period_from, but is {age}",
                                  {"age": age, "limit": ADULT_AGE})
        seen: set[str] = set()
        for index, member in enumerate(self.members):
            if member.iin in seen:
                yield Problem(("members", index, "iin"), "iin.duplicate", "this IIN is listed twice")
            seen.add(member.iin)

    def _amount_rules(self) -> Iterator[Problem]:
        if not 0 < self.monthly_amount < AMOUNT_LIMIT:
            yield Problem(("monthly_amount",), "amount.range", "must be more than 0 and less than 100 000 000")
        given = [m.monthly_amount for m in self.members if m.monthly_amount is not None]
        if not given:
            return
        if len(given) != len(self.members):
            yield Problem(("members",), "members.partial_amounts",
                          "give monthly_amount for every member or for none")
            return
        for index, member in enumerate(self.members):
            if member.monthly_amount is not None and not 0 < member.monthly_amount < AMOUNT_LIMIT:
                yield Problem(("members", index, "monthly_amount"), "amount.range",
                              "must be more than 0 and less than 100 000 000")
        if sum(given, Decimal(0)) != self.monthly_amount:
            yield Problem(("members",), "members.sum_mismatch",
                          "members' monthly amounts add up to {sum}, not to monthly_amount {monthly}",
                          {"sum": str(sum(given, Decimal(0))), "monthly": str(self.monthly_amount)})

    def draft(self) -> Draft:
        aid = AIDS[self.aid_type]
        a = self.applicant
        dear = "Уважаемая" if a.sex == "female" else "Уважаемый"
        monthly_kk, monthly_ru = format_amount(self.monthly_amount, "kk"), format_amount(self.monthly_amount, "ru")
        title_kk = f"{aid.name_kk[0].upper()}{aid.name_kk[1:]} тағайындау туралы хабарлама"
        title_ru = f"Уведомление о назначении {aid.name_ru_genitive}"
        kk = [
            Line(f"Құрметті {a.full_name}!", "center"),
            Line(f"Сіздің {format_date(self.application_date, 'kk', 'attributive')} №\u00a0{self.application_number} "
                 f"өтінішіңіз бойынша Сізге (Сіздің отбасыңызға) {format_date(self.period_from, 'kk', 'ablative')} "
                 f"бастап {format_date(self.period_to, 'kk', 'dative')} дейінгі кезеңге айына {monthly_kk} "
                 f"мөлшерінде {aid.name_kk} тағайындалғанын хабарлаймыз."),
            Line(f"Кезең ішіндегі жалпы сома: {format_amount(self.total, 'kk')}."),
        ]
        ru = [
            Line(f"{dear} {a.full_name}!", "center"),
            Line(f"Сообщаем, что по Вашему заявлению от {format_date(self.application_date, 'ru')} "
                 f"№\u00a0{self.application_number} Вам (Вашей семье) {aid.assigned_ru} {aid.name_ru} в размере "
                 f"{monthly_ru} в месяц на период с {format_date(self.period_from, 'ru')} по "
                 f"{format_date(self.period_to, 'ru')}."),
            Line(f"Общая сумма за период: {format_amount(self.total, 'ru')}."),
        ]
        body: list[Block] = [title_block(title_kk, title_ru), pair(kk, ru)]
        if self.members:
            body.append(self._members_table())
        tail_kk: list[Line] = []
        tail_ru: list[Line] = []
        if self.payment:
            p = self.payment
            tail_kk.append(Line(f"Төлеу тәсілі: {p.bank_kk}, шот {mask_iban(p.iban)}", "label"))
            tail_ru.append(Line(f"Способ выплаты: {p.bank_ru}, счет {mask_iban(p.iban)}", "label"))
        basis_kk, basis_ru = aid.basis_kk, aid.basis_ru
        if self.issuer.legal_basis_kk and self.issuer.legal_basis_ru:  # the office's further acts (rules)
            basis_kk = f"{basis_kk}; {self.issuer.legal_basis_kk}"
            basis_ru = f"{basis_ru}; {self.issuer.legal_basis_ru}"
        tail_kk.append(Line(f"Негіздеме: {basis_kk}", "small"))
        tail_ru.append(Line(f"Основание: {basis_ru}", "small"))
        body.append(pair(tail_kk, tail_ru))
        body.append(signature_block(self))
        return assemble(self, title_kk=title_kk, title_ru=title_ru, body=body,
                        verbatim=[self.application_number])

    def _members_table(self) -> Table:
        with_amounts = any(m.monthly_amount is not None for m in self.members)
        header = [bi("Аты-жөні", "Ф.И.О."), bi("Туыстық қатынасы (өтініш берушіге)",
                                                   "Степень родства (отношение к заявителю)"),
                  bi("Туған күні", "Дата рождения"), bi("ЖСН", "ИИН")]
        widths = [22, 19, 13, 16]  # dates and IINs never need to wrap
        if with_amounts:
            header.append(bi("Айлық сома", "Сумма в месяц"))
            widths.append(30)
        rows: list[tuple[Cell, ...]] = []
        for m in self.members:
            row: list[Cell] = [m.full_name, bi(m.relation_kk, m.relation_ru),
                   format_date(m.born, "kk", "numeric"), m.iin]
            if with_amounts and m.monthly_amount is not None:
                row.append(bi(format_amount(m.monthly_amount, "kk"), format_amount(m.monthly_amount, "ru"), "\n"))
            rows.append(tuple(row))
        scale = 100 / sum(widths)
        return Table(header=tuple(header), rows=tuple(rows), widths=tuple(round(w * scale) for w in widths))
