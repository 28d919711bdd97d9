"""The staff CLI through typer's runner: every command, and what a clerk reads when input is bad."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from helpers import DELETE, NAMES, SAMPLES, apply_changes, sample_data
from typer.testing import CliRunner

from kzdocs.cli import app

runner = CliRunner()
DEPRECATED = ("warning: --issuer is deprecated and will be removed; make an office kit once with 'kzdocs office init "
              "DIR --from-profile broken.json' and use --office DIR (or KZDOCS_OFFICE)")


def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return path


def test_list_shows_six_documents_in_three_languages() -> None:
    result = run("list", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for name in NAMES:
        assert name in result.stdout
    assert "Бас тарту туралы дәлелді жауап" in result.stdout and "Motivated refusal" in result.stdout


@pytest.mark.parametrize("name", NAMES)
def test_schema_and_example(name: str) -> None:
    schema = json.loads(run("schema", name).stdout)
    assert "properties" in schema and "issuer" in schema["properties"]
    example = run("example", name)
    assert example.exit_code == 0
    assert json.loads(example.stdout)["number"]


@pytest.mark.parametrize(("suffix", "magic"), [(".pdf", b"%PDF-"), (".docx", b"PK\x03\x04"), (".html", b"<!DOCTYPE")])
def test_render_picks_the_format_from_the_extension(tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"receipt{suffix}"
    result = run("render", "queue-receipt", str(SAMPLES / "queue-receipt.json"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)
    assert f"wrote {out}" in result.stderr


def test_render_from_standard_input_in_one_language(tmp_path: Path) -> None:
    out = tmp_path / "x.bin"
    text = (SAMPLES / "motivated-refusal.json").read_text(encoding="utf-8")
    result = run("render", "motivated-refusal", "-", "-o", str(out), "--format", "html", "--lang", "ru", input=text)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Мотивированный ответ" in html and "дәлелді жауап" not in html


def test_issuer_profile_fills_the_header(tmp_path: Path) -> None:
    data = sample_data("queue-receipt")
    profile = {"issuer": data.pop("issuer"), "signatory": data.pop("signatory")}
    case = write_json(tmp_path / "case.json", data)
    profile_file = write_json(tmp_path / "issuer.json", profile)
    out = tmp_path / "r.html"
    assert run("render", "queue-receipt", str(case), "-o", str(out), "--issuer", str(profile_file)).exit_code == 0
    assert "Орал қаласының білім беру бөлімі" in out.read_text(encoding="utf-8")
    out.unlink()
    result = run("render", "queue-receipt", str(case), "-o", str(out), env={"KZDOCS_ISSUER": str(profile_file)})
    assert result.exit_code == 0 and out.exists()
    bare = write_json(tmp_path / "bare.json", profile["issuer"])  # a bare issuer object works too
    result = run("render", "queue-receipt", str(case), "-o", str(out), "--issuer", str(bare))
    assert result.exit_code == 2
    warning, error = result.stderr.strip().splitlines()  # the profile is a deprecated alias of the office kit
    assert warning.startswith("warning: --issuer is deprecated")
    assert error == "Signatory (signatory): required, but not given"


def test_missing_issue_date_uses_today_with_a_note(tmp_path: Path) -> None:
    data = sample_data("motivated-refusal")
    del data["issue_date"]
    data["application_date"] = "2026-01-05"
    case = write_json(tmp_path / "case.json", data)
    result = run("render", "motivated-refusal", str(case), "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 0
    assert "note: issue_date not given; using today" in result.stderr


def test_preview_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "page.png"
    result = run("preview", "visitation-permit", str(SAMPLES / "visitation-permit.json"), "-o", str(out))
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"\x89PNG")


def test_print_without_a_print_system_is_one_line(tmp_path: Path) -> None:
    result = run("print", str(SAMPLES / "queue-receipt.pdf"), env={"PATH": str(tmp_path)})
    assert result.exit_code == 5
    assert result.stderr.strip() == ("error: no print system found: CUPS 'lp' is not installed "
                                     "(Debian: apt-get install cups-client)")


# What a clerk reads: (description, how to break the input, exit code, the exact stderr lines).
def _sample(name: str, **changes: Any) -> dict[str, Any]:
    return apply_changes(sample_data(name), changes)


BAD_INPUTS: list[tuple[str, str, Any, int, list[str]]] = [
    ("check digit", "queue-receipt", _sample("queue-receipt", child__iin="230609512342"), 2,
     ["Child › IIN (child.iin): check digit does not match"]),
    ("birth date mismatch", "queue-receipt", _sample("queue-receipt", child__birth_date="2023-06-10"), 2,
     ["Child › Date of birth (child.birth_date): 2023-06-10 does not match the IIN, which gives the birth date "
      "2023-06-09"]),
    ("missing issuer", "queue-receipt", _sample("queue-receipt", issuer=DELETE), 2,
     ["Issuing body (issuer): required, but not given"]),
    ("typo in a field name", "queue-receipt", {**_sample("queue-receipt"), "qeue_number": 3}, 2,
     ["qeue_number: unknown field: this document has no such field (check the spelling); did you mean "
      "queue_number?"]),
    ("three decimals", "aid-assignment", _sample("aid-assignment", monthly_amount="42500.505"), 2,
     ["Monthly amount (monthly_amount): must have at most two decimal places (tiyn), not 42500.505"]),
    ("date typed the Russian way", "aid-assignment", _sample("aid-assignment", period_to="31.12.2026"), 2,
     ["Period to (period_to): must be a date written YYYY-MM-DD"]),
    ("impossible date", "visitation-permit", _sample("visitation-permit", period_from="2026-02-30"), 2,
     ["Period from (period_from): is not a real date: 2026-02-30"]),
    ("list index", "aid-assignment", _sample("aid-assignment", members__1__iin="850719351239"), 2,
     ["Family members № 2 › IIN (members.1.iin): check digit does not match"]),
    ("unknown service", "motivated-refusal", _sample("motivated-refusal", service="pasport"), 2,
     ["State service (service): must be one of: preschool_queue; education_duplicates; externat; pmpc_examination; "
      "rehabilitation; family_counselling; targeted_social_assistance; child_benefit; tsa_certificate; "
      "employment_referral; special_social_services_institution; special_social_services_home; "
      "rural_specialist_fuel_aid; job_seeker_registration; unemployed_registration; guardianship; visitation_permit"]),
    ("child too old", "guardianship-certificate",
     _sample("guardianship-certificate", children__1__iin="080815611579"), 2, []),
    ("not an object", "queue-receipt", [1, 2], 3, ["error: input.json: the input must be a JSON object"]),
]


@pytest.mark.parametrize(("what", "name", "data", "code", "lines"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str, name: str, data: Any,
                            code: int, lines: list[str]) -> None:
    source = write_json(tmp_path / "input.json", data)
    monkeypatch.chdir(tmp_path)
    result = run("render", name, "input.json", "-o", str(tmp_path / "out.pdf"))
    assert result.exit_code == code
    if lines:
        assert result.stderr.strip().splitlines() == lines
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.pdf").exists()
    if code == 2:
        machine = json.loads(run("render", name, str(source), "-o", str(tmp_path / "o.pdf"), "--json").stdout)
        assert machine["errors"] and {"loc", "msg", "type", "field"} <= set(machine["errors"][0])


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["render", "queue-reciept", "x.json", "-o", "x.pdf"], 2,
         "error: unknown document 'queue-reciept'; did you mean queue-receipt? (kzdocs list shows all six)"),
        (["render", "queue-receipt", "missing.json", "-o", "x.pdf"], 3, "error: missing.json: no such file"),
        (["render", "queue-receipt", "broken.json", "-o", "x.pdf"], 3,
         "error: broken.json is not valid JSON: Expecting ',' delimiter at line 1 column 14"),
        (["render", "queue-receipt", "SAMPLE", "-o", "no/such/dir/x.pdf"], 4,
         "error: no/such/dir/x.pdf: folder no/such/dir does not exist"),
        (["render", "queue-receipt", "SAMPLE", "-o", "x.txt"], 2,
         "error: cannot tell the format of x.txt; use --format pdf|docx|html"),
        (["render", "queue-receipt", "SAMPLE", "-o", "x.pdf", "--lang", "en"], 2,
         "error: --lang must name kk, ru or kk-Latn, comma-separated (kk,ru), not 'en'"),
        (["render", "queue-receipt", "SAMPLE", "-o", "x.pdf", "--issuer", "broken.json"], 3,
         "error: broken.json is not valid JSON: Expecting ',' delimiter at line 1 column 14"),
        (["schema", "refusal"], 2, "error: unknown document 'refusal' (kzdocs list shows all six)"),
        (["print", "nothing.pdf"], 3, "error: nothing.pdf: no such file"),
        (["batch", "aid-assignment", "missing.jsonl", "--out", "out"], 3, "error: missing.jsonl: no such file"),
        (["batch", "aid-assignment", "SAMPLE", "--out", "out", "--format", "png"], 2,
         "error: --format must be pdf, docx or pdf,docx, not 'png'"),
    ],
)
def test_file_and_usage_errors_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                            code: int, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.json").write_text('{"number": 1 "x": 2}', encoding="utf-8")
    args = [str(SAMPLES / "queue-receipt.json") if a == "SAMPLE" else a for a in args]
    result = run(*args)
    assert result.exit_code == code
    assert result.stderr.strip().removeprefix(DEPRECATED if "--issuer" in args else "").strip() == message
    as_json = json.loads(run(*args, "--json").stdout)
    assert as_json["error"]["message"] in message


def test_unwritable_output(tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root writes anywhere a folder is writable; /proc takes no new files
        target = Path("/proc/kzdocs-test.pdf")
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = locked / "x.pdf"
    result = run("render", "queue-receipt", str(SAMPLES / "queue-receipt.json"), "-o", str(target))
    assert result.exit_code == 4
    assert result.stderr.startswith(f"error: {target}: cannot write (")


# The same mistakes as a Russian- or Kazakh-speaking clerk reads them (KZDOCS_UI_LANG).
LOCALIZED: list[tuple[str, str, Any, dict[str, str]]] = [
    ("check digit", "queue-receipt", _sample("queue-receipt", child__iin="230609512342"), {
        "ru": "Ребенок › ИИН (child.iin): контрольная цифра не совпадает — номер введен с ошибкой",
        "kk": "Бала › ЖСН (child.iin): бақылау цифры сәйкес келмейді — нөмір қате терілген"}),
    ("missing issuer", "queue-receipt", _sample("queue-receipt", issuer=DELETE), {
        "ru": "Выдавший орган (issuer): обязательное поле, но не заполнено",
        "kk": "Құжатты берген орган (issuer): міндетті, бірақ толтырылмаған"}),
    ("typo in a field name", "queue-receipt", {**_sample("queue-receipt"), "qeue_number": 3}, {
        "ru": "qeue_number: неизвестное поле: в этом документе такого поля нет (проверьте написание); может быть, "
              "queue_number?",
        "kk": "qeue_number: белгісіз өріс: бұл құжатта мұндай өріс жоқ (жазылуын тексеріңіз); мүмкін, queue_number?"}),
    ("birth date mismatch", "queue-receipt", _sample("queue-receipt", child__birth_date="2023-06-10"), {
        "ru": "Ребенок › Дата рождения (child.birth_date): 10.06.2023 не совпадает с ИИН, по ИИН дата рождения "
              "09.06.2023",
        "kk": "Бала › Туған күні (child.birth_date): 10.06.2023 ЖСН-ге сәйкес келмейді, ЖСН бойынша туған күні "
              "09.06.2023"}),
    ("priority code", "queue-receipt", _sample("queue-receipt", priority={"ground": "large_family"}), {
        "ru": "Первоочередность › Основание первоочередности (priority.ground): должно быть одним из: "
              "disabled_children — дети лиц с инвалидностью; without_parental_care — дети, оставшиеся без "
              "попечения родителей; orphans — дети-сироты; large_families — дети из многодетных семей; "
              "war_veterans_equivalent — дети лиц, которым предоставлены льготы и гарантии участников и инвалидов "
              "войны; может быть, large_families?",
        "kk": "Бірінші кезектілік › Кезектілік негізі (priority.ground): мыналардың бірі болуы керек: "
              "disabled_children — мүгедектігі бар адамдардың балалары; without_parental_care — ата-анасының "
              "қамқорлығынсыз қалған балалар; orphans — жетім балалар; large_families — көп балалы отбасынан шыққан "
              "балалар; war_veterans_equivalent — соғысқа қатысқан және соғыс мүгедектеріне жеңілдік пен кепілдік "
              "берілген тұлғалардың балалары; мүмкін, large_families?"}),
]


@pytest.mark.parametrize(("what", "name", "data", "lines"), LOCALIZED, ids=[b[0] for b in LOCALIZED])
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_bad_input_in_the_clerks_language(tmp_path: Path, what: str, name: str, data: Any, lines: dict[str, str],
                                          lang: str) -> None:
    source = write_json(tmp_path / "input.json", data)
    result = run("render", name, str(source), "-o", str(tmp_path / "out.pdf"), env={"KZDOCS_UI_LANG": lang})
    assert result.exit_code == 2
    assert result.stderr.strip() == lines[lang]
    machine = json.loads(run("render", name, str(source), "-o", str(tmp_path / "out.pdf"), "--json",
                             env={"KZDOCS_UI_LANG": lang}).stdout)
    english = json.loads(run("render", name, str(source), "-o", str(tmp_path / "out.pdf"), "--json",
                             env={"KZDOCS_UI_LANG": "en"}).stdout)
    assert [(e["loc"], e["type"]) for e in machine["errors"]] == [(e["loc"], e["type"]) for e in english["errors"]]
    assert machine["errors"][0]["msg"] in lines[lang] and machine["errors"][0]["msg"] != english["errors"][0]["msg"]
