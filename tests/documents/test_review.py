"""Issue 10 (native-speaker review): validation rules that keep wrong words off the page."""

from __future__ import annotations

import doctest
import re
from collections.abc import Callable
from datetime import date
from typing import Any, get_args

import pytest
from helpers import DELETE, make_iin, sample_data
from pydantic import ValidationError

from kzdocs import workdays
from kzdocs.documents import Document, parse_document
from kzdocs.documents import _names as names
from kzdocs.documents.catalogue import ACCEPTED_DOCUMENTS, REFUSAL_GROUNDS, SERVICES
from kzdocs.documents.motivated_refusal import GroundCode, ServiceCode
from kzdocs.documents.queue_receipt import AcceptedCode
from kzdocs.lang import cases

Build = Callable[..., Document]


def errors(doc: str, changes: dict[str, Any], build: Build) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as info:
        build(doc, changes)
    return list(info.value.errors())


def test_doctests_of_the_new_helpers() -> None:
    for module in (names, cases):
        assert doctest.testmod(module).failed == 0


def test_literals_match_the_catalogues() -> None:
    assert set(get_args(AcceptedCode)) == set(ACCEPTED_DOCUMENTS)
    assert set(get_args(ServiceCode)) == set(SERVICES)
    assert set(get_args(GroundCode)) == set(REFUSAL_GROUNDS)
    for service in SERVICES.values():
        assert set(service.grounds) <= set(REFUSAL_GROUNDS) and "other" in service.grounds


# point 5: a plain string is one language; a bilingual receipt prints both
def test_accepted_documents_by_code_print_in_both_languages(build: Build) -> None:
    doc = build("queue-receipt", {"accepted_documents": ["application", {"document": "birth_certificate"},
                                                         {"name_kk": "Анықтама", "name_ru": "Справка"}]})
    kk, ru = "\n".join(doc.view(("kk",)).text_lines()), "\n".join(doc.view(("ru",)).text_lines())
    assert "1) Өтініш; 2) Баланың туу туралы куәлігі; 3) Анықтама." in kk
    assert "1) Заявление; 2) Свидетельство о рождении ребенка; 3) Справка." in ru
    assert "Өтініш" not in ru


def test_a_one_language_document_name_is_refused_with_a_clear_error(build: Build) -> None:
    [error] = errors("queue-receipt", {"accepted_documents": ["application", "Өтініш"]}, build)
    assert error["loc"] == ("accepted_documents", 1)
    assert "one language only" in error["msg"] and "birth_certificate" in error["msg"]
    assert "name_kk and name_ru" in error["msg"]


# point 11: a ground must fit the service
def test_a_ground_that_does_not_fit_the_service_is_refused(build: Build) -> None:
    found = errors("motivated-refusal", {"service": "job_seeker_registration"}, build)
    [error] = [e for e in found if e["type"] == "ground.not_for_service"]
    assert error["loc"] == ("grounds", 1, "code")
    assert "age_limit" in error["msg"] and "job_seeker_registration" in error["msg"]
    assert "age_limit" not in SERVICES["job_seeker_registration"].grounds
    assert "age_limit" in SERVICES["preschool_queue"].grounds
    build("motivated-refusal", {"service": "preschool_queue"})  # the same grounds fit the queue


# point 13: the name's ending against the IIN's sex
@pytest.mark.parametrize(("full_name", "expected"), [
    ("Қалиев Бауыржан Серікұлы", "male"),
    ("Жұмабаева Гүлнар Серікқызы", "female"),
    ("Иванов Петр Сергеевич", "male"),
    ("Петрова Анна Ивановна", "female"),
    ("Ковальская Ирина", "female"),
    ("Жасмин Қалиева", None),  # a female first name with a «male» ending: endings disagree, nothing told
    ("Ли Анна", None),
    ("Ким Сергей", None),
    ("Нұрлан Әлия", None),
])
def test_what_a_name_tells(full_name: str, expected: str | None) -> None:
    told = names.name_sex(full_name)
    assert (told[0] if told else None) == expected


def test_a_name_of_the_other_sex_than_the_iin_is_refused(build: Build) -> None:
    woman = make_iin(date(1988, 11, 2), "female")
    [error] = errors("aid-assignment", {"applicant.iin": woman, "applicant.full_name": "Қалиев Бауыржан Серікұлы",
                                        "applicant.birth_date": "1988-11-02"}, build)
    assert error["loc"] == ("applicant", "full_name")
    assert "man's name" in error["msg"] and "woman's" in error["msg"] and "name_sex_confirmed" in error["msg"]
    assert "Қалиев" not in error["msg"]  # personal data stays out of messages
    confirmed = build("aid-assignment", {"applicant.iin": woman, "applicant.birth_date": "1988-11-02",
                                         "applicant.full_name": "Қалиев Бауыржан Серікұлы",
                                         "applicant.name_sex_confirmed": True})
    assert "Уважаемая Қалиев Бауыржан Серікұлы!" in "\n".join(confirmed.view(("ru",)).text_lines())


