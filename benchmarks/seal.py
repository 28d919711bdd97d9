"""The seal's cost and its decoder's robustness, measured side by side in one run.

    .venv/bin/python benchmarks/seal.py            # cost per document, verify times, robustness grid
    .venv/bin/python benchmarks/seal.py --quick    # fewer runs and a smaller grid

1. Sealing cost: render_pdf with and without a seal (median of runs), per document, as a ratio;
   the archive copy (PDF/A-3b) likewise.
2. Verify time: from the PDF (rasterise, decode, check the signature, compare the text layer) and
   from a 300 dpi photo (JPEG), median of runs.
3. Robustness: for each document, pictures of the page at 150, 200 and 300 dpi, turned by 0, 3 and
   6 degrees, blurred by 0.05–0.15 mm and JPEG-compressed at quality 75 and 50: the share that verifies.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pypdfium2 as pdfium  # noqa: E402
from helpers import NAMES, sample  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from kzdocs import render_pdf, verify  # noqa: E402
from kzdocs.errors import VerificationError  # noqa: E402
from kzdocs.seal import SealKey, TrustList, generate_key, seal_document  # noqa: E402
from kzdocs.seal.payload import split_qr_text  # noqa: E402


def median_seconds(action, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def photo(pdf: bytes, dpi: int, angle: float, blur_mm: float, quality: int) -> bytes:
    page = pdfium.PdfDocument(pdf)[0]
    image = page.render(scale=dpi / 72).to_pil().convert("RGB")
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor="white")
    if blur_mm:
        image = image.filter(ImageFilter.GaussianBlur(blur_mm / 25.4 * dpi))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def keys_for(folder: Path) -> dict[str, SealKey]:
    keys: dict[str, SealKey] = {}
    for name in NAMES:
        issuer = sample(name).issuer
        if issuer.bin not in keys:
            office = folder / issuer.bin
            office.mkdir()
            keys[issuer.bin] = generate_key(office, bin=issuer.bin, office_kk=issuer.name_kk,
                                            office_ru=issuer.name_ru, valid_from=date(2026, 1, 1))
    return keys


def main(quick: bool) -> None:
    runs = 5 if quick else 15
    with tempfile.TemporaryDirectory() as tmp:
        keys = keys_for(Path(tmp))
    trust = TrustList(tuple(k.entry for k in keys.values()))
    docs = {name: sample(name) for name in NAMES}
    sealed = {name: render_pdf(doc, seal=keys[doc.issuer.bin]) for name, doc in docs.items()}

    print("## Seal (benchmarks/seal.py)\n")
    print(f"### 1. Sealing cost per document (median of {runs} runs)\n")
    print("| document | COSE bytes | QR version | plain | sealed | ratio | archive | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    ratios, archive_ratios = [], []
    from kzdocs.render.qr import _code

    for name, doc in docs.items():
        key = keys[doc.issuer.bin]
        qr = seal_document(doc, doc.view(), key).qr_payload
        digits = (split_qr_text(qr) or ("", ""))[1]
        cose_bytes = len(digits) // 17 * 7 + {0: 0, 3: 1, 5: 2, 8: 3, 10: 4, 13: 5, 15: 6}[len(digits) % 17]
        plain = median_seconds(lambda doc=doc: render_pdf(doc), runs)
        with_seal = median_seconds(lambda doc=doc, key=key: render_pdf(doc, seal=key), runs)
        archive = median_seconds(lambda doc=doc, key=key: render_pdf(doc, seal=key, archive=True), runs)
        ratios.append(with_seal / plain)
        archive_ratios.append(archive / plain)
        print(f"| {name} | {cose_bytes} | {_code(qr).version} | {plain * 1000:.1f} ms | {with_seal * 1000:.1f} ms "
              f"| {with_seal / plain:.2f} | {archive * 1000:.1f} ms | {archive / plain:.2f} |")
    print(f"| **median** | | | | | {statistics.median(ratios):.2f} | | {statistics.median(archive_ratios):.2f} |\n")

    print(f"### 2. Verify time (median of {runs} runs)\n")
    print("| document | from the PDF | from a 300 dpi photo (JPEG 75, 3°) |")
    print("|---|---:|---:|")
    for name in NAMES:
        pdf = sealed[name]
        picture = photo(pdf, 300, 3, 0.08, 75)
        from_pdf = median_seconds(lambda pdf=pdf: verify(pdf, trust), runs)
        from_photo = median_seconds(lambda picture=picture: verify(picture, trust), runs)
        print(f"| {name} | {from_pdf * 1000:.0f} ms | {from_photo * 1000:.0f} ms |")

    print("\n### 3. Decoder robustness: share of pictures that verify\n")
    angles = (0, 3, 6)
    blurs = (0.05, 0.1) if quick else (0.05, 0.1, 0.15)
    qualities = (60,) if quick else (75, 50)
    print(f"Angles {angles} degrees, blur {blurs} mm (Gaussian sigma on paper), JPEG quality {qualities}; "
          "all six documents.\n")
    print("| dpi | " + " | ".join(f"{b} mm" for b in blurs) + " |")
    print("|---:|" + "---:|" * len(blurs))
    for dpi in (150, 200, 300):
        cells = []
        for blur in blurs:
            ok = total = 0
            for name in NAMES:
                for angle in angles:
                    for quality in qualities:
                        total += 1
                        try:
                            verify(photo(sealed[name], dpi, angle, blur, quality), trust)
                            ok += 1
                        except VerificationError:
                            pass
            cells.append(f"{ok}/{total}")
        print(f"| {dpi} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main("--quick" in sys.argv[1:])
