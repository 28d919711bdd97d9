"""What the documents say: agreement by sex and number, computed dates, catalogue texts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from helpers import DELETE, NAMES, make_iin, sample
from pydantic import ValidationError

from kzdocs.documents import Document, Passage, Table, View

Build = Callable[..., Document]


def texts(view: View) -> str:
    return "\n".join(view.text_lines())


def lang_text(doc: Document, lang: str) -> str:
    return texts(doc.view((lang,)))


@pytest.mark.parametrize("name", NAMES)
def test_no_bracketed_gender_forms_when_the_iin_is_known(name: str) -> None:
    text = texts(sample(name).view())
    for form in ("(а)", "(ая)", "(ой)", "(ый)"):
        assert form not in text


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("languages", [("kk",), ("ru",), ("kk", "ru")])
def test_views_have_every_part(name: str, languages: tuple[str, ...]) -> None:
    view = sample(name).view(languages)
    text = texts(view)
    assert view.languages == languages
    doc = sample(name)
    assert doc.number in text
    if "kk" in languages:
        assert "Құжатты тексеру:" in text and "БСН" in text
    if "ru" in languages:
        assert "Проверка документа:" in text and "БИН" in text
    assert view.qr_payload.startswith(doc.issuer.verify_url + "?number=")


def test_languages_argument() -> None:
    doc = sample("queue-receipt")
    assert doc.view("ru,kk").languages == ("kk", "ru")
    for bad in [(), ("en",), ("kk", "kk"), "kk,en"]:
        with pytest.raises(ValueError, match="language"):
            doc.view(bad)


def person_change(person: str, born: date, sex: str, full_name: str | None = None) -> dict[str, Any]:
    """Another IIN (and a name of that sex: the name's ending must agree with the IIN)."""
    change = {f"{person}.iin": make_iin(born, sex), f"{person}.birth_date": born.isoformat()}
    return {**change, f"{person}.full_name": full_name} if full_name else change


def test_queue_receipt_agrees_with_the_childs_sex(build: Build) -> None:
    girl = build("queue-receipt", person_change("child", date(2023, 6, 9), "female",
                                                               "Сейтқалиева Аружан Ерланқызы"))
    boy = build("queue-receipt", person_change("child", date(2023, 6, 9), "male"))
    assert "23 ноября 2026 года поставлена в очередь" in lang_text(girl, "ru")
    assert "23 ноября 2026 года поставлен в очередь" in lang_text(boy, "ru")


def test_aid_notice_agrees_with_sex_and_aid(build: Build) -> None:
    woman = lang_text(build("aid-assignment"), "ru")
    man = lang_text(build("aid-assignment", {
        **person_change("applicant", date(1985, 7, 19), "male", "Тоқтаров Мұрат Серікұлы"),
        "members.0.iin": make_iin(date(1985, 7, 19), "male"), "members.0.full_name": "Тоқтаров Мұрат Серікұлы",
        "members.1.iin": make_iin(date(1988, 11, 2), "female"), "members.1.full_name": "Тоқтарова Сәуле Бақытжанқызы",
    }), "ru")
    assert "Уважаемая Тоқтарова Сәуле Бақытжанқызы!" in woman
    assert "Уважаемый" in man
    assert "назначена государственная адресная социальная помощь" in woman
    benefit = build("aid-assignment", {"aid_type": "child_benefit", "members": [
        {"full_name": "Тоқтаров Әлихан Мұратұлы", "iin": "120521533105", "relation_kk": "ұлы",
         "relation_ru": "сын"}]})
    ru = lang_text(benefit, "ru")
    assert "назначено государственное пособие на детей до восемнадцати лет" in ru
    assert "Уведомление о назначении государственного пособия на детей до восемнадцати лет" in ru
    kk = lang_text(benefit, "kk")
    assert "Он сегіз жасқа дейінгі балаларға мемлекеттік жәрдемақы тағайындау туралы хабарлама" in kk


def test_aid_notice_amounts_and_period_in_words() -> None:
    doc = sample("aid-assignment")
    kk, ru = lang_text(doc, "kk"), lang_text(doc, "ru")
    assert "2026 жылғы 29 қыркүйектегі №\u00a0АӘК-7715" in kk
    assert "2026 жылғы 1 қазаннан бастап 2026 жылғы 31 желтоқсанға дейінгі кезеңге" in kk
    assert "айына 42\u00a0500 (қырық екі мың бес жүз) теңге 50 тиын мөлшерінде" in kk
    assert "Кезең ішіндегі жалпы сома: 127\u00a0501 (жүз жиырма жеті мың бес жүз бір) теңге 50 тиын." in kk
    assert "в размере 42\u00a0500 (сорок две тысячи пятьсот) тенге 50 тиын в месяц" in ru
    assert "на период с 1 октября 2026 года по 31 декабря 2026 года" in ru
    assert "KZ**\u00a0****\u00a0****\u00a0****\u00a01734" in ru
    assert "KZ43722C000022501734" not in ru


@pytest.mark.parametrize(
    ("births", "kk_role", "ru_role", "kk_children", "ru_children"),
    [
        ([date(2016, 1, 27)], "қорғаншы болып", "опекуном нижеуказанного ребенка", "балаға", ""),
        ([date(2010, 8, 15)], "қамқоршы болып", "попечителем нижеуказанного ребенка", "балаға", ""),
        ([date(2016, 1, 27), date(2018, 3, 3)], "қорғаншы болып", "опекуном нижеуказанных детей",
         "балаларға", ""),
        ([date(2016, 1, 27), date(2010, 8, 15)], "қорғаншы және қамқоршы болып",
         "опекуном и попечителем нижеуказанных детей", "балаларға", ""),
    ],
)
def test_guardianship_forms_follow_ages_and_number(build: Build, births: list[date], kk_role: str, ru_role: str,
                                                   kk_children: str, ru_children: str) -> None:
    children = [{"full_name": f"Бала {'АӘБВГ'[i]}", "iin": make_iin(b, "male", 2000 + i)} for i, b in enumerate(births)]
    doc = build("guardianship-certificate", {"children": children})
    kk, ru = lang_text(doc, "kk"), lang_text(doc, "ru")
    assert f"төменде көрсетілген {kk_children} {kk_role}" in kk
    assert f"назначена {ru_role}" in ru  # the sample guardian is a woman
    table = next(b for b in doc.view(("ru",)).blocks if isinstance(b, Table))
    for row, born in zip(table.rows, births, strict=True):
        if born.year == 2016:
            assert row[3] == "опека" and row[4] == "по достижении 14 лет (27.01.2030) переходит в попечительство"
        if born.year == 2010:
            assert row[3] == "попечительство" and row[4] == "до достижения 18 лет (15.08.2028)"


def test_guardian_sex(build: Build) -> None:
    doc = build("guardianship-certificate", person_change("guardian", date(1979, 12, 5), "male",
                                                                       "Нұрпейісов Ғалым Әміржанұлы"))
    assert "назначен опекуном и попечителем нижеуказанных детей" in lang_text(doc, "ru")


def test_visitation_permit_agreement_and_schedule(build: Build) -> None:
    doc = sample("visitation-permit")
    kk, ru = lang_text(doc, "kk"), lang_text(doc, "ru")
    assert "лишенному родительских прав решением Уральского городского суда от 12 мая 2025 года" in ru
    assert "Орал қалалық сотының 2025 жылғы 12 мамырдағы шешімімен" in kk
    assert "Кестесі: әр сенбі, 10:00–12:00." in kk
    assert "График: по субботам, 10:00–12:00." in ru
    assert "2026 жылғы 1 желтоқсаннан бастап 2027 жылғы 31 мамырға дейін" in kk
    mother = build("visitation-permit", {**person_change("parent", date(1990, 4, 4), "female",
                                                                       "Жақсылықова Гүлмира Бекқызы"),
                                         "schedule.weekdays": ["sunday", "wednesday", "saturday"]})
    ru = lang_text(mother, "ru")
    assert "лишенной родительских прав" in ru
    assert "по средам, субботам и воскресеньям" in ru
    assert "әр сәрсенбі, сенбі және жексенбі" in lang_text(mother, "kk")


def test_referral_validity_and_dates() -> None:
    doc = sample("kindergarten-referral")
    kk, ru = lang_text(doc, "kk"), lang_text(doc, "ru")
    # issued 23.11.2026 + 5 days = Saturday 28.11: the last day moves to Monday 30.11
    assert "Жолдама 2026 жылғы 30 қарашаны қоса алғанға дейін жарамды." in kk
    assert "Направление действительно до 30 ноября 2026 года включительно." in ru
    assert "Туған күні: 2022 жылғы 18 ақпан" in kk
    assert "Баланы мектепке дейінгі ұйымға қабылдау үшін №\u00a00871 ЖОЛДАМА" in kk
    assert "Кезектілік нөмірі: 312" in kk


def test_queue_receipt_result_date_counts_working_days(build: Build) -> None:
    doc = build("queue-receipt", {"registered_on": "2026-11-20", "issue_date": "2026-11-20"})
    kk, ru = lang_text(doc, "kk"), lang_text(doc, "ru")
    assert "Нәтижені беру мерзімі мен орны: 2026 жылғы 25 қарашадан кешіктірмей" in kk  # Fri + 3 working days
    assert "срок оказания государственной услуги – 3 (три) рабочих дня" in ru
    assert "бірінші кезектегі (көп балалы отбасынан шыққан балалар)" in kk
    general = build("queue-receipt", {"priority": None})
    assert "Категория очереди\nобщая\n" in lang_text(general, "ru")


def test_refusal_names_the_service_and_grounds(build: Build) -> None:
    doc = sample("motivated-refusal")
    kk, ru = lang_text(doc, "kk"), lang_text(doc, "ru")
    assert "«Он сегіз жасқа дейінгі балаларға мемлекеттік жәрдемақы тағайындау»" in kk
    assert "«Назначение государственных пособий на детей до восемнадцати лет»" in ru
    assert ("1) не представлен полный пакет документов, предусмотренных стандартом государственной услуги: "
            "копия свидетельства о рождении ребенка;") in ru
    assert "2) возраст ребенка не соответствует" in ru
    assert "Уважаемый Мұқанов Серік Қалиұлы!" in ru
    other = build("motivated-refusal", {"grounds": [{"code": "other", "details_kk": "Өтініш қайталанған",
                                                     "details_ru": "Заявление подано повторно"}]})
    assert "1) Заявление подано повторно." in lang_text(other, "ru")


def test_electronic_footer_replaces_the_seal(build: Build) -> None:
    paper = lang_text(build("motivated-refusal", {"electronic": False, "electronic_signature": DELETE}), "kk")
    electronic = lang_text(sample("motivated-refusal"), "kk")
    assert "М.О." in paper and "М.О." not in electronic
    assert "Бұл құжат «Электрондық құжат және электрондық цифрлық қолтаңба туралы»" in electronic
    assert "Электрондық құжат" not in paper


def test_electronic_signature_block_replaces_the_handwritten_line(build: Build) -> None:
    doc = sample("motivated-refusal")
    kk, ru = lang_text(doc, "kk"), lang_text(doc, "ru")
    assert "__________" not in kk + ru
    assert "Электрондық цифрлық қолтаңбамен қол қойылған" in kk and "Подписано электронной цифровой подписью" in ru
    assert "Серийный номер сертификата: 4F6E2A19C05B7D3381E2F0A4C9D1B2775E3A1C08" in ru
    assert "Время подписания: 18 ноября 2026 года, 11:42:07 (UTC+05:00)" in ru
    assert "Қол қойылған уақыты: 2026 жылғы 18 қараша, 11:42:07 (UTC+05:00)" in kk
    assert "Подписант: Әбілқасымов Ерболат Жәнібекұлы" in ru
    unsigned = build("motivated-refusal", {"electronic_signature": DELETE})
    assert "Подписант: Әбілқасымов Ерболат Жәнібекұлы" in lang_text(unsigned, "ru")  # the signatory signs
    with pytest.raises(ValidationError, match="a paper document"):
        build("motivated-refusal", {"electronic": False})
    with pytest.raises(ValidationError, match="hex digits"):
        build("motivated-refusal", {"electronic_signature.certificate_serial": "not-hex"})
    spaced = build("motivated-refusal", {"electronic_signature.certificate_serial": "\u00a04f:6e 2A\u00a019\t"})
    assert spaced.electronic_signature is not None
    assert spaced.electronic_signature.certificate_serial == "4F6E2A19"  # as a certificate viewer copies it
    with pytest.raises(ValidationError, match="date and time"):
        build("motivated-refusal", {"electronic_signature.signed_at": "18.11.2026"})


def test_passages_have_both_languages() -> None:
    for name in NAMES:
        for block in sample(name).view().blocks:
            if isinstance(block, Passage):
                assert list(block.texts) == ["kk", "ru"] and all(block.texts.values())