def test_names_without_a_telling_ending_pass(build: Build) -> None:
    doc = build("motivated-refusal", {"applicant.full_name": "Ли Анна", "applicant.iin": make_iin(date(1980, 1, 1)),
                                      "applicant.birth_date": "1980-01-01"})
    assert doc.applicant.full_name == "Ли Анна"  # type: ignore[attr-defined]


# point 14: aid members are persons
def test_aid_members_accept_a_birth_date_checked_against_the_iin(build: Build) -> None:
    doc = build("aid-assignment", {"members.0.birth_date": "1988-11-02"})
    assert doc.members[0].born == date(1988, 11, 2)  # type: ignore[attr-defined]
    [error] = errors("aid-assignment", {"members.0.birth_date": "1988-11-03"}, build)
    assert error["loc"] == ("members", 0, "birth_date") and error["type"] == "person.birth_date_mismatch"


# point 7: the last day of a term that falls on a day off moves to the next working day
@pytest.mark.parametrize(("issued", "last_day"), [
    ("2026-11-23", date(2026, 11, 30)),  # +5 = Saturday 28.11 → Monday 30.11
    ("2026-11-20", date(2026, 11, 25)),  # +5 = Wednesday: no move
    ("2026-12-11", date(2026, 12, 17)),  # +5 = 16.12, Independence Day → 17.12
])
def test_referral_validity_ends_on_a_working_day(issued: str, last_day: date) -> None:
    data = sample_data("kindergarten-referral")
    data["issue_date"] = issued
    doc = parse_document("kindergarten-referral", data)
    assert doc.valid_until == last_day  # type: ignore[attr-defined]
    assert workdays.is_working_day(last_day)
    assert workdays.next_working_day(last_day) == last_day


# The sentence points: each test fails on the wording before issue 10.
def text(doc: Document, lang: str) -> str:
    return "\n".join(doc.view((lang,)).text_lines()).replace("\u00a0", " ")


def test_receipt_names_the_employee_neutrally_and_makes_one_russian_statement(build: Build) -> None:
    ru = text(build("queue-receipt"), "ru")
    assert "Сотрудник, принявший документы: Жұмабаева Гүлнар Серікқызы" in ru  # 1: no «принял» for a woman
    assert "Документы принял" not in ru
    assert ("Настоящее уведомление выдано родителю\nСейтқалиева Әйгерім Маратқызы\n(Ф.И.О. родителя)\nо том, что\n"
            "Сейтқалиев Нұрсұлтан Ерланұлы\n(Ф.И.О. ребенка)\n23 ноября 2026 года поставлен в очередь под № 1548 "
            "в журнале") in ru  # 2
    assert "дата и время приема: 23 ноября 2026 года, 10:42" in ru
    untimed = text(build("queue-receipt", {"accepted_time": None}), "ru")
    assert "дата приема: 23 ноября 2026 года\n" in untimed and "время" not in untimed
    assert "Срок и место выдачи результата: не позднее 26 ноября 2026 года, отдел образования города Уральска" in ru


def test_kazakh_dates_as_adverbs_take_the_locative(build: Build) -> None:  # 3
    receipt, referral = text(build("queue-receipt"), "kk"), text(build("kindergarten-referral"), "kk")
    assert "журналына 2026 жылғы 23 қарашада № 1548 нөмірімен кезекке қойылғаны туралы берілді." in receipt
    assert "Жолдама 2026 жылғы 23 қарашада берілді." in referral
    months = "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан"
    for name in ("queue-receipt", "kindergarten-referral", "aid-assignment", "guardianship-certificate",
                 "visitation-permit", "motivated-refusal"):
        kk = text(build(name), "kk")
        assert not re.search(rf"\d{{4}} жылғы \d{{1,2}} (?:{months}) (?:берілді|қойылды|қойылғаны|туған|№)", kk), name


def test_kazakh_genitive_labels_carry_the_possessive(build: Build) -> None:  # 4
    kk = text(build("queue-receipt"), "kk")
    assert "Баланың ЖСН-і\n" in kk and "Ата-ананың ЖСН-і\n" in kk
    assert not re.search(r"ның ЖСН\n|нің ЖСН\n", kk)


