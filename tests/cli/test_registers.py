"""The clerk's registers: an Excel register made by `kzdocs example -o`, filled as a clerk fills it, and
CSV files as Excel writes them — through a real `kzdocs` process, read back from the PDFs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import make_iin, pdf_text, sample_data, squeeze
from openpyxl import load_workbook

from kzdocs.documents import AidAssignmentNotice
from kzdocs.tables import EXAMPLE_MARK, convert_cell, header_path

YOUNG = make_iin(date(2009, 5, 4), "female")  # begins with 0: Excel, given it as a number, drops the zero


def kzdocs(*args: str, cwd: Path, lang: str = "ru", env: dict[str, str] | None = None
           ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kzdocs", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "KZDOCS_UI_LANG": lang, **(env or {})})


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """The office kit of the aid notices' department (issuer and signatory)."""
    data = sample_data("aid-assignment")
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "office.json").write_text(json.dumps({"kzdocs_office": 1, "issuer": data["issuer"],
                                                 "signatory": data["signatory"]}, ensure_ascii=False), encoding="utf-8")
    return kit


def columns(sheet: Any) -> dict[str, int]:
    return {header_path(str(cell.value)) or "": cell.column for cell in sheet[1] if cell.value}


def test_an_excel_register_made_by_example_filled_as_a_clerk_does_renders_in_full(tmp_path: Path,
                                                                                  office: Path) -> None:
    made = kzdocs("example", "aid-assignment", "-o", "register.xlsx", "--office", str(office), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    book = load_workbook(tmp_path / "register.xlsx")
    sheet = book.worksheets[0]
    where = columns(sheet)
    assert "issuer.name_kk" not in where and "signatory.full_name" not in where  # the office supplies them
    assert sheet.cell(1, where["monthly_amount"]).value == "Айлық сома / Сумма в месяц\n(monthly_amount)"
    assert sheet.cell(2, 1).value == EXAMPLE_MARK
    assert sheet.cell(3, where["applicant.iin"]).number_format == "@"  # IIN cells are text
    assert sheet.cell(3, where["period_from"]).number_format == "DD.MM.YYYY"
    [aid_list] = [v for v in sheet.data_validations.dataValidation if v.sqref and
                  str(v.sqref).startswith(sheet.cell(2, where["aid_type"]).column_letter)]
    choices = [c.value for c in book.worksheets[1][aid_list.formula1.split("!")[1].replace("$", "").split(":")[0][0]]
               if c.value]
    assert "child_benefit — он сегіз жасқа дейінгі балаларға мемлекеттік жәрдемақы / государственное пособие на " \
           "детей до восемнадцати лет" in choices

    example = {path: sheet.cell(2, column).value for path, column in where.items()}
    for offset in range(3):  # the clerk copies the example row and types over it, the way Excel stores it
        row = 3 + offset
        for path, column in where.items():
            sheet.cell(row, column, example[path])
        sheet.cell(row, 1, offset + 1)
        sheet.cell(row, where["number"], f"02-15/{4100 + offset}")
        sheet.cell(row, where["issue_date"], datetime(2026, 10, 8))                 # a date cell
        sheet.cell(row, where["applicant.iin"], 881102422105)                      # an IIN typed as a number
        sheet.cell(row, where["members.3.iin"], int(YOUNG))                        # ... losing its leading zero
        sheet.cell(row, where["members.3.full_name"], ("Тоқтарова Аружан", "Тоқтарова Айым", "Тоқтарова Ару")[offset])
        sheet.cell(row, where["monthly_amount"], 42500.5)                          # float amounts, <= 2 decimals
        sheet.cell(row, where["total_amount"], 127501.5)
        sheet.cell(row, where["members.0.monthly_amount"], 10625.14)
    sheet.cell(6, where["number"], None)  # an empty trailing row Excel keeps
    book.save(tmp_path / "register.xlsx")

    result = kzdocs("batch", "aid-assignment", "register.xlsx", "--out", "out", "--office", str(office), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "учреждение: Отдел занятости и социальных программ города Караганды" in result.stderr
    assert "из 3: сформировано 3, уже готово 0, с ошибками 0" in result.stderr
    names = sorted(p.name for p in (tmp_path / "out").glob("*.pdf"))
    assert names == ["02-15_4100.pdf", "02-15_4101.pdf", "02-15_4102.pdf"]  # not the example row
    text = squeeze(pdf_text(tmp_path / "out" / "02-15_4101.pdf"))
    assert YOUNG in text and "ТоқтароваАйым" in text and "42500(қырықекімыңбесжүз)теңге50тиын" in text
    assert "ӘбілқасымовЕрболатЖәнібекұлы" in text  # the office signatory


def test_excel_cells_that_are_not_unambiguous_are_failed_records_named_by_row_and_column(tmp_path: Path,
                                                                                         office: Path) -> None:
    assert kzdocs("example", "aid-assignment", "-o", "register.xlsx", "--office", str(office),
                  cwd=tmp_path).returncode == 0
    book = load_workbook(tmp_path / "register.xlsx")
    sheet = book.worksheets[0]
    where = columns(sheet)
    for column in where.values():
        sheet.cell(3, column, sheet.cell(2, column).value)
        sheet.cell(4, column, sheet.cell(2, column).value)
    sheet.cell(3, where["number"], "A-1")
    sheet.cell(3, where["monthly_amount"], 42500.555)  # three decimals: refused, not rounded
    sheet.cell(4, where["number"], "A-2")
    sheet.cell(4, where["applicant.iin"], 881102422106)  # a typo in the check digit
    book.save(tmp_path / "register.xlsx")
    result = kzdocs("batch", "aid-assignment", "register.xlsx", "--out", "out", "--office", str(office), cwd=tmp_path)
    assert result.returncode == 1
    letter = sheet.cell(1, where["monthly_amount"]).column_letter
    assert (f"строка 3: столбец {letter} (monthly_amount): в ячейке 42500.555: больше двух знаков после запятой; "
            "округлите до тиынов") in result.stderr
    assert "строка 4: Заявитель › ИИН (applicant.iin): контрольная цифра не совпадает" in result.stderr
    assert "; см. out/errors.xlsx" in result.stderr
    rows = list(load_workbook(tmp_path / "out" / "errors.xlsx").worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("Строка", "Столбец", "Поле", "Ошибка")
    iin_column = sheet.cell(1, where["applicant.iin"])
    assert (4, f"{iin_column.column_letter}: {iin_column.value}", "Заявитель › ИИН",
            "контрольная цифра не совпадает — номер введен с ошибкой") in rows
    assert (tmp_path / "out" / "errors.jsonl").exists()


def test_a_semicolon_csv_utf8_with_russian_dates_and_amounts_renders_in_full(tmp_path: Path, office: Path) -> None:
    data = sample_data("aid-assignment")
    header = ["number", "issue_date", "aid_type", "applicant.full_name", "applicant.iin", "application_date",
              "application_number", "period_from", "period_to", "monthly_amount"]
    rows = [";".join(header)]
    for index in range(3):
        rows.append(";".join([f"02-15/{4200 + index}", "08.10.2026", "targeted_social_assistance",
                              data["applicant"]["full_name"], data["applicant"]["iin"], "29.09.2026", "АӘК-7715",
                              "01.10.2026", "31.12.2026", '"42 500,50"']))
    (tmp_path / "register.csv").write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-8-sig"))  # Excel's «CSV UTF-8»
    result = kzdocs("batch", "aid-assignment", "register.csv", "--out", "out", "--office", str(office), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == [f"02-15_{4200 + i}.pdf" for i in range(3)]
    text = squeeze(pdf_text(tmp_path / "out" / "02-15_4200.pdf"))
    assert "42500(қырықекімыңбесжүз)теңге50тиын" in text and "ТоқтароваСәулеБақытжанқызы" in text


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_a_cp1251_csv_that_lost_its_kazakh_letters_is_refused_whole(tmp_path: Path, office: Path, lang: str) -> None:
    text = ("number;applicant.full_name;applicant.iin\n02-15/1;Тоқтарова Сәуле Бақытжанқызы;881102422105\n")
    (tmp_path / "plain.csv").write_bytes(text.encode("cp1251", errors="replace"))  # Excel's plain «CSV»
    result = kzdocs("batch", "aid-assignment", "plain.csv", "--out", "out", "--office", str(office), cwd=tmp_path,
                    lang=lang)
    assert result.returncode == 3
    assert "CSV UTF-8" in result.stderr and ".xlsx" in result.stderr and "Traceback" not in result.stderr
    assert "Т?қтарова" not in result.stderr  # such a name is never printed
    (tmp_path / "resaved.csv").write_text(text.encode("cp1251", errors="replace").decode("cp1251"), encoding="utf-8")
    again = kzdocs("batch", "aid-assignment", "resaved.csv", "--out", "out", "--office", str(office), cwd=tmp_path,
                   lang=lang)
    assert again.returncode == 3
    assert ("потеряны казахские буквы" if lang == "ru" else "қазақ әріптері жоғалған") in again.stderr
    assert not list((tmp_path / "out").glob("*.pdf"))


@pytest.mark.parametrize(("value", "kind", "expected"), [
    (int(YOUNG), "iin", YOUNG),                      # the zero restored: the check digit then holds
    (12345678901, "iin", "12345678901"),             # no zero restored: validation says "12 digits"
    (881102422105.0, "iin", "881102422105"),
    (42500.5, "money", "42500.5"),
    (42500, "money", "42500"),
    ("42 500,50", "money", "42500.50"),
    ("42\u00a0500,5", "money", "42500.5"),
    ("1 234 567,89", "money", "1234567.89"),
    (datetime(2026, 11, 23), "date", "2026-11-23"),
    (date(2026, 11, 23), "date", "2026-11-23"),
    ("23.11.2026", "date", "2026-11-23"),
    ("2026-11-23", "date", "2026-11-23"),
    ("large_families — көп балалы отбасынан шыққан балалар / дети из многодетных семей", "code", "large_families"),
    (15.0, "integer", 15),
])
def test_cells_are_read_as_the_clerk_meant_them(value: Any, kind: str, expected: Any) -> None:
    assert convert_cell(value, kind) == expected


@pytest.mark.parametrize(("value", "kind"), [
    (42500.555, "money"), (0.1 + 0.2, "money"), ("42,500", "money"), ("42.500,50", "money"), ("1,234.5", "money"),
    ("23/11/2026", "date"), ("31.02.2026", "date"), (datetime(2026, 11, 23, 14, 30), "date"),
])
def test_ambiguous_cells_are_refused(value: Any, kind: str) -> None:
    with pytest.raises(ValueError):
        convert_cell(value, kind)


def test_the_json_example_leaves_out_what_the_office_supplies(tmp_path: Path, office: Path) -> None:
    bare = kzdocs("example", "aid-assignment", cwd=tmp_path)
    assert "issuer" in json.loads(bare.stdout)
    with_office = json.loads(kzdocs("example", "aid-assignment", "--office", str(office), cwd=tmp_path).stdout)
    assert "issuer" not in with_office and "signatory" not in with_office
    kit = json.loads((office / "office.json").read_text(encoding="utf-8"))
    AidAssignmentNotice.model_validate({"issuer": kit["issuer"], "signatory": kit["signatory"], **with_office})
