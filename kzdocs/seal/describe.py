"""The signed facts and the verdict as a reader sees them, in Kazakh and in Russian."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Final

from kzdocs.documents import DOCUMENTS
from kzdocs.documents.aid_assignment import AIDS
from kzdocs.documents.catalogue import REFUSAL_GROUNDS, SERVICES
from kzdocs.lang import format_amount, format_date

from .keys import TrustEntry
from .payload import FACT_CODES, FACTS, Seal

LABELS: Final = {
    "kind": ("Құжат", "Документ"),
    "number": ("Нөмірі", "Номер"),
    "issue_date": ("Берілген күні", "Дата выдачи"),
    "issuer": ("Берген ұйым", "Выдавший орган"),
    "persons": ("ЖСН", "ИИН"),
}
#: The verdict in each language, by error code (``valid`` when the seal holds).
VERDICTS: Final = {
    "valid": ("Мөр жарамды", "Печать действительна"),
    "verify.not_found": ("Файлда мөрі бар QR-код табылмады", "В файле не найден QR-код с печатью"),
    "verify.malformed": ("QR-кодтағы мөр оқылмайды", "Печать в QR-коде не читается"),
    "verify.unknown_key": ("Мөрдің кілті сенім тізімінде жоқ", "Ключа печати нет в списке доверия"),
    "verify.expired_key": ("Құжат кілттің жарамдылық мерзімінен тыс берілген",
                           "Документ выдан вне срока действия ключа"),
    "verify.retired_key": ("Мөрдің кілтін ұйым кері қайтарып алған", "Ключ печати отозван организацией"),
    "verify.signature": ("Қолтаңба сәйкес келмейді: деректер өзгертілген немесе жалған",
                         "Подпись не сходится: данные изменены или подделаны"),
    "verify.issuer": ("Мөрдегі БСН кілт иесіне тиесілі емес", "БИН в печати не принадлежит владельцу ключа"),
    "verify.text_changed": ("Басылған мәтін қол қойылған мәтінмен сәйкес келмейді",
                            "Напечатанный текст не совпадает с подписанным"),
}
TEXT_NOTES: Final = {
    True: ("Басылған мәтін қол қойылған мәтінмен сәйкес келеді.", "Напечатанный текст совпадает с подписанным."),
    False: ("Мәтін тексерілмеді (сурет): қағаздағы деректерді төмендегілермен салыстырыңыз.",
            "Текст не проверялся (изображение): сверьте напечатанное с данными ниже."),
}


def _value(name: str, value: Any, lang: str) -> str:
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, Decimal):
        return format_amount(value, lang)
    if name == "aid_type":
        aid = AIDS[value]
        return aid.name_kk if lang == "kk" else aid.name_ru
    if name == "service":
        service = SERVICES[value]
        return service.name_kk if lang == "kk" else service.name_ru
    if name == "grounds":
        texts = []
        for code in value:
            ground = REFUSAL_GROUNDS[code]
            text = ground.text_kk if lang == "kk" else ground.text_ru
            texts.append(text or ("басқа негіз" if lang == "kk" else "иное основание"))
        return "; ".join(f"{i}) {t}" for i, t in enumerate(texts, 1))
    return str(value)


def describe(seal: Seal, entry: TrustEntry | None, lang: str) -> list[tuple[str, str]]:
    """``(label, value)`` lines of the signed facts in ``lang`` (``kk`` or ``ru``)."""
    at = 0 if lang == "kk" else 1
    model = DOCUMENTS[seal.kind]
    office = "" if entry is None else (entry.office_kk if lang == "kk" else entry.office_ru) + ", "
    lines = [
        (LABELS["kind"][at], model.titles.get(lang, seal.kind)),
        (LABELS["number"][at], seal.number),
        (LABELS["issue_date"][at], format_date(seal.issue_date, lang)),
        (LABELS["issuer"][at], f"{office}{'БСН' if lang == 'kk' else 'БИН'} {seal.issuer_bin}"),
        (LABELS["persons"][at], ", ".join(seal.persons)),
    ]
    for name, value in seal.facts.items():
        kind = FACTS[FACT_CODES[name]]
        lines.append((kind.label_kk if lang == "kk" else kind.label_ru, _value(name, value, lang)))
    return lines