def test_signatures_are_captioned_only_as_a_signature(build: Build) -> None:  # 6
    for name in ("queue-receipt", "kindergarten-referral", "aid-assignment", "guardianship-certificate",
                 "visitation-permit", "motivated-refusal"):
        paper = {"electronic": False, "electronic_signature": DELETE} if name == "motivated-refusal" else {}
        doc = build(name, paper)
        kk, ru = text(doc, "kk"), text(doc, "ru")
        assert "\n(қолы)\n" in kk and "\n(подпись)\n" in ru, name
        signed = text(build(name, {"electronic": True}), "kk")
        assert "(қолы)" not in signed and "__________" not in signed, name  # an EDS block, no handwritten line
        for wrong in ("специалист управления", "начальника управления", "маманы)", "бастығының"):
            assert wrong not in kk + ru, (name, wrong)


def test_referral_validity_agrees_in_both_languages(build: Build) -> None:  # 7
    kk, ru = text(build("kindergarten-referral"), "kk"), text(build("kindergarten-referral"), "ru")
    assert "Жолдама 2026 жылғы 30 қарашаны қоса алғанға дейін жарамды." in kk
    assert "Направление действительно до 30 ноября 2026 года включительно." in ru


def test_referral_addresses_are_printed_with_their_own_type_words(build: Build) -> None:  # 8
    doc = build("kindergarten-referral")
    kk, ru = text(doc, "kk"), text(doc, "ru")
    assert "Орал қаласы, Абай даңғылы, 45 мекенжайы бойынша орналасқан № 12" in kk
    assert "по адресу: город Уральск, проспект Абая, 45." in ru
    assert "көшесі" not in kk.split("\n")[5] and "улица" not in ru.split("\n")[5]
    village = build("kindergarten-referral", {"organisation.locality_kk": "Қосшы ауылы",
                                              "organisation.locality_ru": "село Косшы"})
    assert "Қосшы ауылы, Абай даңғылы, 45" in text(village, "kk")
    [error] = errors("kindergarten-referral", {"organisation.city_kk": "Орал"}, build)
    assert error["loc"] == ("organisation", "city_kk") and error["type"] == "extra_forbidden"


def test_visitation_permit_marks_the_parent_and_puts_the_participle_first(build: Build) -> None:  # 9
    kk = text(build("visitation-permit"), "kk")
    assert "шешімімен ата-ана құқықтарынан айырылған ата-анаға\nЖақсылықов Ерлан Бекұлы\n" in kk
    assert "ЖСН 900404366126, 2018 жылғы 10 қазанда туған баласымен\nЖақсылықова Әсел Ерланқызы\n" in kk
    assert "\nкездесуге рұқсат береді." in kk


def test_guardianship_says_that_opeka_turns_into_popechitelstvo(build: Build) -> None:  # 10
    kk, ru = text(build("guardianship-certificate"), "kk"), text(build("guardianship-certificate"), "ru")
    assert "14 жасқа толғанда (27.01.2030) қамқоршылыққа ауысады" in kk
    assert "по достижении 14 лет (27.01.2030) переходит в попечительство" in ru
    assert "до достижения 18 лет (15.08.2028)" in ru and "18 жасқа толғанға дейін (15.08.2028)" in kk
    assert "Действует до" not in ru and "\nВид\n" in ru and "\nТүрі\n" in kk


def test_refusal_cites_the_law_and_agrees_in_tense(build: Build) -> None:  # 11
    kk, ru = text(build("motivated-refusal"), "kk"), text(build("motivated-refusal"), "ru")
    assert "Заңының 19-1-бабына сәйкес мынадай негіздер бойынша бас тартылды:" in kk
    assert "бас тартылады" not in kk
    assert ("отказано в соответствии со статьей 19-1 Закона Республики Казахстан от 15 апреля 2013 года "
            "«О государственных услугах» по следующим основаниям:") in ru


def test_smaller_points_of_the_review(build: Build) -> None:
    aid_kk, aid_ru = text(build("aid-assignment"), "kk"), text(build("aid-assignment"), "ru")
    assert "Мемлекеттік атаулы әлеуметтік көмек тағайындау туралы хабарлама" in aid_kk
    assert "мөлшерінде мемлекеттік атаулы әлеуметтік көмек тағайындалғанын" in aid_kk
    assert "Төлеу тәсілі: " in aid_kk and "Төлем арнасы" not in aid_kk
    assert "Кезең ішіндегі жалпы сома: " in aid_kk
    assert "Туыстық қатынасы (өтініш берушіге)" in aid_kk and "Степень родства (отношение к заявителю)" in aid_ru
    priorities = {ground: text(build("queue-receipt", {"priority.ground": ground}), "kk") + text(
        build("queue-receipt", {"priority.ground": ground}), "ru") for ground in ("disabled_children",
                                                                                "without_parental_care",
                                                                                "war_veterans_equivalent")}
    assert "мүгедектігі бар адамдардың балалары" in priorities["disabled_children"]
    assert "дети лиц с инвалидностью" in priorities["disabled_children"]
    assert "ата-анасының қамқорлығынсыз қалған балалар" in priorities["without_parental_care"]
    assert "соғысқа қатысқан және соғыс мүгедектеріне жеңілдік пен кепілдік берілген тұлғалардың балалары" in (
        priorities["war_veterans_equivalent"])
    receipt_ru = text(build("queue-receipt"), "ru")
    assert "Категория очереди\nпервоочередная (дети из многодетных семей)\n" in receipt_ru
    assert "Категория очереди\nобщая\n" in text(build("queue-receipt", {"priority": None}), "ru")


