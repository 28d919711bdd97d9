"""The office kit at the counter: office init / check, --office on render, preview and batch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from helpers import SAMPLES, sample_data
from kits import KIT, copy_kit, settings, write_settings
from typer.testing import CliRunner

from kzdocs.cli import app

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def case_without_office_fields(tmp_path: Path, name: str = "queue-receipt") -> Path:
    data = sample_data(name)
    del data["issuer"], data["signatory"]
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return path


def test_init_writes_a_kit_to_fill_in_that_check_refuses_until_filled(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    result = run("office", "init", str(kit))
    assert result.exit_code == 0, result.output
    assert (kit / "office.json").is_file() and "signatory" in (kit / "README.txt").read_text(encoding="utf-8")
    check = run("office", "check", str(kit))
    assert check.exit_code == 7
    assert "issuer.name_kk: is still the placeholder" in check.stderr
    as_json = json.loads(run("office", "check", str(kit), "--json").stdout)
    assert as_json["error"]["kind"] == "office.placeholder" or as_json["error"]["kind"].startswith("office")
    again = run("office", "init", str(kit))  # nothing is ever overwritten
    assert again.exit_code == 4 and "never overwrites" in again.stderr


def test_init_from_an_old_issuer_profile(tmp_path: Path) -> None:
    data = sample_data("queue-receipt")
    profile = tmp_path / "issuer.json"
    profile.write_text(json.dumps({"issuer": data["issuer"], "signatory": data["signatory"]}, ensure_ascii=False),
                       encoding="utf-8")
    kit = tmp_path / "kit"
    assert run("office", "init", str(kit), "--from-profile", str(profile)).exit_code == 0
    doc = settings(kit)
    doc["executor"] = {"full_name": "Ахметова А.", "phone": "+7 7112 50-12-40"}
    write_settings(kit, doc)
    check = run("office", "check", str(kit))
    assert check.exit_code == 0, check.output
    assert "the kit is valid" in check.stdout


def test_check_names_the_bad_field_of_a_kit(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path)
    (kit / "emblem.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'><script/></svg>",
                                    encoding="utf-8")
    result = run("office", "check", str(kit))
    assert result.exit_code == 7
    assert result.stderr.strip() == ("error: office kit: emblem.svg: contains a script; kzdocs refuses the emblem "
                                     "rather than clean it")


def test_render_with_the_office_fills_issuer_and_signatory(tmp_path: Path) -> None:
    case = case_without_office_fields(tmp_path)
    out = tmp_path / "r.html"
    result = run("render", "queue-receipt", str(case), "-o", str(out), "--office", str(KIT))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8").replace("\xa0", " ")  # a name is kept on one line: no-break spaces
    assert "Отдел образования города Уральска" in html and "Қайырғалиев Ерлан Бекұлы" in html
    out.unlink()
    result = run("render", "queue-receipt", str(case), "-o", str(out), env={"KZDOCS_OFFICE": str(KIT)})
    assert result.exit_code == 0, result.output
    out.unlink()
    without = run("render", "queue-receipt", str(case), "-o", str(out))
    assert without.exit_code == 2 and "Issuing body (issuer): required, but not given" in without.stderr


def test_a_document_giving_its_own_signatory_needs_keep_own(tmp_path: Path) -> None:
    case = SAMPLES / "queue-receipt.json"  # its signatory differs from the kit's
    out = tmp_path / "r.html"
    result = run("render", "queue-receipt", str(case), "-o", str(out), "--office", str(KIT))
    assert result.exit_code == 2
    assert result.stderr.startswith("Signatory (signatory): the document gives its own signatory and the office kit "
                                    "supplies")
    assert not out.exists()
    kept = run("render", "queue-receipt", str(case), "-o", str(out), "--office", str(KIT), "--keep-own")
    assert kept.exit_code == 0
    assert "Жұмабаева Гүлнар Серікқызы" in out.read_text(encoding="utf-8").replace("\xa0", " ")


def test_preview_takes_the_office(tmp_path: Path) -> None:
    out = tmp_path / "p.png"
    result = run("preview", "queue-receipt", str(case_without_office_fields(tmp_path)), "-o", str(out),
                 "--office", str(KIT), "--dpi", "40")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG")


def test_the_issuer_profile_is_a_deprecated_alias(tmp_path: Path) -> None:
    data = sample_data("queue-receipt")
    profile = tmp_path / "issuer.json"
    profile.write_text(json.dumps({"issuer": data["issuer"], "signatory": data["signatory"]}, ensure_ascii=False),
                       encoding="utf-8")
    case = case_without_office_fields(tmp_path)
    out = tmp_path / "r.pdf"
    result = run("render", "queue-receipt", str(case), "-o", str(out), "--issuer", str(profile))
    assert result.exit_code == 0
    assert "warning: --issuer is deprecated" in result.stderr
    assert "kzdocs office init DIR --from-profile" in result.stderr
    both = run("render", "queue-receipt", str(case), "-o", str(out), "--issuer", str(profile), "--office", str(KIT))
    assert both.exit_code == 2 and "cannot be used together" in both.stderr


def test_a_bad_kit_stops_a_render_with_exit_7(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path)
    (kit / "office.json").unlink()
    out = tmp_path / "r.pdf"
    result = run("render", "queue-receipt", str(case_without_office_fields(tmp_path)), "-o", str(out),
                 "--office", str(kit), "--json")
    assert result.exit_code == 7
    assert json.loads(result.stdout)["error"]["kind"] == "office.kit"
    assert not out.exists()


def test_batch_with_the_office(tmp_path: Path) -> None:
    records = []
    for number in ("A-1", "A-2"):
        data = sample_data("queue-receipt")
        del data["issuer"], data["signatory"]
        records.append({**data, "number": number})
    records.append(sample_data("queue-receipt") | {"number": "A-3"})  # its own signatory: refused
    source = tmp_path / "q.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records),
                      encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", "queue-receipt", str(source), "--out", str(out), "--office", str(KIT), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) | {"errors_file": None} == {
        "total": 3, "rendered": 2, "skipped": 0, "failed": 1, "replaced": 0, "stale": [], "errors_file": None}
    failure = json.loads((out / "errors.jsonl").read_text(encoding="utf-8"))
    assert failure["line"] == 3 and failure["errors"][0]["loc"] == ["signatory"]
    assert sorted(p.name for p in out.glob("*.pdf")) == ["A-1.pdf", "A-2.pdf"]


def test_check_renders_every_sample_with_the_kit(tmp_path: Path) -> None:
    out = tmp_path / "renders"
    out.mkdir()
    result = run("office", "check", str(KIT), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "every sample renders with it" in result.stdout
    assert len(list(out.glob("*.pdf"))) == len(list(out.glob("*.docx"))) == 18


def test_check_reports_word_header_text_the_pdf_lacks_and_refuses_letters_without_glyphs(tmp_path: Path) -> None:
    import io

    from docx import Document

    kit = copy_kit(tmp_path)
    blank = Document(io.BytesIO((kit / "letterhead.docx").read_bytes()))
    blank.sections[0].header.add_paragraph("ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ БІЛІМ МИНИСТРЛІГІ")
    buffer = io.BytesIO()
    blank.save(buffer)
    (kit / "letterhead.docx").write_bytes(buffer.getvalue())
    result = run("office", "check", str(kit), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    kinds = {(p["kind"], p["where"]) for p in report["problems"]}
    assert ("parity", "letterhead.docx word/header1.xml") in kinds
    data = settings(kit)
    data["letterhead"] = {"kk": ["Білім ⰀⰁ бөлімі"], "ru": ["Отдел образования"]}  # Glagolitic: no glyphs
    write_settings(kit, data)
    refused = run("office", "check", str(kit))
    assert refused.exit_code == 7 and "office.json: letterhead.kk[0]" in refused.stderr


def test_check_reports_overflow(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path)
    data = settings(kit)
    lines = [f"Бөлімше {i}: " + "ұзын мекенжай " * 12 for i in range(14)]
    data["footer"] = {"kk": lines, "ru": [f"Подразделение {i}: " + "длинный адрес " * 12 for i in range(14)]}
    write_settings(kit, data)
    result = run("office", "check", str(kit))
    assert result.exit_code == 1
    assert "overflow: aid-assignment" in result.stdout or "overflow: queue-receipt" in result.stdout
