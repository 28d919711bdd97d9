"""The whole printed text of each document, a male and a female case, kk and ru: a wording change
shows here as a diff to review (tests/documents/fulltext/*.txt)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import DELETE, apply_changes, make_iin, sample_data

from kzdocs.documents import parse_document

FULLTEXT = Path(__file__).resolve().parent / "fulltext"

#: (document, case) → changes to the sample; each document has a male and a female case.
CASES: dict[tuple[str, str], dict[str, Any]] = {
    ("queue-receipt", "boy"): {},
    ("queue-receipt", "girl"): {"child.full_name": "Сейтқалиева Аружан Ерланқызы",
                                "child.iin": make_iin(date(2023, 6, 9), "female"), "accepted_time": None,
                                "priority": None, "accepted_documents": ["application", "birth_certificate"]},
    ("kindergarten-referral", "girl"): {},
    ("kindergarten-referral", "boy"): {"child.full_name": "Ғабдуллин Тимур Асқарұлы",
                                       "child.iin": make_iin(date(2022, 2, 18), "male"),
                                       "organisation.locality_kk": "Деркөл кенті",
                                       "organisation.locality_ru": "поселок Деркуль",
                                       "organisation.street_kk": "Мектеп көшесі",
                                       "organisation.street_ru": "улица Школьная", "issue_date": "2026-12-11"},
    ("aid-assignment", "woman"): {},
    ("aid-assignment", "man"): {"aid_type": "child_benefit",
                                "applicant.full_name": "Тоқтаров Мұрат Серікұлы", "applicant.iin": "850719351238",
                                "members": [{"full_name": "Тоқтаров Әлихан Мұратұлы", "iin": "120521533105",
                                             "relation_kk": "ұлы", "relation_ru": "сын"}],
                                "monthly_amount": "21000", "total_amount": None},
    ("guardianship-certificate", "woman"): {},
    ("guardianship-certificate", "man"): {"guardian.full_name": "Нұрпейісов Ғалым Әміржанұлы",
                                          "guardian.iin": make_iin(date(1979, 12, 5), "male"),
                                          "children": [{"full_name": "Бекмұханов Дәурен Асланұлы",
                                                        "iin": "160127577816"}]},
    ("visitation-permit", "father"): {},
    ("visitation-permit", "mother"): {"parent.full_name": "Жақсылықова Гүлмира Бекқызы",
                                      "parent.iin": make_iin(date(1990, 4, 4), "female"),
                                      "child.full_name": "Жақсылықов Нұрлан Ерланұлы",
                                      "child.iin": make_iin(date(2018, 10, 10), "male")},
    ("motivated-refusal", "man"): {},
    ("motivated-refusal", "woman"): {"applicant.full_name": "Мұқанова Сәуле Қалиқызы",
                                     "applicant.iin": make_iin(date(1985, 3, 2), "female"),
                                     "service": "job_seeker_registration", "electronic": False,
                                     "electronic_signature": DELETE,
                                     "grounds": [{"code": "false_data"}]},
}


def printed(doc_name: str, changes: dict[str, Any]) -> str:
    """«== kk ==», every Kazakh line, «== ru ==», every Russian line (no-break spaces shown as ␣)."""
    doc = parse_document(doc_name, apply_changes(sample_data(doc_name), changes))
    parts = []
    for lang in ("kk", "ru"):
        parts.append(f"== {lang} ==")
        parts.extend(line.replace("\u00a0", "␣") for line in doc.view((lang,)).text_lines())
    return "\n".join(parts) + "\n"


@pytest.mark.parametrize(("doc_name", "case"), list(CASES), ids=[f"{d}-{c}" for d, c in CASES])
def test_the_whole_printed_text(doc_name: str, case: str) -> None:
    expected = (FULLTEXT / f"{doc_name}-{case}.txt").read_text(encoding="utf-8")
    assert printed(doc_name, CASES[doc_name, case]) == expected


if __name__ == "__main__":  # regenerate after a reviewed wording change: python tests/documents/test_fulltext.py
    for (doc_name, case), changes in CASES.items():
        (FULLTEXT / f"{doc_name}-{case}.txt").write_text(printed(doc_name, changes), encoding="utf-8")