# The second native review (after the fixes above): each test fails on the wording before it.
def test_the_kazakh_receipt_is_one_statement_too(build: Build) -> None:
    kk = text(build("queue-receipt"), "kk")
    assert ("Осы хабарлама ата-анаға\nСейтқалиева Әйгерім Маратқызы\n(ата-ананың аты-жөні)\nбаласы\n"
            "Сейтқалиев Нұрсұлтан Ерланұлы\n(баланың аты-жөні)\nмектепке дейінгі балалар ұйымына") in kk
    assert "кезекте тұрған көрсетілетін қызметті алушының көрсетілетін қызметті берушінің жұмыс кестесіне" in kk
    assert "тұтынушы" not in kk


def test_the_result_is_due_not_issued_on_a_day(build: Build) -> None:
    receipt = build("queue-receipt")
    assert "Нәтижені беру мерзімі мен орны: 2026 жылғы 26 қарашадан кешіктірмей," in text(receipt, "kk")
    assert "Срок и место выдачи результата: не позднее 26 ноября 2026 года," in text(receipt, "ru")


def test_one_refusal_ground_is_singular(build: Build) -> None:
    one = build("motivated-refusal", {"grounds": [{"code": "false_data"}]})
    assert "мынадай негіз бойынша бас тартылды:" in text(one, "kk")
    assert "«О государственных услугах» по следующему основанию:" in text(one, "ru")
    two = build("motivated-refusal")
    assert "мынадай негіздер бойынша" in text(two, "kk") and "по следующим основаниям:" in text(two, "ru")
    assert "қызметті алу туралы өтінішіңіз қаралды" in text(two, "kk")


def test_the_permitted_parent_is_named_by_a_noun_that_agrees(build: Build) -> None:
    father = text(build("visitation-permit"), "ru")
    assert "как орган опеки и попечительства разрешает отцу\nЖақсылықов Ерлан Бекұлы\n" in father
    assert "лишенному родительских прав" in father
    mother = text(build("visitation-permit", {"parent.full_name": "Жақсылықова Гүлмира Бекқызы",
                                              "parent.iin": make_iin(date(1990, 4, 4), "female")}), "ru")
    assert "разрешает матери\nЖақсылықова Гүлмира Бекқызы\n" in mother and "лишенной родительских прав" in mother


def test_an_aid_notice_cites_the_social_code_whatever_the_office(build: Build) -> None:
    for aid in ("targeted_social_assistance", "child_benefit"):
        doc = build("aid-assignment", {"aid_type": aid, "members": [
            {"full_name": "Тоқтаров Әлихан Мұратұлы", "iin": "120521533105", "relation_kk": "ұлы",
             "relation_ru": "сын"}], "total_amount": None})
        assert "Негіздеме: Қазақстан Республикасының 2023 жылғы 20 сәуірдегі Әлеуметтік кодексі" in text(doc, "kk")
        assert "Основание: Социальный кодекс Республики Казахстан от 20 апреля 2023 года" in text(doc, "ru")
        assert "2001" not in text(doc, "kk") + text(doc, "ru")
    rules = build("aid-assignment", {"issuer.legal_basis_kk": "Облыстық қағидалар",
                                     "issuer.legal_basis_ru": "Областные правила"})
    assert "Основание: Социальный кодекс Республики Казахстан от 20 апреля 2023 года; Областные правила" in (
        text(rules, "ru"))


def test_guardianship_names_the_term_and_the_roles_plainly(build: Build) -> None:
    doc = build("guardianship-certificate")
    kk, ru = text(doc, "kk"), text(doc, "ru")
    assert "Срок опеки (попечительства)" in ru and "Қорғаншылықтың (қамқоршылықтың) мерзімі" in kk
    assert "Срок действия" not in ru and " над нижеуказанн" not in ru
    assert "назначена опекуном и попечителем нижеуказанных детей" in ru  # one under 14, one older
    assert "балаларға қорғаншы және қамқоршы болып" in kk


def test_one_spelling_of_a_word_in_a_document(build: Build) -> None:
    kk = text(build("kindergarten-referral"), "kk")
    assert "мекен-жайы" not in kk and "Баланың үйінің мекенжайы:" in kk and "Туған күні:" in kk
