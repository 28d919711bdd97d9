"""Messages in the reader's language: complete catalogs, localized validation errors, the UI language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from corpus import CASES
from helpers import apply_changes, sample_data
from pydantic import ValidationError

from kzdocs import DOCUMENTS
from kzdocs.messages import (
    LABELS,
    bilingual_label,
    error_lines,
    field_label,
    localize_errors,
    localize_text,
    ui_language,
)

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "kzdocs" / "locale"
KEYWORDS = {"_": None, "N_": None, "translate": None, "PydanticCustomError": (2,), "Problem": (3,)}


def source_messages() -> set[str]:
    found = extract_from_dir(ROOT / "kzdocs", keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True)
    return {message for _file, _line, message, _comments, _context in found if isinstance(message, str)}


def catalog(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALE / lang / "LC_MESSAGES" / "kzdocs.po").open("rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_message_in_the_source_has_a_translation(lang: str) -> None:
    po = catalog(lang)
    missing = sorted(m for m in source_messages() if not (po.get(m) and po.get(m).string and not po.get(m).fuzzy))
    assert not missing, f"{lang}: no translation for {missing} (run tools/messages.py and translate the .po)"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_translations_keep_their_placeholders(lang: str) -> None:
    for message in catalog(lang):
        if message.id and message.string:
            assert set(re.findall(r"\{\w+\}", message.string)) == set(re.findall(r"\{\w+\}", str(message.id))), (
                message.id)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_compiled_catalogs_match_their_sources(lang: str) -> None:
    po = {m.id: m.string for m in catalog(lang) if m.id and m.string and not m.fuzzy}
    with (LOCALE / lang / "LC_MESSAGES" / "kzdocs.mo").open("rb") as handle:
        mo = {m.id: m.string for m in read_mo(handle) if m.id}
    assert mo == po, "a .mo is older than its .po: run tools/messages.py compile"


def test_every_field_of_every_document_has_a_label() -> None:
    def names(schema: dict, defs: dict) -> set[str]:  # type: ignore[type-arg]
        found: set[str] = set()
        for name in schema.get("properties", {}):
            found.add(name)
        for definition in defs.values():
            found |= set(definition.get("properties", {}))
        return found

    for model in DOCUMENTS.values():
        schema = model.model_json_schema()
        assert names(schema, schema.get("$defs", {})) <= set(LABELS), model.kind


@pytest.mark.parametrize(("name", "changes", "loc", "rule"), CASES, ids=[f"{c[0]}:{c[3]}:{c[2]}" for c in CASES])
def test_every_error_of_the_corpus_reads_in_kazakh_and_russian(name: str, changes: dict, loc: tuple, rule: str) -> None:
    with pytest.raises(ValidationError) as caught:
        DOCUMENTS[name].model_validate(apply_changes(sample_data(name), changes))
    english = {tuple(e["loc"]): e for e in caught.value.errors(include_url=False)}
    for lang in ("kk", "ru"):
        local = {tuple(e["loc"]): e for e in localize_errors(caught.value, lang)}
        error = local[loc]
        assert error["type"] == rule
        assert error["msg"] != english[loc]["msg"], f"{lang}: {rule} at {loc} is still English"
        assert not re.search(r"\b(must|should|the|Input|Field)\b", error["msg"]), error["msg"]
        if loc[-1] in LABELS:
            assert error["field"], loc


def test_a_clerk_reads_the_field_label_the_path_and_the_rule() -> None:
    data = apply_changes(sample_data("aid-assignment"), {"applicant.iin": "900101300001", "aid_type": "child_benfit"})
    with pytest.raises(ValidationError) as caught:
        DOCUMENTS["aid-assignment"].model_validate(data)
    ru = "\n".join(error_lines(caught.value, "ru"))
    assert "Заявитель › ИИН (applicant.iin): контрольная цифра не совпадает" in ru
    assert "Вид помощи (aid_type): должно быть одним из: targeted_social_assistance — государственная адресная" in ru
    assert "может быть, child_benefit?" in ru
    kk = "\n".join(error_lines(caught.value, "kk"))
    assert "Өтініш беруші › ЖСН (applicant.iin): бақылау цифры сәйкес келмейді" in kk
    assert "child_benefit — он сегіз жасқа дейінгі балаларға мемлекеттік жәрдемақы" in kk
    en = "\n".join(error_lines(caught.value, "en"))
    assert "Applicant › IIN (applicant.iin): check digit does not match" in en


def test_labels_name_list_items_from_one_and_both_languages() -> None:
    assert field_label(["members", 1, "monthly_amount"], "ru") == "Члены семьи № 2 › Сумма в месяц"
    assert bilingual_label(["monthly_amount"]) == "Айлық сома / Сумма в месяц"


def test_finished_english_texts_are_translated_with_their_values() -> None:
    assert localize_text("IIN must be exactly 12 digits", "ru") == "ИИН должен состоять ровно из 12 цифр"
    assert localize_text("must not be after the issue date 2026-11-23", "kk") == (
        "берілген күннен (23.11.2026) кейін болмауы керек")
    assert localize_text("something nobody wrote", "ru") == "something nobody wrote"


@pytest.mark.parametrize(("env", "expected"), [
    ({"KZDOCS_UI_LANG": "kk"}, "kk"),
    ({"KZDOCS_UI_LANG": "ru", "LANG": "kk_KZ.UTF-8"}, "ru"),
    ({"LANG": "ru_RU.UTF-8"}, "ru"),
    ({"LC_ALL": "kk_KZ.UTF-8", "LANG": "ru_RU.UTF-8"}, "kk"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"KZDOCS_UI_LANG": "de", "LANG": "ru_RU.UTF-8"}, "ru"),
    ({}, "en"),
])
def test_the_interface_language_comes_from_kzdocs_ui_lang_else_the_locale(env: dict, expected: str) -> None:
    assert ui_language(env) == expected
