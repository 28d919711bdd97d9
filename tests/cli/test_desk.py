"""The clerk's desk through a real `kzdocs` process: no silent overwrite, the office profile, errors as one
line in the clerk's language with their exit codes, Ctrl+C, a console that is not UTF-8, and real printing
through CUPS with the cups-pdf virtual printer (.ci/cups.sh sets it up)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from helpers import SAMPLES, sample_data
from PIL import Image, ImageChops, ImageFilter, ImageStat


def kzdocs(*args: str, cwd: Path, lang: str = "ru", env: dict[str, str] | None = None,
           encoding: str = "utf-8") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kzdocs", *args], cwd=cwd, capture_output=True, text=True,
                          encoding=encoding, timeout=600,
                          env={**os.environ, "KZDOCS_UI_LANG": lang, **(env or {})})


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_render_never_replaces_a_file_without_overwrite(tmp_path: Path) -> None:
    source = str(SAMPLES / "queue-receipt.json")
    (tmp_path / "receipt.pdf").write_bytes(b"yesterday's receipt")
    refused = kzdocs("render", "queue-receipt", source, "-o", "receipt.pdf", cwd=tmp_path)
    assert refused.returncode == 4
    assert refused.stderr.strip() == ("ошибка: receipt.pdf уже существует; чтобы заменить, укажите --overwrite, "
                                      "или выберите другое имя")
    assert (tmp_path / "receipt.pdf").read_bytes() == b"yesterday's receipt"
    kk = kzdocs("render", "queue-receipt", source, "-o", "receipt.pdf", "--json", cwd=tmp_path, lang="kk")
    assert json.loads(kk.stdout)["error"] == {
        "kind": "exists", "message": "receipt.pdf бұрыннан бар; ауыстыру үшін --overwrite көрсетіңіз немесе басқа "
                                     "атау таңдаңыз"}
    replaced = kzdocs("render", "queue-receipt", source, "-o", "receipt.pdf", "--overwrite", cwd=tmp_path)
    assert replaced.returncode == 0 and (tmp_path / "receipt.pdf").read_bytes().startswith(b"%PDF-")
    assert kzdocs("example", "queue-receipt", "-o", "case.json", cwd=tmp_path).returncode == 0
    assert kzdocs("example", "queue-receipt", "-o", "case.json", cwd=tmp_path).returncode == 4


def test_the_office_used_is_said_in_one_line(tmp_path: Path) -> None:
    data = sample_data("queue-receipt")
    kit = tmp_path / "kit"
    kit.mkdir()
    write(kit / "office.json", {"kzdocs_office": 1, "issuer": data["issuer"], "signatory": data["signatory"]})
    write(tmp_path / "case.json", {k: v for k, v in data.items() if k not in ("issuer", "signatory")})
    ru = kzdocs("render", "queue-receipt", "case.json", "-o", "r.pdf", "--office", str(kit), cwd=tmp_path)
    assert ru.returncode == 0, ru.stderr
    assert ru.stderr.splitlines() == [f"учреждение: Отдел образования города Уральска ({kit})", "записан r.pdf"]
    kk = kzdocs("render", "queue-receipt", "case.json", "-o", "k.pdf", "--office", str(kit), cwd=tmp_path, lang="kk")
    assert kk.stderr.splitlines()[0] == f"мекеме: Орал қаласының білім беру бөлімі ({kit})"
    other = {**data, "signatory": {**data["signatory"], "full_name": "Басқа Адам Адамұлы"}}
    write(tmp_path / "other.json", other)
    refused = kzdocs("render", "queue-receipt", "other.json", "-o", "o.pdf", "--office", str(kit), cwd=tmp_path)
    assert refused.returncode == 2 and not (tmp_path / "o.pdf").exists()
    assert refused.stderr.strip().startswith("Подписант (signatory): ")


def test_an_output_folder_that_cannot_be_written_is_exit_4_in_one_line(tmp_path: Path) -> None:
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps(sample_data("queue-receipt"), ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "taken").write_text("a file where the folder should be", encoding="utf-8")
    result = kzdocs("batch", "queue-receipt", "in.jsonl", "--out", "taken/out", cwd=tmp_path)
    assert result.returncode == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ошибка: taken/out: не удается создать папку (")
    if os.geteuid() != 0:  # root writes into any folder; the mode check only binds other users
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        result = kzdocs("batch", "queue-receipt", "in.jsonl", "--out", "locked", cwd=tmp_path)
        assert result.returncode == 4 and "Traceback" not in result.stderr


@pytest.mark.slow
def test_ctrl_c_says_how_to_resume_and_the_rerun_finishes(tmp_path: Path) -> None:
    base = sample_data("queue-receipt")
    lines = [json.dumps({**base, "number": f"Q-{i}"}, ensure_ascii=False) for i in range(40)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "kzdocs", "batch", "queue-receipt", "in.jsonl", "--out", "out"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "KZDOCS_UI_LANG": "kk"})
    deadline = time.monotonic() + 300
    while not list((tmp_path / "out").glob("*.pdf")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)  # what Ctrl+C sends
    _out, err = process.communicate(timeout=300)
    if process.returncode == 0:
        pytest.skip("the batch finished before Ctrl+C arrived")
    assert process.returncode == 130
    assert "тоқтатылды: дайын құжаттар out қалтасында сақталды; тоқтаған жерден жалғастыру үшін сол команданы " \
           "қайта іске қосыңыз" in err
    assert "Traceback" not in err
    done = len(list((tmp_path / "out").glob("*.pdf")))
    rerun = kzdocs("batch", "queue-receipt", "in.jsonl", "--out", "out", cwd=tmp_path, lang="kk")
    assert rerun.returncode == 0, rerun.stderr
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 40 and done < 40


def test_a_cp1251_console_gets_utf8_files_and_messages_that_never_crash(tmp_path: Path) -> None:
    env = {"PYTHONIOENCODING": "cp1251"}
    example = subprocess.run([sys.executable, "-m", "kzdocs", "example", "aid-assignment"], cwd=tmp_path,
                             capture_output=True, timeout=600, env={**os.environ, **env})
    assert example.returncode == 0
    data = json.loads(example.stdout.decode("utf-8"))  # the file is UTF-8 whatever the console
    assert data["applicant"]["full_name"] == "Тоқтарова Сәуле Бақытжанқызы"
    listed = kzdocs("list", cwd=tmp_path, env=env, encoding="cp1251")
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    assert "queue-receipt" in listed.stdout
    write(tmp_path / "bad.json", {**data, "applicant": {**data["applicant"], "iin": "881102422106"}})
    bad = kzdocs("render", "aid-assignment", "bad.json", "-o", "x.pdf", cwd=tmp_path, lang="kk", env=env,
                 encoding="cp1251")
    assert bad.returncode == 2
    # қ, ң, ә, ө, ү, ұ are not in cp1251: they degrade to the nearest letters; і is in it and stays
    assert bad.stderr.splitlines()[0] == ("Отініш беруші › ЖСН (applicant.iin): бакылау цифры сайкес келмейді — "
                                          "номір кате терілген")


# -- printing through a real CUPS ---------------------------------------------------------------

def page_picture(path: Path, size: tuple[int, int] | None = None) -> Image.Image:
    picture = pdfium.PdfDocument(path)[0].render(scale=30 / 72).to_pil().convert("L")
    return (picture.resize(size) if size else picture).filter(ImageFilter.GaussianBlur(3))


def difference(a: Image.Image, b: Image.Image) -> float:
    return float(ImageStat.Stat(ImageChops.difference(a, b)).mean[0])


def _printer_ready() -> str | None:
    if shutil.which("lpstat") is None:
        return "CUPS is not installed here (.ci/cups.sh installs it as root on Debian)"
    state = subprocess.run(["lpstat", "-p", "kzdocs-pdf"], capture_output=True, text=True,
                           env={**os.environ, "LANG": "C"})
    if state.returncode != 0:
        return "the cups-pdf printer kzdocs-pdf is not set up (run .ci/cups.sh as root)"
    return None


needs_cups = pytest.mark.skipif(_printer_ready() is not None, reason=str(_printer_ready()))


@needs_cups
def test_print_puts_the_document_on_the_cups_pdf_printer(tmp_path: Path) -> None:
    result = kzdocs("print", str(SAMPLES / "queue-receipt.pdf"), "--printer", "kzdocs-pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("отправлено на принтер kzdocs-pdf: задание kzdocs-pdf-")
    job = result.stdout.split("задание kzdocs-pdf-", 1)[1].split(",", 1)[0]
    deadline, printed = time.monotonic() + 120, []
    while not printed and time.monotonic() < deadline:
        printed = [p for p in Path("/var/spool/cups-pdf").glob(f"*/*job_{job}.pdf") if p.stat().st_size]
        time.sleep(0.5)
    assert printed, "cups-pdf wrote no page"
    time.sleep(1)  # cups-pdf finishes writing
    # cups-pdf prints through Ghostscript, which drops the text layer: the page is compared as a picture,
    # blurred so that the printer's own margins do not count, against the PDF sent and against another one.
    sent, other = page_picture(SAMPLES / "queue-receipt.pdf"), page_picture(SAMPLES / "aid-assignment.pdf")
    out = page_picture(printed[0], sent.size)
    assert len(pdfium.PdfDocument(printed[0])) == len(pdfium.PdfDocument(SAMPLES / "queue-receipt.pdf"))  # every page
    assert difference(out, sent) < 7 and difference(out, sent) < difference(other, sent) / 2


@needs_cups
@pytest.mark.parametrize(("printer", "code", "message"), [
    ("kzdocs-paused", 5, "ошибка: принтер kzdocs-paused приостановлен; ничего не отправлено. Возобновите его "
                         "(cupsenable kzdocs-paused) и напечатайте снова"),
    ("kzdocs-rejecting", 5, "ошибка: принтер kzdocs-rejecting не принимает задания; ничего не отправлено. Включите "
                            "прием (cupsaccept kzdocs-rejecting) и напечатайте снова"),
    ("no-such-printer", 5, "ошибка: принтера no-such-printer нет (список принтеров: lpstat -p)"),
])
def test_printers_that_cannot_print_are_told_not_reported_as_success(tmp_path: Path, printer: str, code: int,
                                                                     message: str) -> None:
    result = kzdocs("print", str(SAMPLES / "queue-receipt.pdf"), "--printer", printer, cwd=tmp_path)
    assert (result.returncode, result.stderr.strip()) == (code, message)
    rendered = kzdocs("render", "queue-receipt", str(SAMPLES / "queue-receipt.json"), "-o", "r.pdf", "--print",
                      "--printer", printer, cwd=tmp_path)
    assert rendered.returncode == code and not (tmp_path / "r.pdf").exists()  # said before anything is written


@needs_cups
def test_print_refuses_anything_but_a_pdf(tmp_path: Path) -> None:
    result = kzdocs("print", str(SAMPLES / "queue-receipt.json"), "--printer", "kzdocs-pdf", cwd=tmp_path, lang="kk")
    assert result.returncode == 5
    assert result.stderr.strip() == (f"қате: {SAMPLES / 'queue-receipt.json'} PDF емес; тек PDF басып шығарылады "
                                     "(kzdocs render ... -o ФАЙЛ.pdf арқылы шығарыңыз)")


@pytest.mark.parametrize(("lang", "lines"), [
    ("kk", ["Қазақстанның мемлекеттік қызметтерінің нәтиже құжаттары, қазақ және орыс тілдерінде.",
            "Бір құжатты шығару.", "Құжатты өріс бойынша толтыру"]),
    ("ru", ["Документы — результаты государственных услуг Казахстана, на казахском и русском языках.",
            "Сформировать один документ.", "Заполнить документ поле за полем"]),
])
def test_help_is_in_the_clerks_language_and_loads_no_spreadsheet_library(tmp_path: Path, lang: str,
                                                                         lines: list[str]) -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "kzdocs", "--help"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600,
                            env={**os.environ, "KZDOCS_UI_LANG": lang, "COLUMNS": "300"})
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for line in lines:
        assert line in text
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time")}
    assert not {name for name in imported if name.startswith(("openpyxl", "babel.messages", "pexpect"))}
    options = kzdocs("render", "--help", cwd=tmp_path, lang=lang, env={"COLUMNS": "300"}).stdout
    assert ("Шығыс файлы" if lang == "kk" else "Выходной файл") in " ".join(options.split())
